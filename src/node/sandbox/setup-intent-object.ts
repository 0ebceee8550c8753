// The SetupIntent object in Stripe's shape (saving a card for later payments, with 3-D Secure when
// the card asks), and the narrower view a browser gets with the publishable key and the
// SetupIntent's client_secret (Stripe.js's SetupIntent type).
import type { PaymentMethod } from './payment-method-object.ts';
import type { RedirectToUrlAction, UseStripeSdkAction } from './payment-intent-object.ts';

export type SetupIntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'canceled' | 'succeeded';

export const SETUP_USAGES = ['off_session', 'on_session'] as const;
export type SetupUsage = (typeof SETUP_USAGES)[number];

export const SETUP_CANCELLATION_REASONS = ['abandoned', 'duplicate', 'requested_by_customer'] as const;
export type SetupCancellationReason = (typeof SETUP_CANCELLATION_REASONS)[number];

export const SETUP_INTENT_ID = /^seti_[A-Za-z0-9]{1,64}$/;

export interface LastSetupError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  doc_url: string;
  message: string;
  param?: string;
  payment_method: PaymentMethod;
  payment_method_type: 'card';
}

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  application: null;
  automatic_payment_methods: null;
  cancellation_reason: SetupCancellationReason | null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  excluded_payment_method_types: null;
  flow_directions: null;
  last_setup_error: LastSetupError | null;
  latest_attempt: null;
  livemode: false;
  mandate: null;
  metadata: Record<string, string>;
  next_action: RedirectToUrlAction | UseStripeSdkAction | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: { card: { mandate_options: null; network: null; request_three_d_secure: 'automatic' } };
  payment_method_types: ['card'];
  single_use_mandate: null;
  status: SetupIntentStatus;
  usage: SetupUsage;
}

// What a publishable key may see (Stripe.js's SetupIntent): no customer, metadata or mandate.
const PUBLISHABLE_FIELDS = [
  'id',
  'object',
  'cancellation_reason',
  'client_secret',
  'created',
  'description',
  'last_setup_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_types',
  'status',
  'usage',
] as const satisfies readonly (keyof SetupIntent)[];

export type PublishableSetupIntent = Pick<SetupIntent, (typeof PUBLISHABLE_FIELDS)[number]>;

export function publishableSetupIntentView(setupIntent: SetupIntent): PublishableSetupIntent {
  return Object.fromEntries(PUBLISHABLE_FIELDS.map((field) => [field, setupIntent[field]])) as PublishableSetupIntent;
}
