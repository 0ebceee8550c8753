// Validation of the `card[...]` params of POST /v1/payment_methods, with Stripe's error codes:
// 400 for missing params, 402 card_error for details that cannot belong to a real card.
import { cvcLengths, type StripeCardBrand } from './card-brand.ts';
import { cardMetadata } from './test-cards.ts';
import { cardError, missingParam } from './stripe-error.ts';
import { optionalObject, optionalString } from './form-body.ts';

export interface ValidatedCard {
  /** Digits only. Sensitive: never store, log or return it. */
  number: string;
  brand: StripeCardBrand;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  /** Sensitive: only its presence may leave the gateway. */
  cvc: string | undefined;
}

// Stripe rejects expiry years this far ahead as implausible.
const MAX_YEARS_AHEAD = 50;

function requiredString(card: Record<string, unknown> | undefined, field: string): string {
  const param = `card[${field}]`;
  const value = optionalString(card?.[field], param);
  // An empty form value means "not set", as in Stripe's API.
  if (value === undefined || value === '') throw missingParam(param);
  return value;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function validateNumber(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) {
    throw cardError('invalid_number', 'card[number]', 'Your card number is invalid.');
  }
  if (!passesLuhn(digits)) {
    throw cardError('incorrect_number', 'card[number]', 'Your card number is incorrect.');
  }
  return digits;
}

function validateExpMonth(raw: string): number {
  const month = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!(month >= 1 && month <= 12)) {
    throw cardError('invalid_expiry_month', 'card[exp_month]', "Your card's expiration month is invalid.");
  }
  return month;
}

function validateExpYear(raw: string, month: number, now: Date): number {
  const invalidYear = () =>
    cardError('invalid_expiry_year', 'card[exp_year]', "Your card's expiration year is invalid.");
  let year: number;
  if (/^\d{2}$/.test(raw)) year = 2000 + Number(raw);
  else if (/^\d{4}$/.test(raw)) year = Number(raw);
  else throw invalidYear();

  // A card is valid through the last day of its expiry month.
  const currentYear = now.getUTCFullYear();
  const currentMonth = now.getUTCMonth() + 1;
  if (year < currentYear || (year === currentYear && month < currentMonth)) throw invalidYear();
  if (year > currentYear + MAX_YEARS_AHEAD) throw invalidYear();
  return year;
}

function validateCvc(raw: string | undefined, brand: StripeCardBrand): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || !cvcLengths(brand).includes(raw.length)) {
    throw cardError('invalid_cvc', 'card[cvc]', "Your card's security code is invalid.");
  }
  return raw;
}

/** Checks `card` in Stripe's order: all required params present, then number, expiry, CVC. */
export function validateCardParams(cardParam: unknown, now: Date): ValidatedCard {
  const card = optionalObject(cardParam, 'card');
  const rawNumber = requiredString(card, 'number');
  const rawMonth = requiredString(card, 'exp_month');
  const rawYear = requiredString(card, 'exp_year');
  const rawCvc = optionalString(card?.cvc, 'card[cvc]');

  const number = validateNumber(rawNumber);
  const expMonth = validateExpMonth(rawMonth);
  const expYear = validateExpYear(rawYear, expMonth, now);
  const { brand } = cardMetadata(number);
  const cvc = validateCvc(rawCvc, brand);
  return { number, brand, expMonth, expYear, cvc };
}
