// The operations page (merchant back office, demo login): orders with their status and ledger
// totals, capture / cancel / refund buttons, and the reconciliation view. Every action carries an
// Idempotency-Key, kept until the backend gives a final answer, so a retry after a network
// failure reuses it and the button is disabled while a request runs (a double click sends one).
// Every POST carries the session's CSRF token (from the login or GET /api/ops/session) in X-CSRF-Token.
// The shoppers table lists each shopper's saved cards with a Charge button (off session).
const $ = (id) => document.getElementById(id);
const money = (amount) => (amount / 100).toFixed(2);
/** Keys of actions that have not had a final answer yet, by order + action + amount. */
const pendingKeys = new Map();
/** The session's CSRF token; only this page (same origin) can read it. */
let csrfToken = '';

async function send(path, init = {}) {
  const headers = { 'Content-Type': 'application/json', ...(init.method === 'POST' ? { 'X-CSRF-Token': csrfToken } : {}), ...(init.headers ?? {}) };
  return fetch(path, { ...init, headers });
}

async function api(path, init = {}) {
  const response = await send(path, init);
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
  return td;
}

function actionButton(order, action, label, amountInput) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label, className: 'small' });
  button.dataset.action = action;
  button.addEventListener('click', async () => {
    const amount = amountInput.value.trim() === '' || action === 'cancel' ? undefined : Number(amountInput.value);
    const intent = `${order.id}/${action}/${amount ?? 'all'}`;
    const key = pendingKeys.get(intent) ?? crypto.randomUUID();
    pendingKeys.set(intent, key);
    button.disabled = true;
    try {
      const { ok, status, body } = await api(`/api/ops/orders/${order.id}/${action}`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: JSON.stringify(amount === undefined ? {} : { amount }),
      });
      // A 5xx or 409 is not final: the same click later reuses the key.
      if (status < 500 && status !== 409) pendingKeys.delete(intent);
      $('operation-result').textContent = ok ? `${label} ${order.id}: done (${JSON.stringify(body)})` : `${label} ${order.id}: ${body.error?.message ?? status}`;
      $('operation-result').dataset.outcome = ok ? 'ok' : 'error';
    } catch {
      $('operation-result').textContent = `${label} ${order.id}: network error, press again to retry safely`;
    } finally {
      button.disabled = false;
      void refresh();
    }
  });
  return button;
}

const PAYMENT_METHOD_LABELS = { card: 'Card', sepa_debit: 'SEPA Direct Debit', us_bank_account: 'ACH Direct Debit' };

// The status itself, then what it means for the operator: a bank debit in `processing` is not
// paid yet (do not ship), a failed one says the bank's or issuer's code.
function statusCell(row, order) {
  const td = cell(row, '');
  const status = Object.assign(document.createElement('span'), { className: `status status-${order.status}`, textContent: order.status });
  td.append(status);
  const note = order.status === 'processing' ? 'waiting for the bank, do not ship' : order.status === 'failed' && order.failureCode ? order.failureCode : '';
  if (note) td.append(Object.assign(document.createElement('span'), { className: 'status-note', textContent: ` ${note}` }));
}

async function refresh() {
  const { ok, body } = await api('/api/ops/orders');
  if (!ok) return showLogin();
  const tbody = $('orders').querySelector('tbody');
  const rows = body.orders.map((order) => {
    const row = document.createElement('tr');
    row.dataset.order = order.id;
    cell(row, order.id);
    cell(row, order.description);
    cell(row, `${money(order.amount)} ${order.currency.toUpperCase()}`);
    cell(row, order.captureMethod);
    statusCell(row, order);
    cell(row, money(order.authorized));
    cell(row, money(order.captured));
    cell(row, money(order.refunded));
    // After the amounts, so the columns before it keep their places.
    cell(row, PAYMENT_METHOD_LABELS[order.paymentMethodType] ?? order.paymentMethodType).className = `method method-${order.paymentMethodType}`;
    const actions = cell(row, '');
    const amountInput = Object.assign(document.createElement('input'), { type: 'number', min: '1', placeholder: 'amount', className: 'amount' });
    amountInput.setAttribute('aria-label', `Amount for ${order.id}`);
    actions.append(amountInput);
    if (order.status === 'authorized') actions.append(actionButton(order, 'capture', 'Capture', amountInput), actionButton(order, 'cancel', 'Cancel', amountInput));
    if (order.status === 'paid' || order.status === 'partially_refunded') actions.append(actionButton(order, 'refund', 'Refund', amountInput));
    return row;
  });
  // Keep the row being typed into: only redraw when nothing in the table has focus.
  if (!tbody.contains(document.activeElement)) tbody.replaceChildren(...rows);
  void refreshShoppers();
}

let catalogue = [];
/** The item picked per card, kept across the table's redraws. */
const chosenItems = new Map();

function chargeButton(shopper, card, itemSelect) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Charge', className: 'small' });
  button.setAttribute('aria-label', `Charge ${shopper.email}'s card ending ${card.last4}`);
  button.addEventListener('click', async () => {
    const sku = itemSelect.value;
    const intent = `${shopper.id}/${card.id}/${sku}`;
    const key = pendingKeys.get(intent) ?? crypto.randomUUID();
    pendingKeys.set(intent, key);
    button.disabled = true;
    try {
      const { ok, status, body } = await api(`/api/ops/shoppers/${shopper.id}/charges`, { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify({ sku, paymentMethod: card.id }) });
      if (status < 500 && status !== 409) pendingKeys.delete(intent);
      const result = $('charge-result');
      result.dataset.outcome = ok ? 'ok' : (body.error?.code ?? 'error');
      result.dataset.order = body.order?.id ?? '';
      result.textContent = ok
        ? `Charged ${shopper.email}: order ${body.order.id}, ${body.paymentIntent.status}.`
        : body.error?.code === 'authentication_required'
          ? `The bank wants ${shopper.email} to authenticate: order ${body.order.id} waits for them in the shop.`
          : `Charge ${shopper.email}: ${body.error?.message ?? status}`;
    } catch {
      $('charge-result').textContent = `Charge ${shopper.email}: network error, press again to retry safely`;
    } finally {
      button.disabled = false;
      void refresh();
    }
  });
  return button;
}

async function refreshShoppers() {
  const { ok, body } = await api('/api/ops/shoppers');
  if (!ok) return;
  if (catalogue.length === 0) catalogue = (await api('/api/catalogue')).body.items ?? [];
  const tbody = $('shoppers').querySelector('tbody');
  const rows = [];
  for (const shopper of body.shoppers) {
    for (const card of shopper.cards.length > 0 ? shopper.cards : [undefined]) {
      const row = document.createElement('tr');
      row.dataset.shopper = shopper.email;
      cell(row, shopper.email);
      cell(row, shopper.customerId);
      cell(row, card ? `${card.brand} •••• ${card.last4} ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}` : 'no saved card');
      const itemCell = cell(row, '');
      const actions = cell(row, '');
      if (card) {
        const select = document.createElement('select');
        select.setAttribute('aria-label', `Item to charge ${shopper.email}`);
        for (const item of catalogue) select.append(Object.assign(document.createElement('option'), { value: item.sku, textContent: `${item.name} (${money(item.amount)} ${item.currency.toUpperCase()})` }));
        const chosen = `${shopper.id}/${card.id}`;
        if (chosenItems.has(chosen)) select.value = chosenItems.get(chosen);
        select.addEventListener('change', () => chosenItems.set(chosen, select.value));
        itemCell.append(select);
        actions.append(chargeButton(shopper, card, select));
      }
      rows.push(row);
    }
  }
  if (!tbody.contains(document.activeElement)) tbody.replaceChildren(...rows);
}

async function reconcile(event) {
  event?.preventDefault();
  const since = $('since').value;
  // A POST: running a reconciliation is an action, never a link.
  const { ok, body } = await api('/api/ops/reconciliation', { method: 'POST', body: JSON.stringify({ since }) });
  if (!ok) {
    $('reconcile-summary').textContent = body.error?.message ?? 'Reconciliation failed.';
    return;
  }
  $('reconcile-summary').textContent = `${body.mismatches === 0 ? 'Ledger and gateway agree' : `${body.mismatches} mismatch(es)`} — ${Object.entries(body.counts).map(([k, v]) => `${k}: ${v}`).join(', ')}`;
  $('reconcile-summary').dataset.mismatches = String(body.mismatches);
  $('reconciliation').querySelector('tbody').replaceChildren(
    ...body.rows.map((entry) => {
      const row = document.createElement('tr');
      row.dataset.result = entry.result;
      for (const value of [entry.result, entry.kind, entry.gatewayId, entry.orderId, entry.ledgerAmount, entry.gatewayAmount, entry.ledgerStatus, entry.gatewayStatus, entry.detail]) cell(row, value ?? '');
      return row;
    }),
  );
}

async function downloadCsv() {
  const response = await send('/api/ops/reconciliation.csv', { method: 'POST', body: JSON.stringify({ since: $('since').value }) });
  if (!response.ok) {
    $('reconcile-summary').textContent = (await response.json().catch(() => ({}))).error?.message ?? 'Reconciliation failed.';
    return;
  }
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: 'reconciliation.csv' });
  link.click();
  URL.revokeObjectURL(link.href);
}

let timer;
function showConsole() {
  $('login').hidden = true;
  $('console').hidden = false;
  $('logout').hidden = false;
  $('logout-everywhere').hidden = false;
  void refresh();
  clearInterval(timer);
  timer = setInterval(refresh, 1500);
}

function showLogin() {
  clearInterval(timer);
  $('login').hidden = false;
  $('console').hidden = true;
  $('logout').hidden = true;
  $('logout-everywhere').hidden = true;
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { ok, body } = await api('/api/ops/login', { method: 'POST', body: JSON.stringify({ user: $('user').value, password: $('password').value }) });
  if (ok) {
    csrfToken = body.csrfToken;
    $('login-error').textContent = '';
    showConsole();
  } else $('login-error').textContent = body.error?.message ?? 'Login failed.';
});
$('logout').addEventListener('click', async () => {
  await api('/api/ops/logout', { method: 'POST' });
  showLogin();
});
$('logout-everywhere').addEventListener('click', async () => {
  await api('/api/ops/sessions/revoke', { method: 'POST' });
  showLogin();
});
$('refresh').addEventListener('click', () => void refresh());
$('reconcile-form').addEventListener('submit', reconcile);
$('reconcile-csv').addEventListener('click', () => void downloadCsv());

const today = new Date();
today.setHours(0, 0, 0, 0);
$('since').value = today.toISOString();
const session = await api('/api/ops/session');
if (session.ok) {
  csrfToken = session.body.csrfToken;
  showConsole();
} else showLogin();
