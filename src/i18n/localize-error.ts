// Errors carry English messages across the wire; the shopper reads them in the checkout's locale.
// Codes without a translation (a gateway's own, such as `card_declined`) keep their message.
import type { CheckoutError } from '../shared/protocol.ts';
import type { MessageKey, Messages } from './messages.ts';

export function localizeError(error: CheckoutError, messages: Messages): CheckoutError {
  const message = Object.hasOwn(messages, error.code) ? messages[error.code as MessageKey] : undefined;
  return message && message !== error.message ? { ...error, message } : error;
}
