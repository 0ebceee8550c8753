// payframe/testing: what merchants' own end-to-end tests need to drive Payframe's real frames
// from Playwright (@playwright/test, an optional peer), and the sandbox's test cards.
export { findCheckout, type FindCheckoutOptions } from './find-checkout.ts';
export { PayframeCheckoutDriver, type CardDetails, type PendingPayment } from './checkout-driver.ts';
export { ThreeDSecureChallenge, type ChallengePlace } from './three-d-secure.ts';
export type { CardField, CheckoutLayout } from './field-inputs.ts';
export type { CheckoutOutcome, FieldStateSeen, OutcomeEvent } from './page-events.ts';
export { PayframeTestingError, type PayframeTestingErrorCode } from './testing-error.ts';
export { TEST_CARDS, testCard, type TestCard, type TestCardOutcome } from './test-cards.ts';
