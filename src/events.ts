// The DOM events Payframe elements dispatch (all bubble and cross shadow roots), typed for
// `addEventListener`. Merchant realm: no event ever carries card data.
import type { CardBrand } from './shared/card-brands.ts';
import type { CardFrameField, CheckoutError, FieldState, PaymentIntentSummary, PaymentMethod, SavedCardResult, SetupIntentSummary } from './shared/protocol.ts';

/** `field`: the card's `number`, `expiry`, `cvc`, or a billing input's `name`, `postal`, `country` (the drop-in's and the split fields'). */
export interface PayframeChangeDetail extends FieldState {
  field: CardFrameField;
}
export interface PayframeFieldDetail {
  field: CardFrameField;
}
/** With `bin`: the card's first 6 digits, then 8 for a number of 16 digits or more, and what the fields origin knows of them. */
export interface PayframeBinDetail {
  bin: string;
  funding?: 'credit' | 'debit' | 'prepaid';
  /** The issuing country, ISO 3166-1 alpha-2. */
  country?: string;
  /** The networks a co-badged card can go on. */
  networks?: CardBrand[];
}
export interface PayframeTokenDetail {
  paymentMethod: PaymentMethod;
}
export interface PayframePaymentDetail {
  paymentIntent: PaymentIntentSummary;
}
/** `mode="setup"`: the SetupIntent succeeded and saved the card as this payment method (its id; the card stays on the gateway). */
export interface PayframeSetupDetail {
  setupIntent: SetupIntentSummary;
  paymentMethod: string;
}
/**
 * A card group with `payment-method`: the saved card the PaymentIntent pays with, as the gateway
 * describes it to a publishable key (`card`: brand, last4, exp_month, exp_year; `description`:
 * "Visa •••• 4242, expires 12/34" in the group's locale), or why it cannot pay it (`error`).
 */
export type PayframeSavedCardDetail = SavedCardResult;
export interface PayframeErrorDetail {
  error: CheckoutError;
}

export type PayframeReadyEvent = CustomEvent<Record<string, never>>;
export type PayframeChangeEvent = CustomEvent<PayframeChangeDetail>;
export type PayframeFocusEvent = CustomEvent<PayframeFieldDetail>;
export type PayframeBlurEvent = CustomEvent<PayframeFieldDetail>;
export type PayframeEscapeEvent = CustomEvent<PayframeFieldDetail>;
export type PayframeBinEvent = CustomEvent<PayframeBinDetail>;
export type PayframeTokenEvent = CustomEvent<PayframeTokenDetail>;
export type PayframePaymentEvent = CustomEvent<PayframePaymentDetail>;
export type PayframeSetupEvent = CustomEvent<PayframeSetupDetail>;
export type PayframeSavedCardEvent = CustomEvent<PayframeSavedCardDetail>;
export type PayframeErrorEvent = CustomEvent<PayframeErrorDetail>;
export type PayframeSubmitEvent = CustomEvent<Record<string, never>>;

export interface PayframeEventMap {
  'payframe-ready': PayframeReadyEvent;
  'payframe-change': PayframeChangeEvent;
  'payframe-focus': PayframeFocusEvent;
  'payframe-blur': PayframeBlurEvent;
  'payframe-escape': PayframeEscapeEvent;
  'payframe-bin': PayframeBinEvent;
  'payframe-token': PayframeTokenEvent;
  'payframe-payment': PayframePaymentEvent;
  'payframe-setup': PayframeSetupEvent;
  'payframe-saved-card': PayframeSavedCardEvent;
  'payframe-error': PayframeErrorEvent;
  'payframe-submit': PayframeSubmitEvent;
}

declare global {
  interface HTMLElementEventMap extends PayframeEventMap {}
}

export function dispatchPayframeEvent<K extends keyof PayframeEventMap>(target: EventTarget, type: K, detail: PayframeEventMap[K]['detail']): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
