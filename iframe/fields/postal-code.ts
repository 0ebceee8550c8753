// Billing postal codes by country: the format where the country has one everybody knows (US ZIP,
// UK postcode, Canada, most of Europe…), a free form otherwise (letters, digits, spaces and
// hyphens). Judged upper case, as the shopper's bank compares them. Fields origin.

const FORMATS: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-?\d{4})?$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  SE: /^\d{3} ?\d{2}$/,
  PL: /^\d{2}-\d{3}$/,
  PT: /^\d{4}-\d{3}$/,
  JP: /^\d{3}-?\d{4}$/,
  BR: /^\d{5}-?\d{3}$/,
  IN: /^\d{6}$/,
  ...Object.fromEntries(['DE', 'FR', 'ES', 'IT', 'FI', 'MX'].map((country) => [country, /^\d{5}$/])),
  ...Object.fromEntries(['AT', 'AU', 'BE', 'CH', 'DK', 'NO', 'NZ'].map((country) => [country, /^\d{4}$/])),
};

const FREE_FORM = /^[A-Z\d][A-Z\d -]{0,9}$/;

/** How a postal code is sent: trimmed, upper case. */
export function normalizePostalCode(value: string): string {
  return value.trim().toUpperCase();
}

/** Whether `value` is a postal code of `country` (any country when not known). */
export function isPostalCode(value: string, country: string | undefined): boolean {
  return (FORMATS[country ?? ''] ?? FREE_FORM).test(normalizePostalCode(value));
}
