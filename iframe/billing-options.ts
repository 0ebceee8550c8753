// The drop-in's billing attributes as the card frame reads them (the page passes them on as the
// merchant wrote them): which billing inputs to lay out (`billing-fields="name postal country"`),
// and what the merchant already knows of the shopper to fill in (`cardholder-name`,
// `billing-country`). Read here, in the billing inputs' chunk, so the page carries none of it.
// Fields origin.
import { BILLING_FIELDS } from '../src/shared/billing-fields.ts';
import type { BillingField } from '../src/shared/protocol.ts';

/** The known inputs in their fixed order, and the words that name none (for the merchant's console). */
export function billingFieldsOf(attribute: string): { fields: BillingField[]; unknown: string[] } {
  const tokens = attribute.split(/\s+/).filter(Boolean);
  return {
    fields: BILLING_FIELDS.filter((field) => tokens.includes(field)),
    unknown: tokens.filter((token) => !(BILLING_FIELDS as readonly string[]).includes(token)),
  };
}

/** What the inputs take: a name as given (at most 200 characters), a two-letter country code, upper case. */
export function billingDefaults(known: { name?: string | undefined; country?: string | undefined }): { name?: string; country?: string } {
  const code = (known.country ?? '').trim().toUpperCase();
  return { ...(known.name ? { name: known.name.slice(0, 200) } : {}), ...(/^[A-Z]{2}$/.test(code) ? { country: code } : {}) };
}
