// The reference shop page (merchant realm): asks the backend for an order (the item only; the
// price is the server's), pays its PaymentIntent with <payframe-checkout client-secret>, then
// waits for the backend, which learns the outcome from the gateway's webhook, not from this page.
const FINAL = new Set(['paid', 'authorized', 'failed', 'canceled', 'refunded', 'partially_refunded']);
const money = (amount, currency) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
const $ = (id) => document.getElementById(id);

async function api(path, init) {
  const response = await fetch(path, { ...init, headers: { 'Content-Type': 'application/json', ...(init?.headers ?? {}) } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

// One Idempotency-Key per order the shopper asks for, kept until an answer arrives: a retry (ours
// after a network error, or the shopper's second click) gets the same order from any backend
// instance, never a second one. Another item or capture method is another order, with a new key.
let orderRequest;
const newKey = () => `order-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
const RETRY_WAITS_MS = [250, 500, 1000, 2000, 4000];

async function requestOrder(sku, captureMethod) {
  const body = JSON.stringify({ sku, captureMethod });
  if (orderRequest?.body !== body) orderRequest = { body, key: newKey() };
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch('/api/orders', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': orderRequest.key }, body });
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

/** Polls the backend until the webhook has moved the order to a final status. */
async function waitForWebhook(orderId) {
  setStatus('Payment sent. Waiting for the gateway to confirm it to the shop (webhook)…', 'waiting');
  for (;;) {
    const { order } = await api(`/api/orders/${orderId}`);
    if (FINAL.has(order.status)) {
      const text = { paid: 'Order paid: the shop has the gateway\'s confirmation.', authorized: 'Payment authorized: the shop will capture it when the order ships.' }[order.status];
      setStatus(text ?? `Order ${order.status}.`, order.status);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

async function startCheckout(event) {
  event.preventDefault();
  $('order-error').textContent = '';
  const button = $('start-checkout');
  button.disabled = true;
  try {
    const sku = new FormData($('order-form')).get('sku');
    const captureMethod = $('manual-capture').checked ? 'manual' : 'automatic';
    const { order, clientSecret, publishableKey } = await requestOrder(sku, captureMethod);
    $('order-id').textContent = order.id;
    $('order-description').textContent = order.description;
    $('order-amount').textContent = money(order.amount, order.currency);
    const checkout = document.createElement('payframe-checkout');
    checkout.setAttribute('publishable-key', publishableKey);
    checkout.setAttribute('amount', String(order.amount));
    checkout.setAttribute('currency', order.currency);
    checkout.setAttribute('client-secret', clientSecret);
    checkout.addEventListener('payframe-payment', () => void waitForWebhook(order.id));
    checkout.addEventListener('payframe-error', (error) => setStatus(error.detail.error.message, 'error'));
    $('checkout-slot').replaceChildren(checkout);
    $('payment').hidden = false;
    $('order-form').hidden = true;
  } catch (error) {
    $('order-error').textContent = error.message;
    button.disabled = false;
  }
}

$('order-form').addEventListener('submit', startCheckout);
void showCatalogue();
