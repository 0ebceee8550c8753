// @ts-check
// The demo page's own script (merchant realm): the payment setup (mode, amount, currency), the
// scenario picker, the timeline of each PaymentIntent, the token, and a log of every Payframe
// event. It never touches card data: it shows public test numbers to type and listens to events.
import { CURRENCIES, formatMinorAmount, parseAmount } from './amount.js';
import { SCENARIOS, SCENARIO_GROUPS, describeExpectation, scenarioById, spacedNumber } from './scenarios.js';
import { createPaymentIntent, createSetupIntent, retrievePaymentIntent, retrieveSetupIntent } from './shop-api.js';
import { startLookSwitchers } from './look.js';
import { PaymentTimeline } from './timeline.js';

/** @typedef {import('./scenarios.js').Scenario} Scenario */
/** @typedef {import('./shop-api.js').PaymentIntentView} PaymentIntentView */
/** @typedef {import('./shop-api.js').SetupIntentView} SetupIntentView */
/** @typedef {import('./timeline.js').TimelineGroup} TimelineGroup */
/** @typedef {'intent' | 'token' | 'setup'} Mode */
/** @typedef {{ amount: number, currency: string, captureMethod: 'automatic' | 'manual' }} Order */

/** Codes the fields raise before anything is sent (src/shared/errors.ts): the intent is untouched. */
const FIELD_ERROR_CODES = new Set(['incomplete_number', 'invalid_number', 'incomplete_expiry', 'invalid_expiry_month', 'invalid_expiry_month_past', 'invalid_expiry_year_past', 'invalid_expiry_year', 'incomplete_cvc', 'invalid_cvc']);
/** Statuses after which this intent takes no more payments. */
const FINISHED_STATUSES = new Set(['succeeded', 'requires_capture', 'canceled']);

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} name */
const metaContent = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';

const checkout = /** @type {any} */ (byId('checkout'));
const checkoutSlot = byId('checkout-slot');
const orderForm = /** @type {HTMLFormElement} */ (byId('order-form'));
const amountInput = /** @type {HTMLInputElement} */ (byId('amount'));
const currencySelect = /** @type {HTMLSelectElement} */ (byId('currency'));
const captureSelect = /** @type {HTMLSelectElement} */ (byId('capture'));
const amountError = byId('amount-error');
const tokenPanel = byId('token');
const log = /** @type {HTMLOListElement} */ (byId('event-log'));
const timeline = new PaymentTimeline(/** @type {HTMLOListElement} */ (byId('timeline')), byId('timeline-empty'));
const gatewayOrigin = metaContent('payframe-demo-gateway-origin');

byId('merchant-origin').append(location.origin);

// ---------------------------------------------------------------------------------------------
// State. `payment` is the PaymentIntent the checkout pays now (intent mode only); `attempt` is
// what this try has seen so far, for the scenario verdict.

const url = new URL(location.href);
/** @type {Mode} */
let mode = readMode(url.searchParams.get('mode')) ?? readMode(metaContent('payframe-demo-default-mode')) ?? 'token';
/** @type {Scenario} */
let scenario = scenarioById(url.searchParams.get('scenario') ?? '') ?? /** @type {Scenario} */ (SCENARIOS[0]);
/** @type {Order} */
let appliedOrder = { amount: 1999, currency: 'eur', captureMethod: 'automatic' };
/** @type {{ intent: PaymentIntentView, group: TimelineGroup, finished: boolean, challengeSeen: boolean } | undefined} */
let payment;
/** The SetupIntent the checkout confirms now (setup mode only). */
/** @type {{ intent: SetupIntentView, group: TimelineGroup } | undefined} */
let setup;
/** The card the last SetupIntent saved: the shop pays with it when the page names that SetupIntent. */
/** @type {{ setupIntent: string, paymentMethod: string } | undefined} */
let savedCard;
/** @type {TimelineGroup | undefined} */
let tokenGroup;
/** Bumped by every new payment: answers for an older one are dropped. */
let paymentGeneration = 0;
/** Timeline updates run one after another, in the order their events arrived. */
let timelineQueue = Promise.resolve();

/** @param {string | null} value @returns {Mode | undefined} */
function readMode(value) {
  return value === 'intent' || value === 'token' || value === 'setup' ? value : undefined;
}

/** @param {() => Promise<void> | void} update */
function enqueueTimeline(update) {
  timelineQueue = timelineQueue.then(update).catch(() => undefined);
}

/** @param {Record<string, string>} params */
function rememberInUrl(params) {
  const next = new URL(location.href);
  for (const [key, value] of Object.entries(params)) next.searchParams.set(key, value);
  history.replaceState(null, '', next);
}

// ---------------------------------------------------------------------------------------------
// Amount, currency, capture.

for (const { code, name } of CURRENCIES) currencySelect.append(new Option(`${code.toUpperCase()} · ${name}`, code));
currencySelect.value = appliedOrder.currency;

/** The order the controls describe, or undefined (and the message shown) when the amount is wrong. */
function readOrder() {
  const parsed = parseAmount(amountInput.value, currencySelect.value);
  amountInput.setAttribute('aria-invalid', String(!parsed.ok));
  amountError.textContent = parsed.ok ? '' : parsed.message;
  if (!parsed.ok) return undefined;
  return /** @type {Order} */ ({ amount: parsed.minor, currency: currencySelect.value, captureMethod: captureSelect.value === 'manual' ? 'manual' : 'automatic' });
}

/** @param {Order} a @param {Order} b */
const sameOrder = (a, b) => a.amount === b.amount && a.currency === b.currency && (mode !== 'intent' || a.captureMethod === b.captureMethod);

function showPendingOrder() {
  const order = readOrder();
  byId('order-pending').hidden = !order || sameOrder(order, appliedOrder);
}

/** @param {Order} order */
function applyOrderToCheckout(order) {
  appliedOrder = order;
  checkout.setAttribute('amount', String(order.amount));
  checkout.setAttribute('currency', order.currency);
  byId('order-total').textContent = formatMinorAmount(order.amount, order.currency);
  byId('attr-amount').textContent = String(order.amount);
  byId('attr-currency').textContent = order.currency;
  byId('order-pending').hidden = true;
}

amountInput.addEventListener('input', showPendingOrder);
currencySelect.addEventListener('change', showPendingOrder);
captureSelect.addEventListener('change', showPendingOrder);

orderForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const order = readOrder();
  if (!order) {
    amountInput.focus();
    return;
  }
  applyOrderToCheckout(order);
  if (mode === 'intent') void startPayment(order);
  if (mode === 'setup') void startSetup();
});

// ---------------------------------------------------------------------------------------------
// Mode: pay a PaymentIntent the shop creates, save a card with a SetupIntent, or only tokenize
// (what the page did first).

const modeRadios = /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="mode"]'));
for (const radio of modeRadios) {
  radio.checked = radio.value === mode;
  radio.addEventListener('change', () => {
    const next = readMode(radio.value);
    if (radio.checked && next && next !== mode) setMode(next);
  });
}

/** @param {Mode} next */
function setMode(next) {
  mode = next;
  rememberInUrl({ mode });
  showMode();
  if (mode === 'intent') {
    const order = readOrder();
    if (order) {
      applyOrderToCheckout(order);
      void startPayment(order);
    } else {
      setCheckoutAvailable(false, 'Fix the amount, then press New payment.', false);
    }
  } else if (mode === 'setup') {
    void startSetup();
  } else {
    paymentGeneration += 1;
    payment = undefined;
    setup = undefined;
    checkout.removeAttribute('client-secret');
    checkout.removeAttribute('mode');
    checkout.removeAttribute('payment-method');
    byId('client-secret-attr').textContent = '';
    setCheckoutAvailable(true);
  }
  showScenario();
}

function showMode() {
  byId('mode-hint').textContent =
    mode === 'intent'
      ? "The shop's server creates a PaymentIntent (stripe SDK, secret key on the server); Pay confirms it from the fields origin, 3-D Secure included."
      : mode === 'setup'
        ? "The shop's server creates a customer and a SetupIntent; Save card confirms it from the fields origin (3-D Secure when the bank asks) and saves the card for later payments. Nothing is charged."
        : 'Pay only tokenizes the card: the page receives a pm_ token and charges nothing.';
  byId('capture-control').hidden = mode !== 'intent';
  byId('new-payment').textContent = mode === 'intent' ? 'New payment' : mode === 'setup' ? 'Save another card' : 'Apply';
  if (tokenPanel.classList.contains('empty')) {
    tokenPanel.textContent =
      mode === 'intent' ? 'Intent mode pays without handing the page a token; the split fields below still make one.' : mode === 'setup' ? 'Setup mode saves the card at the gateway: the page learns only its pm_ id.' : 'No token yet. Type a test card and press Pay.';
  }
  showPendingOrder();
}

/**
 * Lets the shopper use the checkout, or not (no intent yet, or this one is paid): the checkout
 * is made inert and a notice says why and what to do.
 * @param {boolean} available @param {string} [notice] @param {boolean} [offerNewPayment]
 */
function setCheckoutAvailable(available, notice = '', offerNewPayment = false) {
  checkoutSlot.inert = !available;
  checkoutSlot.classList.toggle('unavailable', !available);
  byId('checkout-notice').hidden = !notice;
  byId('checkout-notice-text').textContent = notice;
  byId('notice-new-payment').hidden = !offerNewPayment;
  byId('notice-new-payment').textContent = mode === 'setup' ? 'Save another card' : 'New payment';
  byId('notice-pay-saved').hidden = !(offerNewPayment && savedCard);
}

byId('notice-new-payment').addEventListener('click', () => orderForm.requestSubmit());

// Pays a new PaymentIntent with the card the SetupIntent saved: the drop-in shows that card and asks for its CVC only.
byId('notice-pay-saved').addEventListener('click', () => {
  const order = readOrder();
  if (!order || !savedCard) return;
  for (const radio of modeRadios) radio.checked = radio.value === 'intent';
  mode = 'intent';
  rememberInUrl({ mode });
  showMode();
  showScenario();
  applyOrderToCheckout(order);
  void startPayment(order, savedCard);
});

// ---------------------------------------------------------------------------------------------
// PaymentIntents, from the shop's backend.

/** @param {PaymentIntentView} intent */
const describeOrder = (intent) => `${formatMinorAmount(intent.amount, intent.currency)} · ${intent.captureMethod} capture`;

/** @param {Order} order @param {{ setupIntent: string, paymentMethod: string }} [withSavedCard] */
async function startPayment(order, withSavedCard) {
  const generation = ++paymentGeneration;
  payment = undefined;
  setup = undefined;
  checkout.removeAttribute('client-secret');
  checkout.removeAttribute('mode');
  checkout.removeAttribute('payment-method');
  setCheckoutAvailable(false, 'Creating the payment…');
  const result = await createPaymentIntent(withSavedCard ? { ...order, savedCard: { setupIntent: withSavedCard.setupIntent } } : order);
  if (generation !== paymentGeneration) return;
  if ('error' in result) {
    const group = timeline.startGroup({ title: 'No payment', meta: formatMinorAmount(order.amount, order.currency) });
    group.addStep({ status: 'error', label: 'not created', detail: `${result.error.code}: ${result.error.message}`, source: 'shop backend · POST /api/payment-intents', failed: true });
    setCheckoutAvailable(false, `The payment could not be created: ${result.error.message}`, true);
    return;
  }
  const { intent } = result;
  const group = timeline.startGroup({ title: intent.id, meta: describeOrder(intent), intentId: intent.id });
  const paidWith = withSavedCard ? `, with the saved card ${withSavedCard.paymentMethod}` : '';
  group.addStep({ status: intent.status, label: 'created', detail: `${describeOrder(intent)}${paidWith}, created with the stripe SDK`, source: 'shop backend · POST /api/payment-intents' });
  payment = { intent, group, finished: false, challengeSeen: false };
  if (withSavedCard) checkout.setAttribute('payment-method', withSavedCard.paymentMethod);
  checkout.setAttribute('client-secret', intent.clientSecret ?? '');
  byId('client-secret-attr').textContent = ` client-secret="${intent.id}_secret_…"${withSavedCard ? ` payment-method="${withSavedCard.paymentMethod}"` : ''}`;
  setCheckoutAvailable(true);
}

/**
 * Reads the intent from the shop's backend (after a widget event said something happened to it)
 * and adds what it says to its timeline group.
 * @param {string} label @param {string} source @param {(intent: PaymentIntentView) => void} [then]
 */
function recordIntentStatus(label, source, then) {
  const current = payment;
  if (!current) return;
  enqueueTimeline(async () => {
    const result = await retrievePaymentIntent(current.intent.id);
    if ('error' in result) {
      current.group.addStep({ status: 'error', label, detail: `${result.error.code}: ${result.error.message}`, source: `${source} · GET /api/payment-intents/:id`, failed: true });
      return;
    }
    const { intent } = result;
    current.intent = intent;
    const error = intent.lastPaymentError;
    const failed = intent.status === 'requires_payment_method' && error !== null;
    const detail = failed
      ? `${[error.code, error.declineCode !== error.code ? error.declineCode : null].filter(Boolean).join(' / ')}: ${error.message ?? ''}`
      : intent.status === 'requires_action'
        ? `next action ${intent.nextAction ?? 'none'}: the bank's page is shown in the checkout's dialog`
        : intent.status === 'succeeded'
          ? `${formatMinorAmount(intent.amountReceived, intent.currency)} received`
          : intent.status === 'requires_capture'
            ? `${formatMinorAmount(intent.amount, intent.currency)} authorized, to capture from the server`
            : undefined;
    const step = current.group.addStep({ status: intent.status, label, source: `${source} · GET /api/payment-intents/:id`, failed, ...(detail ? { detail } : {}) });
    if (intent.status === 'requires_action') current.challengeSeen = true;
    if (FINISHED_STATUSES.has(intent.status) || failed) {
      judgeAttempt(current.group, step, { status: intent.status, code: error?.code ?? undefined, declineCode: error?.declineCode ?? undefined, challengeSeen: current.challengeSeen });
      current.challengeSeen = false;
    }
    if (FINISHED_STATUSES.has(intent.status) && current === payment) {
      current.finished = true;
      setCheckoutAvailable(false, intent.status === 'requires_capture' ? 'Authorized. Start a new payment to pay again.' : 'Paid. Start a new payment to pay again.', true);
    }
    then?.(intent);
  });
}

// ---------------------------------------------------------------------------------------------
// SetupIntents: save a card for later, from the shop's backend.

async function startSetup() {
  const generation = ++paymentGeneration;
  payment = undefined;
  setup = undefined;
  checkout.removeAttribute('client-secret');
  checkout.removeAttribute('payment-method');
  checkout.setAttribute('mode', 'setup');
  setCheckoutAvailable(false, 'Creating the SetupIntent…');
  const result = await createSetupIntent();
  if (generation !== paymentGeneration) return;
  if ('error' in result) {
    const group = timeline.startGroup({ title: 'No SetupIntent', meta: 'save a card' });
    group.addStep({ status: 'error', label: 'not created', detail: `${result.error.code}: ${result.error.message}`, source: 'shop backend · POST /api/setup-intents', failed: true });
    setCheckoutAvailable(false, `The SetupIntent could not be created: ${result.error.message}`, true);
    return;
  }
  const { intent } = result;
  const group = timeline.startGroup({ title: intent.id, meta: `save a card for ${intent.customer}`, intentId: intent.id });
  group.addStep({ status: intent.status, label: 'created', detail: `customer ${intent.customer}, usage off_session, created with the stripe SDK`, source: 'shop backend · POST /api/setup-intents' });
  setup = { intent, group };
  checkout.setAttribute('client-secret', intent.clientSecret ?? '');
  byId('client-secret-attr').textContent = ` mode="setup" client-secret="${intent.id}_secret_…"`;
  setCheckoutAvailable(true);
}

/**
 * Reads the SetupIntent from the shop's backend after a widget event and adds what it says to its group.
 * @param {string} label @param {string} source
 */
function recordSetupStatus(label, source) {
  const current = setup;
  if (!current) return;
  enqueueTimeline(async () => {
    const result = await retrieveSetupIntent(current.intent.id);
    if ('error' in result) {
      current.group.addStep({ status: 'error', label, detail: `${result.error.code}: ${result.error.message}`, source: `${source} · GET /api/setup-intents/:id`, failed: true });
      return;
    }
    const { intent } = result;
    current.intent = intent;
    const error = intent.lastSetupError;
    const failed = intent.status === 'requires_payment_method' && error !== null;
    const detail = failed
      ? `${error.code ?? 'setup_failed'}: ${error.message ?? ''}`
      : intent.status === 'requires_action'
        ? `next action ${intent.nextAction ?? 'none'}: the bank's page is shown in the checkout's dialog`
        : intent.status === 'succeeded'
          ? `card saved as ${intent.paymentMethod} for ${intent.customer}`
          : undefined;
    current.group.addStep({ status: intent.status, label, source: `${source} · GET /api/setup-intents/:id`, failed, ...(detail ? { detail } : {}) });
    if (intent.status === 'succeeded' && current === setup && intent.paymentMethod) {
      savedCard = { setupIntent: intent.id, paymentMethod: intent.paymentMethod };
      setCheckoutAvailable(false, `Card saved as ${intent.paymentMethod}. Pay with it (only its CVC is asked), or save another card.`, true);
    }
  });
}

/**
 * Compares how an attempt ended with what the picked scenario says, under its step.
 * @param {TimelineGroup} group @param {HTMLLIElement} step
 * @param {{ status: string, code?: string | undefined, declineCode?: string | undefined, challengeSeen: boolean }} actual
 */
function judgeAttempt(group, step, actual) {
  const expected = scenario.intent;
  const expectation = describeExpectation(scenario, mode);
  let pass;
  if ('notSent' in expected) pass = actual.status === 'not_sent' && actual.code === expected.notSent;
  else if (mode === 'token') pass = actual.status === 'token';
  else if (expected.status === 'succeeded') pass = (actual.status === 'succeeded' || (actual.status === 'requires_capture' && appliedOrder.captureMethod === 'manual')) && actual.challengeSeen === scenario.challenge;
  else pass = actual.status === expected.status && actual.code === expected.code && (expected.declineCode === undefined || actual.declineCode === expected.declineCode) && actual.challengeSeen === scenario.challenge;
  group.addVerdict(step, pass, pass ? `As the scenario "${scenario.name}" expects.` : `The scenario "${scenario.name}" expects ${expectation}.`);
}

// The bank's challenge opens as a <dialog> in the checkout's shadow root: its appearance is the
// widget's sign that the intent now requires_action, which the backend then confirms.
customElements.whenDefined('payframe-checkout').then(() => {
  const root = checkout.shadowRoot;
  if (!root) return;
  new MutationObserver((mutations) => {
    const opened = mutations.some((mutation) => [...mutation.addedNodes].some((node) => node instanceof HTMLDialogElement));
    if (opened && payment) recordIntentStatus('challenge shown', 'widget: 3-D Secure dialog opened');
    if (opened && setup) recordSetupStatus('challenge shown', 'widget: 3-D Secure dialog opened');
  }).observe(root, { childList: true, subtree: true });
});

// The challenge page tells its parent how the shopper left it (authenticated or failed).
window.addEventListener('message', (event) => {
  const current = payment ?? setup;
  if (!gatewayOrigin || event.origin !== gatewayOrigin || event.data?.type !== 'payframe-3ds-complete' || !current) return;
  const outcome = event.data.outcome === 'authenticated' ? 'authenticated' : 'failed';
  enqueueTimeline(() => {
    current.group.addStep({ status: outcome === 'authenticated' ? 'authenticated' : 'authentication_failed', label: '3-D Secure', source: "challenge page: its message to this page", failed: outcome === 'failed' });
  });
});

// ---------------------------------------------------------------------------------------------
// Scenario picker.

const picker = byId('scenario-picker');
for (const [group, title] of SCENARIO_GROUPS) {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'scenario-group';
  const legend = document.createElement('legend');
  legend.textContent = title;
  const chips = document.createElement('div');
  chips.className = 'chips';
  for (const item of SCENARIOS.filter((entry) => entry.group === group)) {
    const label = document.createElement('label');
    label.className = 'chip';
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'scenario';
    radio.value = item.id;
    radio.checked = item.id === scenario.id;
    radio.addEventListener('change', () => {
      const picked = scenarioById(radio.value);
      if (!radio.checked || !picked) return;
      scenario = picked;
      rememberInUrl({ scenario: picked.id });
      showScenario();
    });
    const name = document.createElement('span');
    name.className = 'chip-name';
    name.textContent = item.name;
    // Seen as "•••• 3184", heard as "ending 3184".
    const last4 = document.createElement('span');
    last4.className = 'chip-last4';
    const dots = document.createElement('span');
    dots.setAttribute('aria-hidden', 'true');
    dots.textContent = '•••• ';
    const ending = document.createElement('span');
    ending.className = 'visually-hidden';
    ending.textContent = 'ending ';
    last4.append(dots, ending, item.number.slice(-4));
    label.append(radio, name, ' ', last4);
    chips.append(label);
  }
  fieldset.append(legend, chips);
  picker.append(fieldset);
}

const expiryYear = String((new Date().getFullYear() + 5) % 100).padStart(2, '0');

function showScenario() {
  const groupTitle = SCENARIO_GROUPS.find(([group]) => group === scenario.group)?.[1] ?? '';
  byId('scenario-hint-title').textContent = `${groupTitle}: ${scenario.name}`;
  byId('scenario-number').textContent = spacedNumber(scenario.number);
  byId('scenario-expiry').textContent = `12 / ${expiryYear}`;
  byId('scenario-cvc').textContent = scenario.cvc;
  byId('scenario-expect').textContent = describeExpectation(scenario, mode);
  byId('scenario-description').textContent = scenario.description;
  byId('copy-status').textContent = '';
}

// Copies the public test number (digits only) for pasting into the card field.
byId('copy-number').addEventListener('click', async () => {
  const status = byId('copy-status');
  try {
    await navigator.clipboard.writeText(scenario.number);
    status.textContent = 'Copied';
  } catch {
    // No clipboard permission: select the number so Ctrl+C / Cmd+C copies it.
    getSelection()?.selectAllChildren(byId('scenario-number'));
    status.textContent = 'Selected: press Ctrl+C to copy';
  }
});

// ---------------------------------------------------------------------------------------------
// Widget events: the event log, the token panel, and the timeline.

/** @param {string} type @param {unknown} detail */
function logEvent(type, detail) {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString(undefined, { hour12: false });
  const name = document.createElement('span');
  name.className = 'event-name';
  name.textContent = type.replace('payframe-', '');
  const body = document.createElement('code');
  body.textContent = JSON.stringify(detail);
  item.append(time, name, body);
  log.prepend(item);
  while (log.children.length > 200) log.lastElementChild?.remove();
}

/** @param {import('../../src/index.ts').PaymentMethod} paymentMethod @param {string} source */
function showToken(paymentMethod, source) {
  tokenPanel.classList.remove('empty');
  tokenPanel.replaceChildren();
  const id = document.createElement('div');
  id.className = 'token-id';
  id.id = 'token-id';
  id.textContent = paymentMethod.id;
  const summary = document.createElement('div');
  summary.className = 'token-summary';
  const { brand, last4, exp_month: month, exp_year: year, funding } = paymentMethod.card;
  summary.textContent = `${brand} •••• ${last4} · expires ${String(month).padStart(2, '0')}/${year} · ${funding ?? ''} · from ${source}`;
  const json = document.createElement('pre');
  // Scrolls when long: focusable, so a keyboard can scroll it too.
  json.tabIndex = 0;
  json.setAttribute('aria-label', 'Payment method JSON');
  json.textContent = JSON.stringify(paymentMethod, null, 2);
  tokenPanel.append(id, summary, json);
}

/** Token mode's timeline: one group for the page's tokens and refusals. */
function tokenTimelineGroup() {
  tokenGroup ??= timeline.startGroup({ title: 'Token mode', meta: 'no PaymentIntent: Pay creates a payment method' });
  return tokenGroup;
}

for (const type of ['payframe-ready', 'payframe-change', 'payframe-focus', 'payframe-blur', 'payframe-token', 'payframe-payment', 'payframe-setup', 'payframe-error', 'payframe-submit']) {
  document.addEventListener(type, (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail;
    const source = /** @type {HTMLElement} */ (event.target).id || /** @type {HTMLElement} */ (event.target).localName;
    logEvent(`${type} · ${source}`, detail);
    if (type === 'payframe-token') showToken(detail.paymentMethod, source === 'split' ? 'split fields' : 'drop-in');
  });
}

checkout.addEventListener('payframe-token', (/** @type {CustomEvent} */ event) => {
  const { paymentMethod } = event.detail;
  enqueueTimeline(() => {
    const group = tokenTimelineGroup();
    const step = group.addStep({ status: 'token', label: paymentMethod.id, detail: `${paymentMethod.card.brand} •••• ${paymentMethod.card.last4}`, source: 'widget: payframe-token' });
    judgeAttempt(group, step, { status: 'token', challengeSeen: false });
  });
});

checkout.addEventListener('payframe-payment', (/** @type {CustomEvent} */ event) => {
  if (payment && event.detail.paymentIntent?.id === payment.intent.id) recordIntentStatus('paid', `widget: payframe-payment (${event.detail.paymentIntent.status})`);
});

checkout.addEventListener('payframe-setup', (/** @type {CustomEvent} */ event) => {
  if (setup && event.detail.setupIntent?.id === setup.intent.id) recordSetupStatus('saved', `widget: payframe-setup (${event.detail.setupIntent.status})`);
});

checkout.addEventListener('payframe-error', (/** @type {CustomEvent} */ event) => {
  const { error } = event.detail;
  if (FIELD_ERROR_CODES.has(error.code)) {
    // Caught in the fields: nothing reached the gateway, the intent is as it was.
    const group = mode === 'intent' ? payment?.group : mode === 'setup' ? setup?.group : tokenTimelineGroup();
    if (!group) return;
    enqueueTimeline(() => {
      const step = group.addStep({ status: 'not_sent', label: error.code, detail: error.message, source: 'widget: payframe-error' });
      if (mode !== 'setup') judgeAttempt(group, step, { status: 'not_sent', code: error.code, challengeSeen: false });
    });
    return;
  }
  if (mode === 'setup' && setup) recordSetupStatus('setup failed', `widget: payframe-error (${error.code})`);
  else if (mode === 'intent' && payment) recordIntentStatus('payment failed', `widget: payframe-error (${error.code})`);
  else enqueueTimeline(() => void tokenTimelineGroup().addStep({ status: 'error', label: error.code, detail: error.message, source: 'widget: payframe-error', failed: true }));
});

byId('clear-log').addEventListener('click', () => log.replaceChildren());
byId('clear-timeline').addEventListener('click', () => {
  timeline.clear();
  tokenGroup = undefined;
  // The intent being paid keeps a group, so what happens next still has a place to go.
  if (payment) payment.group = timeline.startGroup({ title: payment.intent.id, meta: describeOrder(payment.intent), intentId: payment.intent.id });
  if (setup) setup.group = timeline.startGroup({ title: setup.intent.id, meta: `save a card for ${setup.intent.customer}`, intentId: setup.intent.id });
});

// Split fields: the merchant's own button (and Enter in a field) calls tokenize().
const split = /** @type {any} */ (byId('split'));
const splitButton = /** @type {HTMLButtonElement} */ (byId('split-save'));
/** @param {Event} [event] */
async function saveSplitCard(event) {
  event?.preventDefault();
  splitButton.disabled = true;
  splitButton.textContent = 'Saving…';
  await split.tokenize();
  splitButton.disabled = false;
  splitButton.textContent = 'Save card';
}
byId('split-form').addEventListener('submit', saveSplitCard);
split.addEventListener('payframe-submit', saveSplitCard);

// ---------------------------------------------------------------------------------------------
// Start.

startLookSwitchers();
applyOrderToCheckout(appliedOrder);
showMode();
showScenario();
if (mode === 'intent') void startPayment(appliedOrder);
if (mode === 'setup') void startSetup();
