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
    const { order, clientSecret, publishableKey } = await api('/api/orders', { method: 'POST', body: JSON.stringify({ sku, captureMethod }) });
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
