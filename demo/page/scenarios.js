// @ts-check
// The demo's test scenarios (merchant realm): Stripe's published test card numbers and what the
// sandbox gateway does with each. These are public test numbers, shown for the shopper to type;
// the page never puts them, or anything else, into the card fields.

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
  success({ id: 'visa', name: 'Visa', number: '4242424242424242', cvc: '123' }),
  success({ id: 'visa-debit', name: 'Visa debit', number: '4000056655665556', cvc: '123', description: 'The payment succeeds; the token says funding: debit.' }),
  success({ id: 'mastercard', name: 'Mastercard', number: '5555555555554444', cvc: '123' }),
  success({ id: 'mastercard-2', name: 'Mastercard 2-series', number: '2223003122003222', cvc: '123' }),
  success({ id: 'amex', name: 'American Express', number: '378282246310005', cvc: '1234', description: 'The payment succeeds. Spaced 4-6-5, with a 4-digit CVC.' }),
  success({ id: 'discover', name: 'Discover', number: '6011111111111117', cvc: '123' }),
  success({ id: 'diners', name: 'Diners Club', number: '36227206271667', cvc: '123', description: 'The payment succeeds. 14 digits, spaced 4-6-4.' }),
  success({ id: 'jcb', name: 'JCB', number: '3566002020360505', cvc: '123' }),
  success({ id: 'unionpay', name: 'UnionPay', number: '6205500000000000004', cvc: '123', description: 'The payment succeeds. 19 digits.' }),
  decline('generic-decline', 'Generic decline', '4000000000000002', 'card_declined', 'generic_decline', 'Declined: card_declined / generic_decline. The card stays in the fields, so the shopper can fix it and pay again.'),
  decline('insufficient-funds', 'Insufficient funds', '4000000000009995', 'card_declined', 'insufficient_funds', 'Declined: card_declined / insufficient_funds. The card stays in the fields, so the shopper can fix it and pay again.'),
  decline('lost-card', 'Lost card', '4000000000009987', 'card_declined', 'lost_card', 'Declined: card_declined / lost_card. The shopper reads only "Your card was declined."'),
  decline('stolen-card', 'Stolen card', '4000000000009979', 'card_declined', 'stolen_card', 'Declined: card_declined / stolen_card. The shopper reads only "Your card was declined."'),
  decline('expired-card', 'Expired card', '4000000000000069', 'expired_card', 'expired_card', 'Declined by the bank: expired_card, although the expiry typed is in the future.'),
  decline('incorrect-cvc', 'Incorrect CVC', '4000000000000127', 'incorrect_cvc', 'incorrect_cvc', 'Declined by the bank: incorrect_cvc, whatever CVC is typed.'),
  decline('processing-error', 'Processing error', '4000000000000119', 'processing_error', 'processing_error', 'Declined: processing_error. Paying again gives the same answer with this card.'),
  {
    id: '3ds-challenge',
    group: 'three-d-secure',
    name: 'Challenge, then succeeds',
    number: '4000002760003184',
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: true,
    description: 'The bank asks for 3-D Secure: a dialog shows its page. Type the one-time code it shows and press Complete authentication: the payment succeeds. Fail authentication or Escape leaves it unpaid.',
  },
  {
    id: '3ds-challenge-2',
    group: 'three-d-secure',
    name: 'Challenge, then succeeds',
    number: '4000000000003220',
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: true,
    description: 'Same as above with another card: challenge in a dialog, then the payment succeeds.',
  },
  {
    id: '3ds-challenge-declined',
    group: 'three-d-secure',
    name: 'Challenge, then declined',
    number: '4000008260003178',
    cvc: '123',
    intent: { status: 'requires_payment_method', code: 'card_declined', declineCode: 'insufficient_funds' },
    challenge: true,
    description: 'The challenge passes (type the code, Complete authentication), then the bank declines: card_declined / insufficient_funds.',
  },
  {
    id: '3ds-frictionless',
    group: 'three-d-secure',
    name: 'Frictionless',
    number: '4000000000003055',
    cvc: '123',
    intent: { status: 'succeeded' },
    challenge: false,
    description: '3-D Secure runs without asking the shopper anything: no dialog, the payment succeeds.',
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
export function describeExpectation(/** @type {Scenario} */ scenario, /** @type {'intent' | 'token'} */ mode) {
  const outcome = scenario.intent;
  if ('notSent' in outcome) return `not sent: ${outcome.notSent}`;
  if (mode === 'token') return 'a pm_ token (declines and 3-D Secure happen only when the token is charged)';
  if (outcome.status === 'succeeded') return scenario.challenge ? 'requires_action, then succeeded' : 'succeeded';
  const reason = outcome.declineCode && outcome.declineCode !== outcome.code ? `${outcome.code} / ${outcome.declineCode}` : outcome.code;
  return `${scenario.challenge ? 'requires_action, then ' : ''}requires_payment_method (${reason})`;
}
