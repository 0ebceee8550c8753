// Every country that issues IBANs, with its IBAN's length and whether it is in SEPA (so a SEPA
// Direct Debit can reach it). Data only, reviewed as data; runs only on the fields origin.
//
// Lengths: the SWIFT IBAN registry (release 100, 2025), which also lists Burundi, Djibouti, the
// Falklands, Honduras and others that joined it since 2021. Dependent territories (French overseas
// departments, Åland, Jersey…) issue IBANs under their parent's code (FR, FI, GB), so they are not
// separate entries.
// SEPA: the EU, Iceland, Liechtenstein, Norway, Switzerland, the United Kingdom, Monaco, San Marino,
// Vatican City, Andorra and Gibraltar: the countries a SEPA Direct Debit reaches today. The EPC
// admitted Albania, Moldova, Montenegro, North Macedonia and Serbia to its schemes in 2024–2025, but
// their banks join one by one; until providers reach them they count as outside SEPA here (a merchant
// who accepts non-SEPA IBANs accepts them too).

export interface IbanCountry {
  /** The whole IBAN's length, country code and check digits included. */
  length: number;
  sepa: boolean;
}

const S = true;
const N = false;

export const IBAN_COUNTRIES: Readonly<Record<string, IbanCountry>> = {
  AD: { length: 24, sepa: S },
  AE: { length: 23, sepa: N },
  AL: { length: 28, sepa: N },
  AT: { length: 20, sepa: S },
  AZ: { length: 28, sepa: N },
  BA: { length: 20, sepa: N },
  BE: { length: 16, sepa: S },
  BG: { length: 22, sepa: S },
  BH: { length: 22, sepa: N },
  BI: { length: 27, sepa: N },
  BR: { length: 29, sepa: N },
  BY: { length: 28, sepa: N },
  CH: { length: 21, sepa: S },
  CR: { length: 22, sepa: N },
  CY: { length: 28, sepa: S },
  CZ: { length: 24, sepa: S },
  DE: { length: 22, sepa: S },
  DJ: { length: 27, sepa: N },
  DK: { length: 18, sepa: S },
  DO: { length: 28, sepa: N },
  EE: { length: 20, sepa: S },
  EG: { length: 29, sepa: N },
  ES: { length: 24, sepa: S },
  FI: { length: 18, sepa: S },
  FK: { length: 18, sepa: N },
  FO: { length: 18, sepa: N },
  FR: { length: 27, sepa: S },
  GB: { length: 22, sepa: S },
  GE: { length: 22, sepa: N },
  GI: { length: 23, sepa: S },
  GL: { length: 18, sepa: N },
  GR: { length: 27, sepa: S },
  GT: { length: 28, sepa: N },
  HN: { length: 28, sepa: N },
  HR: { length: 21, sepa: S },
  HU: { length: 28, sepa: S },
  IE: { length: 22, sepa: S },
  IL: { length: 23, sepa: N },
  IQ: { length: 23, sepa: N },
  IS: { length: 26, sepa: S },
  IT: { length: 27, sepa: S },
  JO: { length: 30, sepa: N },
  KW: { length: 30, sepa: N },
  KZ: { length: 20, sepa: N },
  LB: { length: 28, sepa: N },
  LC: { length: 32, sepa: N },
  LI: { length: 21, sepa: S },
  LT: { length: 20, sepa: S },
  LU: { length: 20, sepa: S },
  LV: { length: 21, sepa: S },
  LY: { length: 25, sepa: N },
  MC: { length: 27, sepa: S },
  MD: { length: 24, sepa: N },
  ME: { length: 22, sepa: N },
  MK: { length: 19, sepa: N },
  MN: { length: 20, sepa: N },
  MR: { length: 27, sepa: N },
  MT: { length: 31, sepa: S },
  MU: { length: 30, sepa: N },
  NI: { length: 28, sepa: N },
  NL: { length: 18, sepa: S },
  NO: { length: 15, sepa: S },
  OM: { length: 23, sepa: N },
  PK: { length: 24, sepa: N },
  PL: { length: 28, sepa: S },
  PS: { length: 29, sepa: N },
  PT: { length: 25, sepa: S },
  QA: { length: 29, sepa: N },
  RO: { length: 24, sepa: S },
  RS: { length: 22, sepa: N },
  RU: { length: 33, sepa: N },
  SA: { length: 24, sepa: N },
  SC: { length: 31, sepa: N },
  SD: { length: 18, sepa: N },
  SE: { length: 24, sepa: S },
  SI: { length: 19, sepa: S },
  SK: { length: 24, sepa: S },
  SM: { length: 27, sepa: S },
  SO: { length: 23, sepa: N },
  ST: { length: 25, sepa: N },
  SV: { length: 28, sepa: N },
  TL: { length: 23, sepa: N },
  TN: { length: 24, sepa: N },
  TR: { length: 26, sepa: N },
  UA: { length: 29, sepa: N },
  VA: { length: 22, sepa: S },
  VG: { length: 24, sepa: N },
  XK: { length: 20, sepa: N },
  YE: { length: 30, sepa: N },
};

/** The longest IBAN any country issues (ISO 13616 allows 34 characters; Russia's 33 is the longest in use). */
export const IBAN_MAX_LENGTH = 34;

export function ibanCountry(code: string): IbanCountry | undefined {
  return Object.hasOwn(IBAN_COUNTRIES, code) ? IBAN_COUNTRIES[code] : undefined;
}
