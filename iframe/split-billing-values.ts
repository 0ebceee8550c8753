// The controller's own check of the split billing fields' values before they go to the gateway with
// the card (Stripe's `billing_details`): the name given, a country chosen, the postal code in the
// format of the country (postal-code.ts, the rules the frame judged it by). Fields origin.
import { ENGLISH_BILLING_TEXTS } from '../src/i18n/billing-messages.ts';
import type { BillingErrorCode } from '../src/shared/errors.ts';
import type { CheckoutError, SplitFieldKind } from '../src/shared/protocol.ts';
import { isPostalCode, normalizePostalCode } from './fields/postal-code.ts';
import type { BillingDetails } from './gateway/gateway-adapter.ts';

export type SplitBillingField = Extract<SplitFieldKind, 'name' | 'country' | 'postal'>;

export const isSplitBillingField = (field: SplitFieldKind): field is SplitBillingField => field === 'name' || field === 'country' || field === 'postal';

/**
 * What the billing frames answered: each field's value; `country` is the country frame's choice
 * ('' for none) when it is in the checkout, else the group's `billing-country` the others hold.
 */
export type SplitBillingValues = Partial<Record<SplitBillingField, string>>;

const refused = (code: BillingErrorCode, field: SplitBillingField): { error: CheckoutError } => ({ error: { code, message: ENGLISH_BILLING_TEXTS[code], field } });

/** The billing details of `fields`, or the first one's error (the frames showed it already: the page refuses unfinished fields first). */
export function splitBillingDetails(fields: SplitBillingField[], values: SplitBillingValues): { billing: BillingDetails } | { error: CheckoutError } {
  if (fields.includes('country') && !/^[A-Z]{2}$/.test(values.country ?? '')) return refused('incomplete_country', 'country');
  const billing: BillingDetails = values.country ? { country: values.country } : {};
  if (fields.includes('name')) {
    const name = (values.name ?? '').trim();
    if (!name) return refused('incomplete_name', 'name');
    billing.name = name;
  }
  if (fields.includes('postal')) {
    const postalCode = normalizePostalCode(values.postal ?? '');
    if (!postalCode) return refused('incomplete_postal', 'postal');
    if (!isPostalCode(postalCode, values.country)) return refused('invalid_postal', 'postal');
    billing.postalCode = postalCode;
  }
  return { billing };
}
