// The bank's name for an IBAN whose bank code we know. A SAMPLE of well-known banks in seven
// countries, so the field can say "Commerzbank" under the number; it is not a directory (each
// country's central bank publishes thousands of codes), and an IBAN whose bank is not here is just
// as valid. Data only; runs only on the fields origin.

/** Where each country's bank code sits in the IBAN (after "CC00"): [start, end) of the whole IBAN. */
const BANK_CODE_POSITION: Readonly<Record<string, readonly [number, number]>> = {
  DE: [4, 12], // Bankleitzahl, 8 digits
  FR: [4, 9], // code banque, 5 digits
  NL: [4, 8], // the bank's 4 letters
  ES: [4, 8], // código de entidad, 4 digits
  IT: [5, 10], // ABI, 5 digits (after the one-letter CIN)
  BE: [4, 7], // protocol code, 3 digits (a bank may have several)
  AT: [4, 9], // Bankleitzahl, 5 digits
};

const BANKS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DE: {
    '37040044': 'Commerzbank',
    '10070000': 'Deutsche Bank',
    '50070010': 'Deutsche Bank',
    '10010010': 'Postbank',
    '50010517': 'ING',
    '12030000': 'DKB Deutsche Kreditbank',
    '10011001': 'N26',
    '70020270': 'UniCredit Bank (HypoVereinsbank)',
  },
  FR: {
    '30004': 'BNP Paribas',
    '30003': 'Société Générale',
    '30002': 'LCL',
    '20041': 'La Banque Postale',
    '30066': 'CIC',
  },
  NL: {
    ABNA: 'ABN AMRO',
    RABO: 'Rabobank',
    INGB: 'ING',
    TRIO: 'Triodos Bank',
    BUNQ: 'bunq',
  },
  ES: {
    '0049': 'Banco Santander',
    '0182': 'BBVA',
    '2100': 'CaixaBank',
    '0081': 'Banco Sabadell',
  },
  IT: {
    '03069': 'Intesa Sanpaolo',
    '02008': 'UniCredit',
    '01030': 'Monte dei Paschi di Siena',
  },
  BE: {
    '001': 'BNP Paribas Fortis',
  },
  AT: {
    '20111': 'Erste Bank',
    '12000': 'UniCredit Bank Austria',
    '14000': 'BAWAG',
    '32000': 'Raiffeisenlandesbank Niederösterreich-Wien',
  },
};

/** The bank's name for an electronic-format IBAN (no spaces, upper case), when the sample knows its code. */
export function bankNameFor(iban: string): string | undefined {
  const country = iban.slice(0, 2);
  const position = Object.hasOwn(BANK_CODE_POSITION, country) ? BANK_CODE_POSITION[country] : undefined;
  if (!position || iban.length < position[1]) return undefined;
  const banks = BANKS[country] ?? {};
  const code = iban.slice(position[0], position[1]);
  return Object.hasOwn(banks, code) ? banks[code] : undefined;
}
