// @ts-check
// Amounts as people type them ("19.99", "1 500", "12,50") turned into Stripe's minor units
// (1999 EUR cents, 500 JPY yen), with a message a person can act on when the input is wrong.
// Merchant realm, pure logic.

/** The currencies the demo offers, with their minor-unit exponent as Stripe counts it. */
export const CURRENCIES = /** @type {const} */ ([
  { code: 'eur', name: 'Euro', exponent: 2 },
  { code: 'usd', name: 'US dollar', exponent: 2 },
  { code: 'gbp', name: 'Pound sterling', exponent: 2 },
  { code: 'chf', name: 'Swiss franc', exponent: 2 },
  { code: 'sek', name: 'Swedish krona', exponent: 2 },
  { code: 'jpy', name: 'Japanese yen', exponent: 0 },
  { code: 'krw', name: 'South Korean won', exponent: 0 },
]);

/** Stripe's limit: eight digits of minor units. */
export const MAX_MINOR_AMOUNT = 99_999_999;

/** @param {string} code */
export function currencyExponent(code) {
  const currency = CURRENCIES.find((entry) => entry.code === code.toLowerCase());
  if (!currency) throw new RangeError(`Unknown currency ${code}`);
  return currency.exponent;
}

/**
 * "€19.99" for (1999, 'eur'), "¥500" for (500, 'jpy'). The exponent comes from the table above,
 * which matches what Intl shows for these currencies.
 * @param {number} minor @param {string} currency @param {string} [locale]
 */
export function formatMinorAmount(minor, currency, locale) {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
}

/**
 * @typedef {{ ok: true, minor: number } | { ok: false, code: 'amount_missing' | 'amount_not_a_number' | 'amount_too_precise' | 'amount_zero' | 'amount_too_large', message: string }} ParsedAmount
 */

/**
 * Parses what was typed in the amount box for this currency. Accepts one decimal separator
 * (`.` or `,`) and spaces or `_` between digit groups; never rounds (19.999 EUR is an error, not 20.00).
 * @param {string} text @param {string} currency @returns {ParsedAmount}
 */
export function parseAmount(text, currency) {
  const exponent = currencyExponent(currency);
  const code = currency.toUpperCase();
  const compact = text.trim().replace(/[\s_\u00a0\u202f]/g, '');
  if (compact === '') return { ok: false, code: 'amount_missing', message: 'Enter an amount.' };
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  const example = exponent === 0 ? '500' : `19.${'9'.repeat(exponent)}`;
  if (!match) return { ok: false, code: 'amount_not_a_number', message: `Enter the amount as a number, like ${example}.` };
  const [, whole = '', fraction = ''] = match;
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > exponent) {
    const message = exponent === 0 ? `${code} has no minor unit: enter a whole number, like ${example}.` : `${code} has ${exponent} decimal places at most, like ${example}.`;
    return { ok: false, code: 'amount_too_precise', message };
  }
  // Digits only from here, so the arithmetic is exact: whole units and the padded fraction.
  const minor = Number(whole.replace(/^0+(?=\d)/, '') + significantFraction.padEnd(exponent, '0'));
  if (minor === 0) return { ok: false, code: 'amount_zero', message: 'The amount must be more than zero.' };
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR_AMOUNT) {
    return { ok: false, code: 'amount_too_large', message: `The amount can be at most ${formatMinorAmount(MAX_MINOR_AMOUNT, currency, 'en')}.` };
  }
  return { ok: true, minor };
}
