// The shop's catalogue, on the server: prices come from here, never from the browser.
export interface CatalogueItem {
  sku: string;
  name: string;
  /** Minor units (cents). */
  amount: number;
  currency: string;
}

export const CATALOGUE: readonly CatalogueItem[] = [
  { sku: 'tshirt', name: 'Payframe T-shirt', amount: 1999, currency: 'eur' },
  { sku: 'mug', name: 'Payframe mug', amount: 1200, currency: 'eur' },
  { sku: 'hoodie', name: 'Payframe hoodie', amount: 4900, currency: 'eur' },
  { sku: 'stickers', name: 'Sticker pack', amount: 350, currency: 'eur' },
  // Priced in dollars: what a US shopper pays by ACH debit (us_bank_account is USD only).
  { sku: 'desk-mat', name: 'Payframe desk mat (US)', amount: 2500, currency: 'usd' },
];

export function catalogueItem(sku: string): CatalogueItem | undefined {
  return CATALOGUE.find((item) => item.sku === sku);
}
