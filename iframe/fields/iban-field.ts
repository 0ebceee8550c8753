// The IBAN field: upper case, grouped in fours as typed, the country (and its IBAN's length) from
// the first two letters, the ISO 7064 mod-97 check, SEPA countries only unless the merchant accepts
// others, and the bank's name where the sample table knows its code. Runs only on the fields origin.
//
// Why not a library: ibantools 4.5.4 (validateIBAN, isSEPACountry, friendlyFormatIBAN,
// electronicFormatIBAN, extractIBAN) bundles to 19,916 B minified, 4,243 B gzip -9 (3,831 B for
// validateIBAN + isSEPACountry alone), because its one country table carries a BBAN pattern for every
// country and cannot be tree-shaken; and it neither keeps the caret nor knows banks' names. This file
// with its country and bank tables and caret.ts bundles to 5,365 B minified, 1,982 B gzip -9 (esbuild,
// IIFE, measured 2026-12-06), less than half, so we keep our own. What we give up: ibantools checks each
// country's BBAN pattern (digits vs letters by position); the mod-97 check catches a typo anyway.
import type { BankErrorCode } from '../../src/shared/errors.ts';
import { caretAfterFormat, deleteAcrossSeparator, type Edit } from './caret.ts';
import type { FieldBehaviour, FieldEvaluation } from './field-behaviour.ts';
import { bankNameFor } from './iban-banks.ts';
import { IBAN_MAX_LENGTH, ibanCountry } from './iban-countries.ts';

export type IbanErrorCode = Extract<BankErrorCode, `iban_${string}`>;

export interface IbanContext {
  /** The merchant accepts IBANs from outside SEPA (its gateway can debit them by other means). */
  allowNonSepa: boolean;
}

export interface IbanEvaluation extends FieldEvaluation<IbanErrorCode> {
  /** The country code, once the first two letters name an IBAN country. */
  country?: string;
  /** The bank's name, when the sample table (iban-banks.ts) knows its code. */
  bankName?: string;
}


/** The electronic format: letters and digits only, upper case (what a pasted "de89 3704-0044…" means). */
export function electronicIban(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/**
 * Grouped in fours. Not cut at the country's length: a pasted IBAN with one character too many
 * is shown whole and flagged, rather than silently turned into another (wrong) account.
 */
export function formatIban(raw: string): string {
  return electronicIban(raw)
    .slice(0, IBAN_MAX_LENGTH)
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end and letters
 * turned into 10..35: valid IBANs leave 1. Done on chunks of seven digits, each prefixed by the
 * remainder so far (at most nine digits, well inside a double), so no BigInt is needed.
 */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let digits = '';
  for (const char of rearranged) digits += char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  return remainder;
}

const isLetter = (char: string | undefined): boolean => char !== undefined && char >= 'A' && char <= 'Z';
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

export function evaluateIban(display: string, context: IbanContext): IbanEvaluation {
  const iban = display.replace(/\s/g, '').toUpperCase();
  const base = { incomplete: 'iban_incomplete', advance: false } as const;
  if (iban === '') return { ...base, empty: true, complete: false };
  const partial = { ...base, empty: false, complete: false };
  // Only letters and digits: the formatting removes anything else, so this is a value set another way.
  if (/[^0-9A-Z]/.test(iban)) return { ...partial, invalid: 'iban_invalid_characters' };
  if (!isLetter(iban[0]) || (iban.length > 1 && !isLetter(iban[1]))) return { ...partial, invalid: 'iban_invalid_country' };
  if (iban.length < 2) return partial;
  const countryCode = iban.slice(0, 2);
  const country = ibanCountry(countryCode);
  if (!country) return { ...partial, invalid: 'iban_invalid_country' };
  const known = { ...partial, country: countryCode };
  if (!country.sepa && !context.allowNonSepa) return { ...known, invalid: 'iban_not_sepa' };
  const checkDigits = iban.slice(2, 4);
  if (![...checkDigits].every(isDigit)) return { ...known, invalid: 'iban_invalid_characters' };
  // 00, 01 and 99 can never pass the mod-97 check (valid check digits are 02-98): say so at once.
  if (checkDigits.length === 2 && (checkDigits < '02' || checkDigits > '98')) return { ...known, invalid: 'iban_invalid_checksum' };
  const bankName = bankNameFor(iban);
  const named = bankName ? { ...known, bankName } : known;
  if (iban.length > country.length) return { ...named, invalid: 'iban_too_long' };
  if (iban.length < country.length) return named;
  if (ibanRemainder(iban) !== 1) return { ...named, incomplete: 'iban_invalid_checksum', invalid: 'iban_invalid_checksum' };
  return { ...named, complete: true, advance: true };
}

/**
 * The caret rules of caret.ts count digits; an IBAN's letters must count too. They get the text with
 * each letter shown as a digit (same length, same positions), so the card fields' code stays as it is
 * and their frames do not grow for a field they do not have.
 */
const lettersAsDigits = (text: string): string => text.replace(/[A-Za-z]/g, '0');

/** Where the caret belongs after formatting: after the same letter or digit as before. */
export function ibanCaretAfterFormat(raw: string, rawCaret: number, formatted: string): number {
  return caretAfterFormat(lettersAsDigits(raw), rawCaret, lettersAsDigits(formatted));
}

/** Backspace after a group's space (Delete before it) removes the character beyond it (caret.ts). */
export function ibanDeleteAcrossSeparator(value: string, start: number, end: number, direction: 'backward' | 'forward'): Edit | null {
  const edit = deleteAcrossSeparator(lettersAsDigits(value), start, end, direction);
  if (!edit) return null;
  // It removes one run of characters beside the caret: remove the same run from the real value.
  const removed = value.length - edit.value.length;
  return direction === 'backward'
    ? { value: value.slice(0, start - removed) + value.slice(start), caret: start - removed }
    : { value: value.slice(0, start) + value.slice(start + removed), caret: start };
}

export const ibanField: FieldBehaviour<IbanContext, IbanEvaluation> = {
  format: (raw) => formatIban(raw),
  canonical: (display) => electronicIban(display),
  evaluate: (display, context) => evaluateIban(display, context),
};
