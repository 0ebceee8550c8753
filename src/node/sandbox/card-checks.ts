// Stripe's card verification checks (CVC, billing address line 1, postal code): which ones a
// payment method asks for, what the issuer answers at payment time, and whether the account's
// `decline_on` settings turn a failed check into a decline. Pure: no store, no I/O.
//
// Stripe's rules (https://docs.stripe.com/api/payment_methods/object#payment_method_object-card-checks,
// https://docs.stripe.com/disputes/prevention/verification): a check is null when its input was not
// provided, `unchecked` until a payment (or setup) sends it to the issuer, then `pass`, `fail` or
// `unavailable`; the payment method shows the latest results. A failed check does not decline a
// payment by default: the issuer approved it. An account that declines on CVC failure or on AVS
// (postal code) failure (Stripe's `settings.card_payments.decline_on.cvc_failure` / `avs_failure`,
// Radar's "block if CVC / postal code verification fails") gets `incorrect_cvc` / `incorrect_zip`.

export type CheckResult = 'pass' | 'fail' | 'unavailable';
export type CheckState = 'unchecked' | CheckResult | null;

export interface CardChecks {
  address_line1_check: CheckState;
  address_postal_code_check: CheckState;
  cvc_check: CheckState;
}

export type CheckName = keyof CardChecks;

/** What an issuer answers for a card's checks where it does not answer `pass` (test cards). */
export type IssuerCheckResults = Partial<Record<CheckName, Exclude<CheckResult, 'pass'>>>;

/** The account settings that decline a payment whose check failed (Stripe's decline_on). Off by default, as in Stripe. */
export interface DeclineOn {
  cvcFailure: boolean;
  /** The postal code check only: Stripe's AVS setting ignores address line 1. */
  avsFailure: boolean;
}

export const DECLINE_ON_NOTHING: DeclineOn = Object.freeze({ cvcFailure: false, avsFailure: false });

/** The checks of a new payment method: `unchecked` for each input given, null for the others. */
export function uncheckedChecks(provided: Readonly<Record<CheckName, boolean>>): CardChecks {
  return {
    address_line1_check: provided.address_line1_check ? 'unchecked' : null,
    address_postal_code_check: provided.address_postal_code_check ? 'unchecked' : null,
    cvc_check: provided.cvc_check ? 'unchecked' : null,
  };
}

/** The checks once the issuer has seen the payment: every check asked for gets its answer. */
export function runChecks(checks: Readonly<CardChecks>, issuer: IssuerCheckResults): CardChecks {
  const result = (name: CheckName): CheckState => (checks[name] === null ? null : (issuer[name] ?? 'pass'));
  return {
    address_line1_check: result('address_line1_check'),
    address_postal_code_check: result('address_postal_code_check'),
    cvc_check: result('cvc_check'),
  };
}

/** The decline a failed check causes under the account's settings, CVC first; undefined when the payment goes on. */
export function checkDecline(checks: Readonly<CardChecks>, declineOn: DeclineOn): 'incorrect_cvc' | 'incorrect_zip' | undefined {
  if (declineOn.cvcFailure && checks.cvc_check === 'fail') return 'incorrect_cvc';
  if (declineOn.avsFailure && checks.address_postal_code_check === 'fail') return 'incorrect_zip';
  return undefined;
}
