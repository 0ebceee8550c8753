// Payframe's error value for a code, with its English message (the element shows it in the
// checkout's locale). Runs on the merchant page.
import { messageFor, type CheckoutErrorCode, type FieldErrorCode } from '../shared/errors.ts';
import type { CheckoutError, FieldKind } from '../shared/protocol.ts';

export function checkoutError(code: CheckoutErrorCode | FieldErrorCode, field?: FieldKind): CheckoutError {
  return { code, message: messageFor(code), ...(field ? { field } : {}) };
}
