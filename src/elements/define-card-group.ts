// Registers <payframe-card-group> (idempotent, so two copies of the SDK cannot clash). A group
// also adopts split fields that were upgraded before it.
import { PayframeCardGroupElement } from './card-group.ts';

if (!customElements.get('payframe-card-group')) customElements.define('payframe-card-group', PayframeCardGroupElement);

declare global {
  interface HTMLElementTagNameMap {
    'payframe-card-group': PayframeCardGroupElement;
  }
}
