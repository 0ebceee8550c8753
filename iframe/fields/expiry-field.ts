// The expiry field: typed as MMYY or M/YY, pasted 12/2034 becomes "12 / 34"; past dates are
// rejected. Runs only on the fields origin.
import { expirationMonth } from 'card-validator/dist/expiration-month.js';
import { expirationYear } from 'card-validator/dist/expiration-year.js';
import { digitsOf, type FieldBehaviour, type FieldEvaluation } from './field-behaviour.ts';

export const EXPIRY_SEPARATOR = ' / ';

interface ExpiryParts {
  /** One digit while it may still become 10-12, else two. */
  month: string;
  year: string;
}

function shortYear(yearDigits: string): string {
  // A four-digit year such as 2034 (pasted or autofilled) keeps its last two digits.
  if (yearDigits.length >= 4 && yearDigits.startsWith('20')) return yearDigits.slice(2, 4);
  return yearDigits.slice(0, 2);
}

export function parseExpiry(raw: string): ExpiryParts {
  const separated = /^\s*(\d{1,2})\s*[/\-.\s]+\s*(\d*)\s*$/.exec(raw);
  if (separated) {
    const [, monthPart = '', yearPart = ''] = separated;
    if (monthPart === '0') return { month: '0', year: '' };
    return { month: monthPart.padStart(2, '0'), year: shortYear(yearPart) };
  }
  const digits = digitsOf(raw);
  const first = digits[0];
  if (first === undefined) return { month: '', year: '' };
  // 2-9 can only be a month on their own; "13".."19" means 01 followed by the year's first digit.
  if (first >= '2') return { month: `0${first}`, year: shortYear(digits.slice(1)) };
  if (digits.length === 1) return { month: first, year: '' };
  if (first === '1' && (digits[1] ?? '0') > '2') return { month: '01', year: shortYear(digits.slice(1)) };
  return { month: digits.slice(0, 2), year: shortYear(digits.slice(2)) };
}

export function formatExpiry(raw: string): string {
  const { month, year } = parseExpiry(raw);
  return month.length === 2 ? `${month}${EXPIRY_SEPARATOR}${year}` : month;
}

export function evaluateExpiry(display: string, now: Date): FieldEvaluation {
  const { month, year } = parseExpiry(display);
  const base = { incomplete: 'incomplete_expiry' } as const;
  if (month === '') return { ...base, empty: true, complete: false, advance: false };
  const partial = { ...base, empty: false, complete: false, advance: false };
  if (month.length < 2) return partial;
  const monthVerdict = expirationMonth(month);
  if (!monthVerdict.isValid) return { ...partial, invalid: 'invalid_expiry_month' };
  const currentYear = now.getFullYear();
  if (year.length < 2) {
    // One year digit: already wrong if its whole decade (e.g. 2010-2019 for "1") has passed.
    const decadeEnd = year === '' ? Infinity : 2000 + Number(year) * 10 + 9;
    return decadeEnd < currentYear ? { ...partial, invalid: 'invalid_expiry_year_past' } : partial;
  }
  const fullYear = 2000 + Number(year);
  if (fullYear < currentYear) return { ...partial, invalid: 'invalid_expiry_year_past' };
  if (!expirationYear(year, 19).isValid) return { ...partial, invalid: 'invalid_expiry_year' };
  if (fullYear === currentYear && Number(month) < now.getMonth() + 1) return { ...partial, invalid: 'invalid_expiry_month_past' };
  return { ...base, empty: false, complete: true, advance: true };
}

export const expiryField: FieldBehaviour = {
  format: (raw) => formatExpiry(raw),
  canonical: (display) => {
    const { month, year } = parseExpiry(display);
    return `${month}/${year}`;
  },
  evaluate: (display, context) => evaluateExpiry(display, context.now),
};
