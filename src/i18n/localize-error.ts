// Errors carry English messages across the wire; the shopper reads them in the checkout's locale.
// Only a message that is our own English text for its code is replaced: a more specific one (the
// gateway's own, such as a decline, or a closed 3-D Secure dialog) stays as it is.
import type { CheckoutError } from '../shared/protocol.ts';
import { ENGLISH, type MessageKey, type Messages } from './messages.ts';

export function localizeError(error: CheckoutError, messages: Messages): CheckoutError {
  if (!Object.hasOwn(ENGLISH, error.code) || ENGLISH[error.code as MessageKey] !== error.message) return error;
  const message = messages[error.code as MessageKey];
  return message === error.message ? error : { ...error, message };
}
