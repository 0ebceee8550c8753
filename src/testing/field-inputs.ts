// Where a shopper types each field of a checkout: the drop-in's one card frame holds every input
// (billing ones too, with billing-fields); split fields have a frame per field. Node (Playwright tests).
import type { FrameLocator, Locator } from '@playwright/test';

/** The card's fields, and the drop-in's billing inputs (with `billing-fields`). */
export type CardField = 'number' | 'expiry' | 'cvc' | 'name' | 'postal';

export const CARD_FIELDS: readonly CardField[] = ['number', 'expiry', 'cvc', 'name', 'postal'];

/** Which kind of checkout: the drop-in (<payframe-checkout>) or split fields (<payframe-card-group>). */
export type CheckoutLayout = 'drop-in' | 'split-fields';

/** The frame a field's input lives in, as a FrameLocator (Playwright reaches into it; the page cannot). */
export function fieldFrame(host: Locator, layout: CheckoutLayout, field: CardField): FrameLocator {
  return layout === 'drop-in' ? host.frameLocator('[part="card"] iframe') : host.frameLocator(`payframe-card-${field} iframe`);
}

/** The <iframe> element holding a field's input, on the merchant page. */
export function fieldIframe(host: Locator, layout: CheckoutLayout, field: CardField): Locator {
  return layout === 'drop-in' ? host.locator('[part="card"] iframe') : host.locator(`payframe-card-${field} iframe`);
}

/** The billing fields: in the drop-in's card frame and in a split field's own frame alike, the input's id is the field's name. */
const BILLING_FIELDS: readonly CardField[] = ['name', 'postal'];

/** The input a shopper types the field into. */
export function fieldInput(host: Locator, layout: CheckoutLayout, field: CardField): Locator {
  const id = layout === 'drop-in' || BILLING_FIELDS.includes(field) ? field : 'input';
  return fieldFrame(host, layout, field).locator(`input#${id}`);
}
