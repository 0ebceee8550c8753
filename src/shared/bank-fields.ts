// The drop-in's bank debit inputs, as the card frame names them in its events (states, focus, errors):
// the choice of payment method, then the SEPA and US bank account inputs and the account holder's.
// Apart from protocol-constants.ts: only the zod schemas (build time) and the card frame's bank chunk
// read it, so no startup script carries the list.
export const BANK_FIELDS = [
  'payment_method',
  'iban',
  'routing_number',
  'account_number',
  'account_number_confirmation',
  'account_type',
  'account_holder_type',
  'account_holder_name',
  'email',
] as const;
export type BankField = (typeof BANK_FIELDS)[number];
