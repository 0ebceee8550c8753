// Server-side checks of the bank details a sepa_debit or us_bank_account payment method is made
// from (Node realm): the IBAN's country, length and ISO 7064 mod-97 check digits; the ABA routing
// number's 3-7-1 checksum; the account number's length. Errors are Stripe's typed 400s, with the
// param and a reason, never the submitted number.
import { StripeApiError, missingParam } from './stripe-error.ts';

// IBAN lengths of the SEPA scheme's countries (SWIFT's IBAN registry): the only ones Stripe debits.
const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18,
  NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

// Where the bank and branch codes sit in the BBAN (after the country and check digits), for the
// countries whose codes Stripe shows on the payment method; elsewhere both are null.
const BANK_CODE_POSITIONS: Readonly<Record<string, { bank: [number, number]; branch?: [number, number] }>> = {
  AT: { bank: [0, 5] },
  BE: { bank: [0, 3] },
  DE: { bank: [0, 8] },
  EE: { bank: [0, 2] },
  ES: { bank: [0, 4], branch: [4, 8] },
  FI: { bank: [0, 3] },
  FR: { bank: [0, 5], branch: [5, 10] },
  HR: { bank: [0, 7] },
  IE: { bank: [0, 4], branch: [4, 10] },
  IT: { bank: [1, 6], branch: [6, 11] },
  LU: { bank: [0, 3] },
  NL: { bank: [0, 4] },
  PT: { bank: [0, 4], branch: [4, 8] },
};

export interface CheckedIban {
  iban: string;
  country: string;
  bankCode: string | null;
  branchCode: string | null;
}

function invalidIban(reason: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'invalid_bank_account_iban',
    param: 'sepa_debit[iban]',
    message: `The IBAN you provided is invalid: ${reason}`,
  });
}

/** ISO 7064 MOD 97-10 over the IBAN moved to end with its country and check digits (letters as 10-35). */
export function ibanChecksumIsValid(iban: string): boolean {
  let remainder = 0;
  for (const character of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(character, 36);
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** `sepa_debit[iban]`: spaces allowed and letters in any case, as shoppers type it. */
export function checkIban(value: unknown): CheckedIban {
  if (value === undefined || value === '') throw missingParam('sepa_debit[iban]');
  if (typeof value !== 'string') throw invalidIban('it must be a string.');
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) throw invalidIban('an IBAN is two letters, two check digits, then letters and digits.');
  const country = iban.slice(0, 2);
  const length = SEPA_IBAN_LENGTHS[country];
  if (length === undefined) throw invalidIban('its country is not in the SEPA area.');
  if (iban.length !== length) throw invalidIban(`an IBAN of its country has ${length} characters.`);
  if (!ibanChecksumIsValid(iban)) throw invalidIban('its check digits do not match.');
  const positions = BANK_CODE_POSITIONS[country];
  const bban = iban.slice(4);
  return {
    iban,
    country,
    bankCode: positions === undefined ? null : bban.slice(...positions.bank),
    branchCode: positions?.branch === undefined ? null : bban.slice(...positions.branch),
  };
}

/** The ABA checksum: 3, 7, 1 weights over the nine digits sum to a multiple of 10. */
export function routingChecksumIsValid(routingNumber: string): boolean {
  const weights = [3, 7, 1];
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += weights[index % 3]! * Number(routingNumber[index]);
  return sum % 10 === 0;
}

export function checkRoutingNumber(value: unknown): string {
  const param = 'us_bank_account[routing_number]';
  if (value === undefined || value === '') throw missingParam(param);
  const invalid = (message: string) => new StripeApiError(400, { type: 'invalid_request_error', code: 'routing_number_invalid', param, message });
  if (typeof value !== 'string' || !/^\d{9}$/.test(value)) throw invalid('Routing number must have 9 digits.');
  if (!routingChecksumIsValid(value)) throw invalid('The routing number is invalid: its checksum does not match.');
  return value;
}

/** US account numbers have 4 to 17 digits (Nacha's field is 17 wide). */
export function checkAccountNumber(value: unknown): string {
  const param = 'us_bank_account[account_number]';
  if (value === undefined || value === '') throw missingParam(param);
  if (typeof value !== 'string' || !/^\d{4,17}$/.test(value)) {
    throw new StripeApiError(400, { type: 'invalid_request_error', code: 'account_number_invalid', param, message: 'The account number must have 4 to 17 digits.' });
  }
  return value;
}
