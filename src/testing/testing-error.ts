// payframe/testing's errors: a stable code and a message for the person reading a failed test.
// Node (Playwright tests). No message ever holds what was typed into a field.

/** Why payframe/testing could not do what a test asked. */
export type PayframeTestingErrorCode =
  /** No <payframe-checkout> or <payframe-card-group> in the page or locator given. */
  | 'checkout_not_found'
  /** More than one checkout where one was expected: pass a locator around the one to drive. */
  | 'several_checkouts'
  /** The checkout did not report ready (payframe-ready) in time. */
  | 'ready_timeout'
  /** The checkout reported that its frames could not load (payframe-error before ready). */
  | 'frames_failed'
  /** This checkout has no such field (e.g. name or postal code without billing-fields). */
  | 'unknown_field'
  /** Typing into or clearing a field failed (the frame or input was not there in time). */
  | 'typing_failed'
  /** The merchant page never got the state the field shows (no payframe-change for it). */
  | 'state_timeout'
  /** A card group has no pay button: call tokenize(), or press the merchant's own button. */
  | 'no_pay_button'
  /** No token, payment or error was reported in time. */
  | 'outcome_timeout'
  /** The page went to another document while waiting (e.g. a full-page 3-D Secure challenge). */
  | 'page_left'
  /** No 3-D Secure challenge showed in time, in the modal or on the full page. */
  | 'challenge_not_found'
  /** No sandbox test card with that id. */
  | 'unknown_test_card';

export class PayframeTestingError extends Error {
  override readonly name = 'PayframeTestingError';

  constructor(
    readonly code: PayframeTestingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for a Playwright TimeoutError (checked by name: this module imports nothing of Playwright at run time). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/** True when a page script was cut off because the page navigated. */
export function isPageLeft(error: unknown): boolean {
  return error instanceof Error && /Execution context was destroyed|navigat|Target page, context or browser has been closed|frame was detached/i.test(error.message);
}
