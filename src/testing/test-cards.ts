// The sandbox's test cards and what paying with each does: the one list the sandbox, the demo
// page and merchants' tests read. Pure data, so the sandbox can import it without Playwright.
import { PayframeTestingError } from './testing-error.ts';

/**
 * Stripe's decline codes, or 3-D Secure: `3ds_required` challenges, `3ds_optional` is frictionless,
 * `3ds_required_unless_set_up` challenges on session and pays off session once a SetupIntent (or
 * `setup_future_usage`) set the card up for off-session use.
 */
export type TestCardOutcome =
  | 'success'
  | 'generic_decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | '3ds_required'
  | '3ds_required_then_insufficient_funds'
  | '3ds_optional'
  | '3ds_required_unless_set_up';

export interface TestCard {
  /** A stable name to ask for with testCard(id). */
  readonly id: string;
  /** Digits only; a published test number, never a real card. */
  readonly number: string;
  readonly outcome: TestCardOutcome;
  readonly description: string;
}

// https://docs.stripe.com/testing#cards, #declined-payments and #regulatory-cards
export const TEST_CARDS: readonly TestCard[] = Object.freeze([
  { id: 'visa', number: '4242424242424242', outcome: 'success', description: 'Visa, pays' },
  { id: 'mastercard', number: '5555555555554444', outcome: 'success', description: 'Mastercard, pays' },
  { id: 'amex', number: '378282246310005', outcome: 'success', description: 'American Express, pays' },
  { id: 'visa-debit', number: '4000056655665556', outcome: 'success', description: 'Visa debit, pays' },
  { id: 'mastercard-2', number: '2223003122003222', outcome: 'success', description: 'Mastercard 2-series, pays' },
  { id: 'discover', number: '6011111111111117', outcome: 'success', description: 'Discover, pays' },
  { id: 'diners', number: '36227206271667', outcome: 'success', description: 'Diners Club (14 digits), pays' },
  { id: 'jcb', number: '3566002020360505', outcome: 'success', description: 'JCB, pays' },
  { id: 'unionpay', number: '6205500000000000004', outcome: 'success', description: 'UnionPay (19 digits), pays' },
  { id: 'generic-decline', number: '4000000000000002', outcome: 'generic_decline', description: 'Declined' },
  { id: 'insufficient-funds', number: '4000000000009995', outcome: 'insufficient_funds', description: 'Declined: insufficient funds' },
  { id: 'lost-card', number: '4000000000009987', outcome: 'lost_card', description: 'Declined: lost card' },
  { id: 'stolen-card', number: '4000000000009979', outcome: 'stolen_card', description: 'Declined: stolen card' },
  { id: 'expired-card', number: '4000000000000069', outcome: 'expired_card', description: 'Declined: expired card' },
  { id: 'incorrect-cvc', number: '4000000000000127', outcome: 'incorrect_cvc', description: 'Declined: incorrect CVC' },
  { id: 'processing-error', number: '4000000000000119', outcome: 'processing_error', description: 'Processing error' },
  { id: '3ds-challenge', number: '4000002760003184', outcome: '3ds_required', description: '3-D Secure challenge (DE)' },
  { id: '3ds-challenge-2', number: '4000000000003220', outcome: '3ds_required', description: '3-D Secure challenge' },
  { id: '3ds-challenge-declined', number: '4000008260003178', outcome: '3ds_required_then_insufficient_funds', description: '3-D Secure challenge, then declined: insufficient funds (GB)' },
  { id: '3ds-frictionless', number: '4000000000003055', outcome: '3ds_optional', description: '3-D Secure, frictionless' },
  { id: '3ds-unless-set-up', number: '4000002500003155', outcome: '3ds_required_unless_set_up', description: '3-D Secure challenge, none off session once the card is set up' },
]);

/** The test card with this id; an unknown id throws a typed error naming the known ones. */
export function testCard(id: string): TestCard {
  const card = TEST_CARDS.find((candidate) => candidate.id === id);
  if (card) return card;
  throw new PayframeTestingError('unknown_test_card', `No sandbox test card "${id}". Known: ${TEST_CARDS.map((c) => c.id).join(', ')}.`);
}
