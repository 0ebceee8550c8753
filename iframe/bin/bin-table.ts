// What the fields origin knows of a card's BIN (its first digits), kept as data: the networks, the
// funding and the issuing country. The rows are the sandbox's test cards (Stripe's numbers); a
// provider with a licensed BIN table (from its acquirer or a BIN service) puts its rows here. A
// row's prefix is 6 or 8 digits; the longest prefix that matches wins.
import type { CardBrand } from '../../src/shared/card-brands.ts';

export type Funding = 'credit' | 'debit' | 'prepaid';

export interface BinRow {
  prefix: string;
  funding: Funding;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The networks a co-badged card can go on, when it is one. */
  networks?: readonly CardBrand[];
}

export const BIN_TABLE: readonly BinRow[] = [
  { prefix: '42424242', funding: 'credit', country: 'US' },
  { prefix: '40000566', funding: 'debit', country: 'US' },
  { prefix: '55555555', funding: 'credit', country: 'US' },
  { prefix: '22230031', funding: 'credit', country: 'US' },
  { prefix: '52008282', funding: 'debit', country: 'US' },
  { prefix: '51051051', funding: 'prepaid', country: 'US' },
  { prefix: '378282', funding: 'credit', country: 'US' },
  { prefix: '371449', funding: 'credit', country: 'US' },
  { prefix: '60111111', funding: 'credit', country: 'US' },
  { prefix: '60110009', funding: 'debit', country: 'US' },
  { prefix: '30569300', funding: 'credit', country: 'US' },
  { prefix: '362272', funding: 'credit', country: 'US' },
  { prefix: '35660020', funding: 'credit', country: 'JP' },
  { prefix: '62000000', funding: 'credit', country: 'CN' },
  { prefix: '40000025', funding: 'credit', country: 'FR', networks: ['visa', 'cartes_bancaires'] },
  { prefix: '55555525', funding: 'credit', country: 'FR', networks: ['mastercard', 'cartes_bancaires'] },
  { prefix: '40000007', funding: 'credit', country: 'BR' },
  { prefix: '40000012', funding: 'credit', country: 'CA' },
  { prefix: '40000027', funding: 'credit', country: 'DE' },
  { prefix: '40000082', funding: 'credit', country: 'GB' },
];

/** The row of the longest prefix `digits` starts with. */
export function lookUpBin(digits: string): BinRow | undefined {
  let found: BinRow | undefined;
  for (const row of BIN_TABLE) if (digits.startsWith(row.prefix) && row.prefix.length > (found?.prefix.length ?? 0)) found = row;
  return found;
}
