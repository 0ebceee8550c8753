// The card number field: brand-aware spacing (4-4-4-4, Amex 4-6-5, 19-digit 4-4-4-4-3),
// maximum length by brand, Luhn check. Runs only on the fields origin.
import luhn10 from 'card-validator/dist/luhn-10.js';
import { brandRulesFor, judgeCardNumber } from './card-brand.ts';
import { digitsOf, type FieldBehaviour, type FieldEvaluation } from './field-behaviour.ts';

/** Brands whose common cards have 16 digits: focus moves on at 16 although longer cards exist. */
const ADVANCE_AT_16 = new Set(['visa', 'mastercard', 'discover', 'jcb']);

export function formatCardNumber(raw: string): string {
  const rules = brandRulesFor(digitsOf(raw));
  const digits = digitsOf(raw).slice(0, rules.maxLength);
  // card-validator's gaps stop at 12; 17-19 digit cards read 4-4-4-4-3.
  const gaps = rules.maxLength > 16 && !rules.gaps.includes(16) ? [...rules.gaps, 16] : rules.gaps;
  let formatted = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && gaps.includes(i)) formatted += ' ';
    formatted += digits[i];
  }
  return formatted;
}

export function evaluateCardNumber(display: string): FieldEvaluation {
  const digits = digitsOf(display);
  const rules = brandRulesFor(digits);
  const base = { brand: rules.brand } as const;
  if (digits.length === 0) return { ...base, incomplete: 'incomplete_number', empty: true, complete: false, advance: false };
  // card-validator names Verve's 650002-650027 Discover (16 or 19 digits): Verve's own lengths judge it.
  const verdict = rules.brand === 'verve' ? { isPotentiallyValid: digits.length <= rules.maxLength, isValid: rules.lengths.includes(digits.length) && luhn10(digits) } : judgeCardNumber(digits);
  if (!verdict.isPotentiallyValid) return { ...base, incomplete: 'invalid_number', empty: false, complete: false, invalid: 'invalid_number', advance: false };
  const complete = verdict.isValid;
  // A brand length that fails Luhn may still grow (Visa allows 19 digits), so it is not
  // flagged while typing; but a shopper who stops there has an invalid number, not a short one.
  const incomplete = rules.lengths.includes(digits.length) ? 'invalid_number' : 'incomplete_number';
  const advance = complete && (digits.length === rules.maxLength || (digits.length === 16 && ADVANCE_AT_16.has(rules.brand)));
  return { ...base, incomplete, empty: false, complete, advance };
}

export const cardNumberField: FieldBehaviour = {
  format: (raw) => formatCardNumber(raw),
  canonical: (display) => digitsOf(display),
  evaluate: (display) => evaluateCardNumber(display),
};
