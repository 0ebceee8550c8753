// Registers <payframe-checkout> (idempotent, so two copies of the SDK cannot clash).
import { PayframeCheckout } from './checkout.ts';

if (!customElements.get('payframe-checkout')) customElements.define('payframe-checkout', PayframeCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'payframe-checkout': PayframeCheckout;
  }
}
