// The drop-in's billing attributes, read on the merchant page: which billing inputs the card frame
// lays out (`billing-fields="name postal country"`), and what the merchant already knows of the
// shopper to fill in (`cardholder-name`, `billing-country`). Never card data. Merchant realm.
import { BILLING_FIELDS } from '../shared/protocol-constants.ts';

/** The frame parameter for `billing-fields`: the known inputs in their fixed order, or undefined for none. */
export function billingFieldsParam(attribute: string | null | undefined, owner: string): string | undefined {
  const tokens = (attribute ?? '').split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    if (!(BILLING_FIELDS as readonly string[]).includes(token)) console.warn(`<${owner}> billing-fields: "${token}" is not a billing input (${BILLING_FIELDS.join(', ')}); left out.`);
  }
  const fields = BILLING_FIELDS.filter((field) => tokens.includes(field));
  return fields.length ? fields.join() : undefined;
}

/** The prefill the card frame accepts: a name of at most 200 characters, a two-letter country code. */
export function billingDefaults(name: string | null | undefined, country: string | null | undefined): { name?: string; country?: string } {
  const code = (country ?? '').trim().toUpperCase();
  return { ...(name ? { name: name.slice(0, 200) } : {}), ...(/^[A-Z]{2}$/.test(code) ? { country: code } : {}) };
}
