// The PaymentIntent object in Stripe's shape, and the narrower view a browser gets when it reads
// an intent with the publishable key and the intent's client_secret (Stripe.js's PaymentIntent type).
// Its fields are those of Stripe's example PaymentIntent (stripe/openapi fixtures3.json).
import type { PaymentMethod, PaymentMethodType } from './payment-method-object.ts';

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
export type CaptureMethod = (typeof CAPTURE_METHODS)[number];

/** Save the card when the payment succeeds, for later payments with (on_session) or without the shopper. */
export const SETUP_FUTURE_USAGES = ['off_session', 'on_session'] as const;
export type SetupFutureUsage = (typeof SETUP_FUTURE_USAGES)[number];

export const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface LastPaymentError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  doc_url: string;
  message: string;
  param?: string;
  /** The failed charge; absent when no charge was attempted (failed authentication). */
  charge?: string;
  payment_method: PaymentMethod;
  payment_method_type: PaymentMethodType;
}

export interface CardPaymentMethodOptions {
  installments: null;
  mandate_options: null;
  network: null;
  request_three_d_secure: 'automatic';
}

/** The options of each payment method type the intent takes (Stripe's defaults: the sandbox sets none). */
export interface PaymentMethodOptions {
  card?: CardPaymentMethodOptions;
  sepa_debit?: Record<string, never>;
  us_bank_account?: { verification_method: 'automatic' };
}

export interface RedirectToUrlAction {
  type: 'redirect_to_url';
  redirect_to_url: { url: string; return_url: string | null };
}

/** What Stripe answers when Stripe.js is to run the challenge (`stripe.handleNextAction`). */
export interface UseStripeSdkAction {
  type: 'use_stripe_sdk';
  use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string; source: string };
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: null;
  application_fee_amount: null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  canceled_at: number | null;
  cancellation_reason: CancellationReason | null;
  capture_method: CaptureMethod;
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  /** Customers that are Accounts (Stripe's Accounts v2): never in the sandbox. */
  customer_account: null;
  description: string | null;
  excluded_payment_method_types: null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  /** Stripe as merchant of record (a preview): not in the sandbox. */
  managed_payments: null;
  metadata: Record<string, string>;
  next_action: RedirectToUrlAction | UseStripeSdkAction | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: PaymentMethodOptions;
  /** ['card'] unless the merchant asked for bank debits (sepa_debit, us_bank_account). */
  payment_method_types: PaymentMethodType[];
  processing: null;
  receipt_email: null;
  review: null;
  setup_future_usage: SetupFutureUsage | null;
  shipping: null;
  source: null;
  statement_descriptor: null;
  statement_descriptor_suffix: null;
  status: PaymentIntentStatus;
  transfer_data: null;
  transfer_group: null;
}

// What a publishable key may see: no metadata, amounts received or charges, which are the merchant's.
const PUBLISHABLE_FIELDS = [
  'id',
  'object',
  'amount',
  'canceled_at',
  'cancellation_reason',
  'capture_method',
  'client_secret',
  'confirmation_method',
  'created',
  'currency',
  'description',
  'last_payment_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_types',
  'processing',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'status',
] as const satisfies readonly (keyof PaymentIntent)[];

export type PublishablePaymentIntent = Pick<PaymentIntent, (typeof PUBLISHABLE_FIELDS)[number]>;

export function publishableView(intent: PaymentIntent): PublishablePaymentIntent {
  return Object.fromEntries(PUBLISHABLE_FIELDS.map((field) => [field, intent[field]])) as PublishablePaymentIntent;
}
