// Stripe's published test bank accounts, by what they do, for the bank-debit specs (the sandbox's
// own table, with every outcome, is src/node/sandbox/bank-test-accounts.ts).
export const IBAN_SUCCEEDS = 'AT611904300234573201';
export const IBAN_SUCCEEDS_LATER = 'AT321904300235473204';
export const IBAN_FAILS = 'AT861904300235473202';
export const IBAN_INSUFFICIENT_FUNDS = 'AT981904300002222227';
export const IBAN_DISPUTED = 'DE35370400440532013002';
export const ROUTING = '110000000';
export const ACCOUNT_SUCCEEDS = '000123456789';
export const ACCOUNT_CLOSED = '000111111113';
export const ACCOUNT_DISPUTED = '000555555559';
export const ACCOUNT_STAYS_PROCESSING = '000000000009';
