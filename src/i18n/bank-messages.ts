// The bank debit fields' texts (SEPA Direct Debit and US bank accounts): their errors, the mandate
// texts and the drop-in's labels, English here, each locale's in ./locales/bank/<code>.ts. Apart from messages.ts' tables and
// the card locales, so no card bundle or card locale chunk grows by a byte for them.
import type { BankErrorCode } from '../shared/errors.ts';

export const ENGLISH_BANK_ERROR_TEXTS = {
  iban_incomplete: 'Your IBAN is incomplete.',
  iban_invalid_characters: 'Your IBAN can only contain letters and digits.',
  iban_invalid_country: 'Your IBAN should start with a valid two-letter country code.',
  iban_not_sepa: 'IBANs from this country cannot be used for this payment.',
  iban_too_long: 'Your IBAN is too long for its country.',
  iban_invalid_checksum: 'Your IBAN is invalid. Check that you typed it correctly.',
  routing_number_incomplete: 'Your routing number is incomplete.',
  routing_number_invalid: 'Your routing number is invalid.',
  account_number_incomplete: 'Your account number is incomplete.',
  account_number_too_long: 'Your account number is too long.',
  account_number_confirmation_incomplete: 'Enter your account number again to confirm it.',
  account_numbers_mismatch: 'The account numbers do not match.',
  account_type_required: 'Choose the type of account (checking or savings).',
  account_holder_type_required: 'Choose who holds the account (individual or company).',
  account_holder_name_incomplete: "Enter the account holder's full name.",
  account_holder_name_invalid: "The account holder's name is invalid.",
  account_holder_name_too_long: "The account holder's name is too long.",
  email_incomplete: 'Your email address is incomplete.',
  email_invalid: 'Your email address is invalid.',
  mandate_not_accepted: 'Accept the debit authorization to continue.',
  mandate_merchant_name_invalid: 'This checkout is not set up with a valid business name for the debit authorization.',
  payment_method_requires_client_secret: 'This checkout can take a bank debit only for a payment set up by the shop. Please pay by card.',
} as const satisfies Record<BankErrorCode, string>;

/**
 * What the shopper accepts before paying. `{merchant}` is the merchant's name, as text. The SEPA text
 * follows the European Payments Council's core mandate wording (the refund right and its 8 weeks are
 * the scheme's); the ACH text has what NACHA asks of an authorization: who debits, which account,
 * and how to revoke it.
 */
export const ENGLISH_MANDATE_TEXTS = {
  sepaMandate:
    'By providing your payment information and confirming this payment, you authorise (A) {merchant} and its payment service provider to send instructions to your bank to debit your account and (B) your bank to debit your account in accordance with those instructions. As part of your rights, you are entitled to a refund from your bank under the terms and conditions of your agreement with your bank. A refund must be claimed within 8 weeks starting from the date on which your account was debited. Your rights are explained in a statement that you can obtain from your bank.',
  achAuthorization:
    "By confirming this payment, you authorize {merchant} to debit the bank account above for this payment and for any later payments you agree to under {merchant}'s terms, until you revoke this authorization. You can revoke it at any time by telling {merchant}, at least 30 days before the next debit.",
} as const;

/**
 * The drop-in's labels and placeholders for the choice of method and the bank inputs. Placeholders
 * show a shape, never a real account: the IBAN's is Germany's length with zeros.
 */
export const ENGLISH_BANK_LABELS = {
  methodLegend: 'Payment method',
  methodCard: 'Card',
  methodSepaDebit: 'SEPA Direct Debit',
  methodUsBankAccount: 'US bank account',
  ibanLabel: 'IBAN',
  ibanPlaceholder: 'DE00 0000 0000 0000 0000 00',
  holderNameLabel: 'Account holder name',
  holderNamePlaceholder: 'Full name',
  emailLabel: 'Email',
  emailPlaceholder: 'you@example.com',
  routingNumberLabel: 'Routing number',
  accountNumberLabel: 'Account number',
  accountNumberConfirmationLabel: 'Confirm account number',
  accountTypeLegend: 'Account type',
  accountTypeChecking: 'Checking',
  accountTypeSavings: 'Savings',
  holderTypeLegend: 'Account holder',
  holderTypeIndividual: 'Individual',
  holderTypeCompany: 'Company',
} as const;

export const ENGLISH_BANK_TEXTS = { ...ENGLISH_BANK_ERROR_TEXTS, ...ENGLISH_MANDATE_TEXTS, ...ENGLISH_BANK_LABELS } as const;

export type BankTexts = Record<keyof typeof ENGLISH_BANK_TEXTS, string>;
export const BANK_TEXT_KEYS = Object.keys(ENGLISH_BANK_TEXTS) as (keyof BankTexts)[];
