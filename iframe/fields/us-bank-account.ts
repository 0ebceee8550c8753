// The US bank account fields (ACH debits): routing number (9 digits, ABA checksum 3-7-1), account
// number (4-17 digits), its confirmation when the merchant asks for it twice, the account type and
// the holder type. Pure functions, unit-tested; runs only on the fields origin.
import type { BankErrorCode } from '../../src/shared/errors.ts';
import { digitsOf, type FieldBehaviour, type FieldEvaluation } from './field-behaviour.ts';

export type UsBankAccountErrorCode = Extract<
  BankErrorCode,
  `routing_number_${string}` | `account_number${string}` | 'account_type_required' | 'account_holder_type_required'
>;
export type UsBankAccountEvaluation = FieldEvaluation<UsBankAccountErrorCode>;

export const ROUTING_NUMBER_LENGTH = 9;
/** NACHA allows up to 17 characters; banks' shortest account numbers have 4 digits. */
export const ACCOUNT_NUMBER_MIN_LENGTH = 4;
export const ACCOUNT_NUMBER_MAX_LENGTH = 17;
/** The input keeps a few digits more than any account has, so a pasted number that is too long is flagged, not silently cut. */
const ACCOUNT_NUMBER_INPUT_CAP = 24;

/**
 * A routing number's first two digits name its Federal Reserve district: 00 (US Government), 01-12
 * (banks), 21-32 (thrifts), 61-72 (electronic transactions) or 80 (traveler's cheques). Anything
 * else is not a routing number, whatever its checksum.
 */
function isRoutingPrefix(prefix: string): boolean {
  const value = Number(prefix);
  return prefix === '00' || (value >= 1 && value <= 12) || (value >= 21 && value <= 32) || (value >= 61 && value <= 72) || value === 80;
}

/** The ABA check: 3, 7 and 1 times the digits in turn add up to a multiple of 10. */
export function isRoutingChecksumValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * weights[i % 3]!;
  return sum % 10 === 0;
}

export function evaluateRoutingNumber(display: string): UsBankAccountEvaluation {
  const digits = digitsOf(display);
  const base = { incomplete: 'routing_number_incomplete', advance: false } as const;
  if (digits === '') return { ...base, empty: true, complete: false };
  const partial = { ...base, empty: false, complete: false };
  if (digits.length >= 2 && !isRoutingPrefix(digits.slice(0, 2))) return { ...partial, invalid: 'routing_number_invalid' };
  if (digits.length < ROUTING_NUMBER_LENGTH) return partial;
  if (digits.length > ROUTING_NUMBER_LENGTH || !isRoutingChecksumValid(digits)) {
    return { ...partial, incomplete: 'routing_number_invalid', invalid: 'routing_number_invalid' };
  }
  return { ...base, empty: false, complete: true, advance: true };
}

export function evaluateAccountNumber(display: string): UsBankAccountEvaluation {
  const digits = digitsOf(display);
  const base = { incomplete: 'account_number_incomplete', advance: false } as const;
  if (digits === '') return { ...base, empty: true, complete: false };
  if (digits.length > ACCOUNT_NUMBER_MAX_LENGTH) return { ...base, empty: false, complete: false, invalid: 'account_number_too_long' };
  // 4 digits already make an account number, but more may follow: focus moves on only at 17.
  const complete = digits.length >= ACCOUNT_NUMBER_MIN_LENGTH;
  return { ...base, empty: false, complete, advance: digits.length === ACCOUNT_NUMBER_MAX_LENGTH };
}

/**
 * The account number typed a second time. A mismatch shows at once when the confirmation can no
 * longer become the number (it is not a beginning of it); a beginning is only incomplete.
 */
export function evaluateAccountNumberConfirmation(accountDisplay: string, confirmationDisplay: string): UsBankAccountEvaluation {
  const account = digitsOf(accountDisplay);
  const confirmation = digitsOf(confirmationDisplay);
  const base = { incomplete: 'account_number_confirmation_incomplete', advance: false } as const;
  if (confirmation === '') return { ...base, empty: true, complete: false };
  const partial = { ...base, empty: false, complete: false, incomplete: 'account_numbers_mismatch' } as const;
  if (!account.startsWith(confirmation)) return { ...partial, invalid: 'account_numbers_mismatch' };
  if (confirmation.length < account.length) return partial;
  const complete = evaluateAccountNumber(account).complete;
  return { ...partial, complete, advance: complete };
}

/** Instead of a second input, a merchant may show the number masked once typed: all but the last four digits hidden. */
export function maskAccountNumber(display: string): string {
  const digits = digitsOf(display);
  return '•'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
}

export const routingNumberField: FieldBehaviour<undefined, UsBankAccountEvaluation> = {
  format: (raw) => digitsOf(raw).slice(0, ROUTING_NUMBER_LENGTH),
  canonical: (display) => digitsOf(display),
  evaluate: (display) => evaluateRoutingNumber(display),
};

export const accountNumberField: FieldBehaviour<undefined, UsBankAccountEvaluation> = {
  format: (raw) => digitsOf(raw).slice(0, ACCOUNT_NUMBER_INPUT_CAP),
  canonical: (display) => digitsOf(display),
  evaluate: (display) => evaluateAccountNumber(display),
};

/** Stripe's `us_bank_account[account_type]` and `[account_holder_type]` values. */
export const ACCOUNT_TYPES = ['checking', 'savings'] as const;
export const ACCOUNT_HOLDER_TYPES = ['individual', 'company'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type AccountHolderType = (typeof ACCOUNT_HOLDER_TYPES)[number];

export type Choice<Value, Code> = { ok: true; value: Value } | { ok: false; code: Code };

/** The shopper's choice of account type (a radio group's value), refused typed when missing or unknown. */
export function accountTypeChoice(value: string | null | undefined): Choice<AccountType, 'account_type_required'> {
  return (ACCOUNT_TYPES as readonly string[]).includes(value ?? '') ? { ok: true, value: value as AccountType } : { ok: false, code: 'account_type_required' };
}

export function accountHolderTypeChoice(value: string | null | undefined): Choice<AccountHolderType, 'account_holder_type_required'> {
  return (ACCOUNT_HOLDER_TYPES as readonly string[]).includes(value ?? '')
    ? { ok: true, value: value as AccountHolderType }
    : { ok: false, code: 'account_holder_type_required' };
}
