// @ts-check
// The demo's test scenarios (merchant realm): Stripe's published test card numbers and what the
// sandbox gateway does with each. These are public test numbers, shown for the shopper to type;
// the page never puts them, or anything else, into the card fields. The numbers are the sandbox's
// own list (TEST_CARDS, src/testing/test-cards.ts, served as /test-cards.js): one list for the
// sandbox, this page and merchants' tests (payframe/testing).
import { TEST_CARDS } from './test-cards.js';

/** The sandbox's test card number with this id. @param {string} id */
function numberOf(id) {
  const card = TEST_CARDS.find((candidate) => candidate.id === id);
  if (!card) throw new Error(`The sandbox has no test card "${id}"`);
  return card.number;
}

/**
 * @typedef {{ status: 'succeeded' } | { status: 'requires_payment_method', code: string, declineCode?: string } | { notSent: string }} ExpectedOutcome
 * @typedef {{
 *   id: string,
 *   group: 'success' | 'decline' | 'three-d-secure' | 'validation',
 *   name: string,
 *   number: string,
 *   cvc: string,
 *   intent: ExpectedOutcome,
 *   challenge: boolean,
 *   description: string,
 * }} Scenario
 */

export const SCENARIO_GROUPS = /** @type {const} */ ([
  ['success', 'Succeeds'],
  ['decline', 'Declined'],
  ['three-d-secure', '3-D Secure'],
  ['validation', 'Caught in the fields'],
]);

/** @param {Omit<Scenario, 'group' | 'intent' | 'challenge' | 'description'> & { description?: string }} card @returns {Scenario} */
function success({ id, name, number, cvc, description }) {
  return { id, group: 'success', name, number, cvc, intent: { status: 'succeeded' }, challenge: false, description: description ?? 'The payment succeeds.' };
}

/** @param {string} id @param {string} name @param {string} number @param {string} code @param {string} declineCode @param {string} description @returns {Scenario} */
function decline(id, name, number, code, declineCode, description) {
  return { id, group: 'decline', name, number, cvc: '123', intent: { status: 'requires_payment_method', code, declineCode }, challenge: false, description };
}

/** @type {Scenario[]} */
export const SCENARIOS = [
  success({ id: 'visa', name: 'Visa', number: numberOf('visa'), cvc: '123' }),
  success({ id: 'visa-debit', name: 'Visa debit', number: numberOf('visa-debit'), cvc: '123', description: 'The payment succeeds; the token says funding: debit.' }),
  success({ id: 'mastercard', name: 'Mastercard', number: numberOf('mastercard'), cvc: '123' }),
  success({ id: 'mastercard-2', name: 'Mastercard 2-series', number: numberOf('mastercard-2'), cvc: '123' }),
  success({ id: 'amex', name: 'American Express', number: numberOf('amex'), cvc: '1234', description: 'The payment succeeds. Spaced 4-6-5, with a 4-digit CVC.' }),
  success({ id: 'discover', name: 'Discover', number: numberOf('discover'), cvc: '123' }),
  success({ id: 'diners', name: 'Diners Club', number: numberOf('diners'), cvc: '123', description: 'The payment succeeds. 14 digits, spaced 4-6-4.' }),
  success({ id: 'jcb', name: 'JCB', number: numberOf('jcb'), cvc: '123' }),
  success({ id: 'unionpay', name: 'UnionPay', number: numberOf('unionpay'), cvc: '123', description: 'The payment succeeds. 19 digits.' }),
  decline('generic-decline', 'Generic decline', numberOf('generic-decline'), 'card_declined', 'generic_decline', 'Declined: card_declined / generic_decline. The card stays in the fields, so the shopper can fix it and pay again.'),
  decline('insufficient-funds', 'Insufficient funds', numberOf('insufficient-funds'), 'card_declined', 'insufficient_funds', 'Declined: card_declined / insufficient_funds. The card stays in the fields, so the shopper can fix it and pay again.'),
  decline('lost-card', 'Lost card', numberOf('lost-card'), 'card_declined', 'lost_card', 'Declined: card_declined / lost_card. The shopper reads only "Your card was declined."'),
  decline('stolen-card', 'Stolen card', numberOf('stolen-card'), 'card_declined', 'stolen_card', 'Declined: card_declined / stolen_card. The shopper reads only "Your card was declined."'),
  decline('expired-card', 'Expired card', numberOf('expired-card'), 'expired_card', 'expired_card', 'Declined by the bank: expired_card, although the expiry typed is in the future.'),
  decline('incorrect-cvc', 'Incorrect CVC', numberOf('incorrect-cvc'), 'incorrect_cvc', 'incorrect_cvc', 'Declined by the bank: incorrect_cvc, whatever CVC is typed.'),
  decline('processing-error', 'Processing error', numberOf('processing-error'), 'processing_error', 'processing_error', 'Declined: processing_error. Paying again gives the same answer with this card.'),
  {
    id: '3ds-challenge',
    group: 'three-d-secure',
    name: 'Challenge, then succeeds',
    number: numberOf('3ds-challenge'),
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: true,
    description: 'The bank asks for 3-D Secure: a dialog shows its page. Type the one-time code it shows and press Complete authentication: the payment succeeds. Fail authentication or Escape leaves it unpaid.',
  },
  {
    id: '3ds-challenge-2',
    group: 'three-d-secure',
    name: 'Challenge, then succeeds',
    number: numberOf('3ds-challenge-2'),
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: true,
    description: 'Same as above with another card: challenge in a dialog, then the payment succeeds.',
  },
  {
    id: '3ds-challenge-declined',
    group: 'three-d-secure',
    name: 'Challenge, then declined',
    number: numberOf('3ds-challenge-declined'),
    cvc: '123',
    intent: { status: 'requires_payment_method', code: 'card_declined', declineCode: 'insufficient_funds' },
    challenge: true,
    description: 'The challenge passes (type the code, Complete authentication), then the bank declines: card_declined / insufficient_funds.',
  },
  {
    id: '3ds-frictionless',
    group: 'three-d-secure',
    name: 'Frictionless',
    number: numberOf('3ds-frictionless'),
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: false,
    description: '3-D Secure runs without asking the shopper anything: no dialog, the payment succeeds.',
  },
  {
    id: '3ds-unless-set-up',
    group: 'three-d-secure',
    name: 'Challenge unless saved',
    number: numberOf('3ds-unless-set-up'),
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: true,
    description: 'Paid with the shopper present, the bank asks for 3-D Secure (a dialog, as above), then the payment succeeds. Saved with a SetupIntent for off-session use, it later pays off session with no challenge.',
  },
  {
    id: 'luhn',
    group: 'validation',
    name: 'Fails the Luhn check',
    number: '4242424242424241',
    cvc: '123',
    intent: { notSent: 'invalid_number' },
    challenge: false,
    description: 'The number field shows invalid_number as soon as 16 digits are typed; Pay sends nothing to the gateway.',
  },
];

/** @param {string} id */
export function scenarioById(id) {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** How the card field groups the digits: 4-6-5 (Amex), 4-6-4 (Diners 14), else groups of 4. */
export function spacedNumber(/** @type {string} */ digits) {
  if (/^3[47]/.test(digits) && digits.length === 15) return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  if (/^3[0689]/.test(digits) && digits.length === 14) return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What the scenario should end with, in the words of the timeline. */
export function describeExpectation(/** @type {Scenario} */ scenario, /** @type {'intent' | 'token' | 'setup'} */ mode) {
  const outcome = scenario.intent;
  if ('notSent' in outcome) return `not sent: ${outcome.notSent}`;
  // Saving verifies the card with no amount: the bank may ask for 3-D Secure, a declining card fails, a lack of funds shows only when it is charged.
  if (mode === 'setup') return 'the card saved (succeeded, with a challenge if the bank asks), or the setup failing with the card\'s decline';
  if (mode === 'token') return 'a pm_ token (declines and 3-D Secure happen only when the token is charged)';
  if (outcome.status === 'succeeded') return scenario.challenge ? 'requires_action, then succeeded' : 'succeeded';
  const reason = outcome.declineCode && outcome.declineCode !== outcome.code ? `${outcome.code} / ${outcome.declineCode}` : outcome.code;
  return `${scenario.challenge ? 'requires_action, then ' : ''}requires_payment_method (${reason})`;
}
