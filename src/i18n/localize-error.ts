// Errors carry English messages across the wire; the shopper reads them in the checkout's locale.
// Every error goes through here on the page (payment-flow.ts), for the drop-in, split fields and
// Stripe mode alike. Only `message` changes: `code` and `declineCode` reach the merchant as sent.
import { isInputErrorCode, SAVED_CARD_ERROR_CODES } from '../shared/errors.ts';
import type { CheckoutError } from '../shared/protocol.ts';
import { ENGLISH, type DeclineKey, type MessageKey, type Messages } from './messages.ts';

/**
 * The gateway's codes and decline codes (Stripe's), each to the text the shopper reads. A lost or
 * stolen card and fraud read as a plain decline, as Stripe advises: the shopper is never told why.
 */
export const DECLINE_TEXTS: Readonly<Record<string, DeclineKey>> = {
  card_declined: 'card_declined',
  generic_decline: 'card_declined',
  lost_card: 'card_declined',
  stolen_card: 'card_declined',
  fraudulent: 'card_declined',
  insufficient_funds: 'insufficient_funds',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  incorrect_zip: 'incorrect_zip',
  processing_error: 'processing_error',
  authentication_required: 'authentication_required',
};

const declineText = (code: string | undefined): DeclineKey | undefined => (code && Object.hasOwn(DECLINE_TEXTS, code) ? DECLINE_TEXTS[code] : undefined);

/** Which text the shopper reads for an error, or none to keep its message. */
function textFor({ code, declineCode, message, field }: CheckoutError): MessageKey | undefined {
  // A decline: by its decline code, else its code; one we have no text for reads as a plain decline.
  if (declineCode || declineText(code)) return declineText(declineCode) ?? declineText(code) ?? 'card_declined';
  // Any other code of the gateway's: its English is not shown either.
  // The billing and bank inputs' and a saved card's errors come from the card frame in the checkout's
  // locale: kept. So does the choice of method's (a bank debit without a PaymentIntent).
  if ((SAVED_CARD_ERROR_CODES as readonly string[]).includes(code)) return undefined;
  if (!Object.hasOwn(ENGLISH, code)) return isInputErrorCode(code, field) || field === 'payment_method' ? undefined : 'gateway_error';
  // One of ours: only our own English text is replaced; a more specific message (a closed 3-D Secure
  // dialog, already in the locale, or what the gateway said about a key it does not know) stays.
  // No message: a frame's own error (errors.ts, frameErrorMessage), which the page words.
  return !message || ENGLISH[code as MessageKey] === message ? (code as MessageKey) : undefined;
}

export function localizeError(error: CheckoutError, messages: Messages): CheckoutError {
  const key = textFor(error);
  const message = key && messages[key];
  return !message || message === error.message ? error : { ...error, message };
}
