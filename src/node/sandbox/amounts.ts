// Amounts (integers in the currency's minor unit: 1999 = €19.99) and ISO currency codes,
// checked the way Stripe checks them, and formatted for people (error messages, the 3DS page).
import { StripeApiError, invalidParam, missingParam } from './stripe-error.ts';

// Stripe's limit: eight digits of minor units.
const MAX_AMOUNT = 99_999_999;
const SUPPORTED_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

function amountError(code: string, param: string, message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, param, message });
}

/** A positive amount in minor units, or undefined when the param is absent. The value is never echoed. */
export function optionalAmount(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) {
    throw amountError('parameter_invalid_integer', param, `Invalid integer: ${param} must be a whole number of the currency's smallest unit (1999 for 19.99).`);
  }
  const amount = Number(value);
  if (amount < 1) throw amountError('amount_too_small', param, `${param} must be at least 1 (in the currency's smallest unit).`);
  if (amount > MAX_AMOUNT) throw amountError('amount_too_large', param, `${param} must be no more than ${MAX_AMOUNT}.`);
  return amount;
}

export function requiredAmount(value: unknown, param: string): number {
  const amount = optionalAmount(value === '' ? undefined : value, param);
  if (amount === undefined) throw missingParam(param);
  return amount;
}

/** A three-letter ISO 4217 code, lowercased as Stripe returns it. */
export function optionalCurrency(value: unknown, param = 'currency'): string | undefined {
  if (value === undefined) return undefined;
  const code = typeof value === 'string' ? value.toLowerCase() : '';
  if (!SUPPORTED_CURRENCIES.has(code)) {
    // Only a well-formed code is echoed (it cannot carry anything else).
    throw invalidParam(param, /^[a-z]{3}$/.test(code) ? `Invalid currency: ${code}.` : `Invalid currency: ${param} must be a three-letter ISO currency code.`);
  }
  return code;
}

export function requiredCurrency(value: unknown, param = 'currency'): string {
  const currency = optionalCurrency(value === '' ? undefined : value, param);
  if (currency === undefined) throw missingParam(param);
  return currency;
}

/** "€19.99" for (1999, 'eur'), honouring currencies without minor units ("¥500" for (500, 'jpy')). */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() });
  const fractionDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** fractionDigits);
}
