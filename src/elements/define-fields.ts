// Registers the split field elements (idempotent, so two copies of the SDK cannot clash).
import { PayframeCardCvc, PayframeCardExpiry, PayframeCardCountry, PayframeCardName, PayframeCardNumber, PayframeCardPostal } from './card-field.ts';

const FIELD_ELEMENTS = {
  'payframe-card-number': PayframeCardNumber,
  'payframe-card-expiry': PayframeCardExpiry,
  'payframe-card-cvc': PayframeCardCvc,
  'payframe-card-name': PayframeCardName,
  'payframe-card-country': PayframeCardCountry,
  'payframe-card-postal': PayframeCardPostal,
} as const;

for (const [tag, element] of Object.entries(FIELD_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'payframe-card-number': PayframeCardNumber;
    'payframe-card-expiry': PayframeCardExpiry;
    'payframe-card-cvc': PayframeCardCvc;
    'payframe-card-name': PayframeCardName;
    'payframe-card-country': PayframeCardCountry;
    'payframe-card-postal': PayframeCardPostal;
  }
}
