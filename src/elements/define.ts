// Registers every Payframe element. Groups before fields: a field upgraded inside an already
// defined group finds it at once (and the group also adopts fields that connected earlier).
import { PayframeCardGroupElement } from './card-group.ts';
import { PayframeCheckout } from './checkout.ts';
import './define-fields.ts';

if (!customElements.get('payframe-card-group')) customElements.define('payframe-card-group', PayframeCardGroupElement);
if (!customElements.get('payframe-checkout')) customElements.define('payframe-checkout', PayframeCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'payframe-card-group': PayframeCardGroupElement;
    'payframe-checkout': PayframeCheckout;
  }
}
