// The account holder's name and email, which a SEPA mandate and an ACH authorization need (the
// gateway sends the mandate's confirmation to that email). Pure functions, unit-tested; runs only
// on the fields origin.
import type { BankErrorCode } from '../../src/shared/errors.ts';
import { DISPLAY_CONTROLS } from './display-controls.ts';
import type { FieldEvaluation } from './field-behaviour.ts';

export type AccountHolderErrorCode = Extract<BankErrorCode, `account_holder_name_${string}` | `email_${string}`>;
export type AccountHolderEvaluation = FieldEvaluation<AccountHolderErrorCode>;

/** SEPA's debtor name (pain.008 `Nm`) holds at most 70 characters. */
export const HOLDER_NAME_MAX_LENGTH = 70;
/** RFC 5321's limit on a whole address as it travels. */
const EMAIL_MAX_LENGTH = 254;

/** Trimmed, inner spaces collapsed: what the mandate names. */
export function normalizeHolderName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function evaluateHolderName(value: string): AccountHolderEvaluation {
  const name = normalizeHolderName(value);
  const base = { incomplete: 'account_holder_name_incomplete', advance: false } as const;
  if (name === '') return { ...base, empty: true, complete: false };
  const partial = { ...base, empty: false, complete: false };
  // Control characters and bidi overrides have no place in a name printed on a mandate; a name
  // needs a letter (in any script) to name anyone.
  if (DISPLAY_CONTROLS.test(name)) return { ...partial, invalid: 'account_holder_name_invalid' };
  if (name.length > HOLDER_NAME_MAX_LENGTH) return { ...partial, invalid: 'account_holder_name_too_long' };
  if (!/\p{L}/u.test(name)) return { ...partial, incomplete: 'account_holder_name_invalid' };
  if (name.length < 2) return partial;
  return { ...base, empty: false, complete: true };
}

/** The address as sent: trimmed; the domain lower case (the local part is the mail server's to judge). */
export function normalizeEmail(value: string): string {
  const email = value.trim();
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

// The HTML standard's rule for <input type="email">, which browsers and most gateways apply.
const LOCAL_PART = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export function evaluateEmail(value: string): AccountHolderEvaluation {
  const email = normalizeEmail(value);
  const base = { incomplete: 'email_incomplete', advance: false } as const;
  if (email === '') return { ...base, empty: true, complete: false };
  const partial = { ...base, empty: false, complete: false };
  const parts = email.split('@');
  const [local = '', domain] = parts;
  // Typing more can never fix these: a space, a second @, a character no address has, or too long.
  if (parts.length > 2 || /\s/.test(email) || email.length > EMAIL_MAX_LENGTH || (local !== '' && !LOCAL_PART.test(local))) {
    return { ...partial, invalid: 'email_invalid' };
  }
  if (domain === undefined || domain === '' || local === '') return partial;
  const labels = domain.split('.');
  // "name@example." is on its way to "name@example.com"; "name@-x" or "name@a..b" is not.
  const wellFormed = labels.every((label, index) => DOMAIN_LABEL.test(label) || (label === '' && index > 0 && index === labels.length - 1));
  if (!wellFormed) return { ...partial, incomplete: 'email_invalid' };
  // Mail goes to a domain with a top-level part (example.com), not to a bare host name.
  const complete = labels.length >= 2 && /^[a-z]{2,}$/i.test(labels.at(-1) ?? '');
  return complete ? { ...base, empty: false, complete: true } : partial;
}
