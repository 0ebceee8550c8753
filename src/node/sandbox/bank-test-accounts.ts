// Stripe's published test bank accounts (Node realm, data only) and what a debit from each does in
// the sandbox: the test IBANs of "SEPA Direct Debit: test account numbers" and the test routing /
// account numbers of "ACH Direct Debit: test account numbers" (docs.stripe.com). Any other valid
// IBAN or US account succeeds, as the first row of each table does.

/** How a debit from the account ends once it leaves `processing` (bank-debit-payments.ts). */
export interface BankTestOutcome {
  result: 'succeeds' | 'fails' | 'disputed' | 'stays_processing';
  /** The charge's failure_code and last_payment_error.code of a failed debit. */
  failureCode?: BankFailureCode;
  /** Stripe's "after at least three minutes" variants. */
  delayed?: boolean;
}

/** Failure codes Stripe documents for bank debits, with the message the sandbox gives each. */
export const BANK_FAILURE_MESSAGES = {
  generic_could_not_process: 'This payment could not be processed.',
  insufficient_funds: "The customer's account has insufficient funds to cover this payment.",
  charge_exceeds_source_limit: "This payment would exceed the account's weekly payment volume limit.",
  charge_exceeds_weekly_limit: "This payment exceeds the account's weekly transaction limit.",
  account_closed: "The customer's bank account has been closed.",
  no_account: 'The bank account could not be located.',
  debit_not_authorized: 'The customer has notified their bank that this payment was unauthorized.',
  invalid_currency: 'The bank account cannot accept payments in this currency.',
} as const;
export type BankFailureCode = keyof typeof BANK_FAILURE_MESSAGES;

export const SUCCEEDS: BankTestOutcome = { result: 'succeeds' };

// Each country's row of Stripe's table, in its order: succeeds, succeeds after three minutes, fails,
// fails after three minutes, disputed, then (where Stripe lists them) the weekly volume limit, the
// weekly transaction limit and insufficient funds. Stripe's table gives no failure code for its plain
// "fails" rows: generic_could_not_process is the code Stripe documents for an unexplained failure.
const SEPA_ROW_OUTCOMES: readonly BankTestOutcome[] = [
  SUCCEEDS,
  { result: 'succeeds', delayed: true },
  { result: 'fails', failureCode: 'generic_could_not_process' },
  { result: 'fails', failureCode: 'generic_could_not_process', delayed: true },
  { result: 'disputed' },
  { result: 'fails', failureCode: 'charge_exceeds_source_limit' },
  { result: 'fails', failureCode: 'charge_exceeds_weekly_limit' },
  { result: 'fails', failureCode: 'insufficient_funds' },
];

const SEPA_TEST_ROWS: Record<string, readonly string[]> = {
  AT: ['AT611904300234573201', 'AT321904300235473204', 'AT861904300235473202', 'AT051904300235473205', 'AT591904300235473203', 'AT981904300000343434', 'AT601904300000121212', 'AT981904300002222227'],
  BE: ['BE62510007547061', 'BE78510007547064', 'BE68539007547034', 'BE51510007547065', 'BE08510007547063', 'BE90510000343434', 'BE52510000121212', 'BE90510002222227'],
  DE: ['DE89370400440532013000', 'DE08370400440532013003', 'DE62370400440532013001', 'DE78370400440532013004', 'DE35370400440532013002'],
  EE: ['EE382200221020145685', 'EE222200221020145682', 'EE762200221020145680', 'EE922200221020145683', 'EE492200221020145681', 'EE672200000000343434', 'EE292200000000121212', 'EE672200000002222227'],
  FI: ['FI2112345600000785', 'FI3712345600000788', 'FI9112345600000786', 'FI1012345600000789', 'FI6412345600000787', 'FI6712345600343434', 'FI2912345600121212', 'FI6712345602222227'],
  FR: ['FR1420041010050500013M02606', 'FR3020041010050500013M02609', 'FR8420041010050500013M02607', 'FR7920041010050500013M02600', 'FR5720041010050500013M02608', 'FR9720041010050000000343434', 'FR5920041010050000000121212', 'FR9720041010050000002222227'],
  HR: ['HR7624020064583467589', 'HR6323600002337876649', 'HR2725000096983499248', 'HR6723600004878117427', 'HR8724840081455523553', 'HR7424020060000343434', 'HR3624020060000121212', 'HR7424020060002222227'],
};

export const SEPA_TEST_IBANS: ReadonlyMap<string, BankTestOutcome> = new Map(
  Object.values(SEPA_TEST_ROWS).flatMap((row) => row.map((iban, index) => [iban, SEPA_ROW_OUTCOMES[index]!] as const)),
);

/** The routing number of Stripe's test accounts ("STRIPE TEST BANK"). */
export const US_TEST_ROUTING_NUMBER = '110000000';
export const US_TEST_BANK_NAME = 'STRIPE TEST BANK';

export const US_TEST_ACCOUNT_NUMBERS: ReadonlyMap<string, BankTestOutcome> = new Map([
  ['000123456789', SUCCEEDS],
  ['000111111113', { result: 'fails', failureCode: 'account_closed' }],
  ['000111111116', { result: 'fails', failureCode: 'no_account' }],
  ['000222222227', { result: 'fails', failureCode: 'insufficient_funds' }],
  ['000333333335', { result: 'fails', failureCode: 'debit_not_authorized' }],
  ['000444444440', { result: 'fails', failureCode: 'invalid_currency' }],
  ['000555555559', { result: 'disputed' }],
  // "Stays in processing indefinitely": for testing the cancellation of a processing PaymentIntent.
  ['000000000009', { result: 'stays_processing' }],
  ['000777777771', { result: 'fails', failureCode: 'charge_exceeds_source_limit' }],
]);

export function sepaTestOutcome(iban: string): BankTestOutcome {
  return SEPA_TEST_IBANS.get(iban) ?? SUCCEEDS;
}

/** Stripe's outcomes belong to its test routing number; other banks' accounts succeed. */
export function usBankTestOutcome(routingNumber: string, accountNumber: string): BankTestOutcome {
  return routingNumber === US_TEST_ROUTING_NUMBER ? (US_TEST_ACCOUNT_NUMBERS.get(accountNumber) ?? SUCCEEDS) : SUCCEEDS;
}
