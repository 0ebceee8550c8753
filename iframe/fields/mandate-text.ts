// The text a shopper accepts before a bank debit: the SEPA Direct Debit mandate or the ACH debit
// authorization, naming the merchant, in the checkout's locale. Runs only on the fields origin; the
// frame shows it as text (never HTML).
import type { BankTexts } from '../../src/i18n/bank-messages.ts';
import { format, type Locale } from '../../src/i18n/messages.ts';
import type { BankErrorCode } from '../../src/shared/errors.ts';
import { loadBankTexts } from './bank-texts.ts';
import { DISPLAY_CONTROLS_GLOBAL } from './display-controls.ts';

export type MandateKind = 'sepa_debit' | 'us_bank_account';

export type MandateText =
  | { ok: true; text: string; merchantName: string }
  | { ok: false; error: { code: Extract<BankErrorCode, 'mandate_merchant_name_invalid'>; message: string } };

/** Longer than any trading name a bank statement shows; a longer one is a misconfiguration. */
const MERCHANT_NAME_MAX_LENGTH = 100;

/**
 * The merchant's name as the mandate prints it: trimmed, inner spaces collapsed, and without control
 * or bidirectional formatting characters. A right-to-left override in the name would otherwise reorder
 * the rest of the mandate on screen, so the shopper would read other terms than the ones accepted.
 */
export function mandateMerchantName(name: string): string {
  return name
    .replace(DISPLAY_CONTROLS_GLOBAL, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export function buildMandateText(kind: MandateKind, merchantName: string, texts: BankTexts): MandateText {
  const name = mandateMerchantName(merchantName);
  if (name === '' || name.length > MERCHANT_NAME_MAX_LENGTH) {
    return { ok: false, error: { code: 'mandate_merchant_name_invalid', message: texts.mandate_merchant_name_invalid } };
  }
  const template = kind === 'sepa_debit' ? texts.sepaMandate : texts.achAuthorization;
  return { ok: true, text: format(template, { merchant: name }), merchantName: name };
}

/** The mandate text in `locale` (English for anything the locale lacks). */
export async function mandateText(kind: MandateKind, merchantName: string, locale: Locale): Promise<MandateText> {
  return buildMandateText(kind, merchantName, await loadBankTexts(locale));
}

/** Paying by bank debit needs the shopper's acceptance of the text above: null when given. */
export function mandateAcceptanceError(accepted: boolean): Extract<BankErrorCode, 'mandate_not_accepted'> | null {
  return accepted ? null : 'mandate_not_accepted';
}
