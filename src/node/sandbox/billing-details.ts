// The optional `billing_details[...]` param, echoed back in Stripe's shape (null when not given).
import { optionalObject, optionalString } from './form-body.ts';

export interface BillingAddress {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface BillingDetails {
  address: BillingAddress;
  email: string | null;
  name: string | null;
  phone: string | null;
  /** The shopper's tax id: only Boleto payments collect one, so always null for cards. */
  tax_id: null;
}

const ADDRESS_FIELDS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;

function stringOrNull(source: Record<string, unknown> | undefined, field: string, param: string): string | null {
  const value = optionalString(source?.[field], param);
  // Empty means unset in Stripe's form encoding.
  return value === undefined || value === '' ? null : value;
}

export function parseBillingDetails(param: unknown): BillingDetails {
  const details = optionalObject(param, 'billing_details');
  const address = optionalObject(details?.address, 'billing_details[address]');
  const parsedAddress = Object.fromEntries(
    ADDRESS_FIELDS.map((field) => [field, stringOrNull(address, field, `billing_details[address][${field}]`)]),
  ) as unknown as BillingAddress;
  return {
    address: parsedAddress,
    email: stringOrNull(details, 'email', 'billing_details[email]'),
    name: stringOrNull(details, 'name', 'billing_details[name]'),
    phone: stringOrNull(details, 'phone', 'billing_details[phone]'),
    tax_id: null,
  };
}
