// "Pay €19.99": formats an amount given in the currency's minor unit (Stripe's convention:
// 1999 eur is €19.99, 500 jpy is ¥500). Merchant realm.
export function formatAmount(amountMinor: number, currency: string, locale?: string): string | undefined {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || !/^[A-Za-z]{3}$/.test(currency)) return undefined;
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
    const fractionDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amountMinor / 10 ** fractionDigits);
  } catch {
    return undefined;
  }
}
