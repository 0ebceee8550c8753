// The reference shop page (merchant realm): asks the backend for an order (the item only; the
// price is the server's), pays its PaymentIntent with <payframe-checkout client-secret>, then
// waits for the backend, which learns the outcome from the gateway's webhook, not from this page.
// A logged-in shopper may save the card they pay with, pay again with a saved card, and
// authenticate payments the shop started off session that their bank held
// ("Payments waiting for you"): the 3-D Secure challenge runs on session in the drop-in.
const FINAL = new Set(['paid', 'authorized', 'failed', 'canceled', 'refunded', 'partially_refunded', 'requires_authentication', 'disputed']);
const money = (amount, currency) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
const $ = (id) => document.getElementById(id);
/** The shopper's session CSRF token (from login or /api/shopper/me), sent on every POST; '' when logged out. */
let csrfToken = '';

async function api(path, init) {
  const csrf = init?.method === 'POST' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
  const response = await fetch(path, { ...init, headers: { 'Content-Type': 'application/json', ...csrf, ...(init?.headers ?? {}) } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.error?.message ?? `HTTP ${response.status}`), { status: response.status });
  return body;
}

// One Idempotency-Key per order the shopper asks for, kept until an answer arrives: a retry (ours
// after a network error, or the shopper's second click) gets the same order from any backend
// instance, never a second one. Another item, capture method or card is another order, with a new
// key. Guests order at /api/orders, logged-in shoppers at /api/shopper/orders (with the CSRF token).
let orderRequest;
const newKey = () => `order-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
const RETRY_WAITS_MS = [250, 500, 1000, 2000, 4000];

async function requestOrder(path, order) {
  const body = JSON.stringify(order);
  if (orderRequest?.path !== path || orderRequest.body !== body) orderRequest = { path, body, key: newKey() };
  const csrf = csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': orderRequest.key, ...csrf }, body });
    } catch (error) {
      // The request may or may not have reached the shop: the same key makes asking again safe.
      if (attempt >= RETRY_WAITS_MS.length) throw new Error('The shop cannot be reached; check your connection and try again.');
      await new Promise((resolve) => setTimeout(resolve, RETRY_WAITS_MS[attempt]));
      continue;
    }
    const answer = await response.json().catch(() => ({}));
    // 409: our first request is still being processed (maybe by another instance): wait for its answer.
    if (response.status === 409 && answer.error?.code === 'request_in_progress' && attempt < RETRY_WAITS_MS.length) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_WAITS_MS[attempt]));
      continue;
    }
    if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
    orderRequest = undefined;
    return answer;
  }
}

async function showCatalogue() {
  const { items } = await api('/api/catalogue');
  const fieldset = $('catalogue');
  items.forEach((item, index) => {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'sku', value: item.sku, checked: index === 0 });
    label.append(input, ` ${item.name} — ${money(item.amount, item.currency)}`);
    fieldset.append(label);
  });
}

function setStatus(text, status) {
  const line = $('order-status');
  line.textContent = text;
  line.dataset.status = status;
}

/** Polls the order until the gateway's webhook has moved it on from `before` (the status the payment started from). */
async function waitForWebhook(orderId, before) {
  setStatus('Payment sent. Waiting for the gateway to confirm it to the shop (webhook)…', 'waiting');
  for (;;) {
    const { order } = await api(`/api/orders/${orderId}`);
    if (FINAL.has(order.status) && order.status !== before) {
      const text = { paid: 'Order paid: the shop has the gateway\'s confirmation.', authorized: 'Payment authorized: the shop will capture it when the order ships.' }[order.status];
      setStatus(text ?? `Order ${order.status}.`, order.status);
      void refreshAccount();
      return;
    }
    // A bank debit: the bank answers in days (the sandbox clock in tests); the page keeps asking.
    if (order.status === 'processing') setStatus('Payment processing: your bank has the debit. The order ships once the bank confirms it.', 'processing');
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

function showPayment(order) {
  $('order-id').textContent = order.id;
  $('order-description').textContent = order.description;
  $('order-amount').textContent = money(order.amount, order.currency);
  $('checkout-slot').replaceChildren();
  setStatus('', '');
  $('payment').hidden = false;
  $('order-form').hidden = true;
  // While paying, the page is about this payment only (the account panel comes back with the catalogue).
  $('account').hidden = true;
}

/** The drop-in for the order's PaymentIntent; with a saved card's `paymentMethod`, it asks for that card's CVC alone. */
function mountCheckout(order, clientSecret, publishableKey, paymentMethod, paymentMethodType = 'card') {
  const checkout = document.createElement('payframe-checkout');
  checkout.setAttribute('publishable-key', publishableKey);
  checkout.setAttribute('amount', String(order.amount));
  checkout.setAttribute('currency', order.currency);
  checkout.setAttribute('client-secret', clientSecret);
  if (paymentMethod) checkout.setAttribute('payment-method', paymentMethod);
  // A bank debit: the drop-in shows that bank's inputs and the mandate, which names the shop.
  if (paymentMethodType !== 'card') {
    checkout.setAttribute('payment-methods', paymentMethodType);
    checkout.setAttribute('business-name', 'Payframe demo shop');
  }
  checkout.addEventListener('payframe-payment', () => void waitForWebhook(order.id, order.status));
  checkout.addEventListener('payframe-error', (error) => setStatus(error.detail.error.message, 'error'));
  $('checkout-slot').replaceChildren(checkout);
}

async function startCheckout(event) {
  event.preventDefault();
  $('order-error').textContent = '';
  const button = $('start-checkout');
  button.disabled = true;
  try {
    const form = new FormData($('order-form'));
    const sku = form.get('sku');
    const captureMethod = $('manual-capture').checked ? 'manual' : 'automatic';
    if (!csrfToken) {
      const paymentMethodType = String(form.get('pay-by') ?? 'card');
      // A card order's request stays as it was; a bank debit names its type.
      const { order, clientSecret, publishableKey } = await requestOrder('/api/orders', paymentMethodType === 'card' ? { sku, captureMethod } : { sku, captureMethod, paymentMethodType });
      showPayment(order);
      mountCheckout(order, clientSecret, publishableKey, undefined, paymentMethodType);
      return;
    }
    const savedCard = form.get('pay-with') || 'new';
    const body = savedCard === 'new' ? { sku, captureMethod, saveCard: $('save-card').checked } : { sku, captureMethod, paymentMethod: savedCard };
    const answer = await requestOrder('/api/shopper/orders', body);
    showPayment(answer.order);
    // A saved card: the drop-in shows it and asks for its CVC alone.
    mountCheckout(answer.order, answer.clientSecret, answer.publishableKey, answer.paymentMethod);
  } catch (error) {
    $('order-error').textContent = error.message;
    button.disabled = false;
  }
}

/** Back to the catalogue (after a payment, or to authenticate another one). */
function resetCheckout() {
  $('account').hidden = false;
  $('payment').hidden = true;
  $('order-form').hidden = false;
  $('start-checkout').disabled = false;
}

async function authenticate(orderId, button) {
  button.disabled = true;
  $('account-error').textContent = '';
  try {
    const answer = await api(`/api/shopper/orders/${orderId}/authenticate`, { method: 'POST', body: '{}' });
    const { order, clientSecret, publishableKey } = answer;
    showPayment(order);
    // The drop-in confirms on session, where the bank's challenge can be shown: the held card, its CVC alone.
    const { paymentMethod } = answer;
    mountCheckout(order, clientSecret, publishableKey, paymentMethod);
    $('payment').scrollIntoView();
  } catch (error) {
    $('account-error').textContent = error.message;
    button.disabled = false;
  }
}

function showCards(cards) {
  const fieldset = $('pay-with');
  const choice = (value, text, checked) => {
    const label = document.createElement('label');
    label.append(Object.assign(document.createElement('input'), { type: 'radio', name: 'pay-with', value, checked }), ` ${text}`);
    return label;
  };
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(
    legend,
    choice('new', 'A new card', true),
    ...cards.map((card) => choice(card.id, `Saved card ${card.brand.replace(/^./, (c) => c.toUpperCase())} •••• ${card.last4} (expires ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)})`, false)),
  );
  fieldset.hidden = cards.length === 0;
}

function showWaiting(orders) {
  const waiting = orders.filter((order) => order.status === 'requires_authentication');
  $('waiting').hidden = waiting.length === 0;
  $('waiting-list').replaceChildren(
    ...waiting.map((order) => {
      const item = document.createElement('li');
      item.dataset.order = order.id;
      const text = document.createElement('span');
      text.textContent = `${order.description} — ${money(order.amount, order.currency)}`;
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Authenticate', className: 'small' });
      button.setAttribute('aria-label', `Authenticate ${order.description}, ${money(order.amount, order.currency)}`);
      button.addEventListener('click', () => void authenticate(order.id, button));
      item.append(text, button);
      return item;
    }),
  );
}

/** Who is logged in, their saved cards and their payments waiting; the login form otherwise. */
async function refreshAccount() {
  let me;
  try {
    me = await api('/api/shopper/me');
  } catch {
    csrfToken = '';
    $('login-form').hidden = false;
    $('logged-in').hidden = true;
    $('save-card-label').hidden = true;
    $('pay-with').hidden = true;
    $('waiting').hidden = true;
    // Bank debits are offered to guests; an account pays by card (new or saved).
    $('pay-by').hidden = false;
    return;
  }
  $('pay-by').hidden = true;
  csrfToken = me.csrfToken;
  $('shopper-name').textContent = me.shopper.email;
  $('login-form').hidden = true;
  $('logged-in').hidden = false;
  $('save-card-label').hidden = false;
  showCards(me.cards);
  showWaiting((await api('/api/shopper/orders')).orders);
}

async function logInOrSignUp(path) {
  $('account-error').textContent = '';
  if (!$('login-form').reportValidity()) return;
  try {
    const answer = await api(`/api/shopper/${path}`, { method: 'POST', body: JSON.stringify({ email: $('shopper-email').value, password: $('shopper-password').value }) });
    csrfToken = answer.csrfToken;
    $('shopper-password').value = '';
    await refreshAccount();
  } catch (error) {
    $('account-error').textContent = error.message;
  }
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void logInOrSignUp('login');
});
$('shopper-signup').addEventListener('click', () => void logInOrSignUp('signup'));
$('shopper-logout').addEventListener('click', async () => {
  await api('/api/shopper/logout', { method: 'POST', body: '{}' }).catch(() => undefined);
  resetCheckout();
  await refreshAccount();
});
$('order-form').addEventListener('submit', startCheckout);
void showCatalogue();
void api('/api/shopper/demo').then((demo) => ($('demo-login').textContent = `Demo account: ${demo.email} / ${demo.password}`)).catch(() => undefined);
void refreshAccount();
