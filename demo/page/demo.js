// @ts-check
// The demo page's own script (merchant realm): shows the token, logs every Payframe event and
// lists the test cards. It never touches card data; it only listens to Payframe's events.

/** Stripe's published test cards, as the sandbox gateway treats them. @type {[string, string, string][]} */
const TEST_CARDS = [
  ['4242 4242 4242 4242', 'Visa', 'Tokenizes (pm_ token)'],
  ['4000 0566 5566 5556', 'Visa (debit)', 'Tokenizes, funding debit'],
  ['5555 5555 5555 4444', 'Mastercard', 'Tokenizes'],
  ['2223 0031 2200 3222', 'Mastercard (2-series)', 'Tokenizes'],
  ['3782 822463 10005', 'American Express', 'Tokenizes; 4-digit CVC, 4-6-5 spacing'],
  ['6011 1111 1111 1117', 'Discover', 'Tokenizes'],
  ['3622 720627 1667', 'Diners Club (14 digits)', 'Tokenizes'],
  ['3566 0020 2036 0505', 'JCB', 'Tokenizes'],
  ['6205 5000 0000 0000 004', 'UnionPay (19 digits)', 'Tokenizes'],
  ['4000 0000 0000 0002', 'Visa', 'Tokenizes; declines when charged (generic_decline)'],
  ['4000 0027 6000 3184', 'Visa', 'Tokenizes; asks for 3-D Secure when charged'],
  ['4242 4242 4242 4241', 'Visa', 'Fails the Luhn check: invalid_number, no request'],
];

const tokenPanel = /** @type {HTMLElement} */ (document.getElementById('token'));
const log = /** @type {HTMLOListElement} */ (document.getElementById('event-log'));

document.getElementById('merchant-origin')?.append(location.origin);

const tbody = document.getElementById('test-cards');
for (const [number, brand, outcome] of TEST_CARDS) {
  const row = document.createElement('tr');
  for (const text of [number, brand, outcome]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  row.firstElementChild?.classList.add('mono');
  tbody?.append(row);
}

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
  json.textContent = JSON.stringify(paymentMethod, null, 2);
  tokenPanel.append(id, summary, json);
}

for (const type of ['payframe-ready', 'payframe-change', 'payframe-focus', 'payframe-blur', 'payframe-token', 'payframe-error', 'payframe-submit']) {
  document.addEventListener(type, (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail;
    const source = /** @type {HTMLElement} */ (event.target).id || /** @type {HTMLElement} */ (event.target).localName;
    logEvent(`${type} · ${source}`, detail);
    if (type === 'payframe-token') showToken(detail.paymentMethod, source === 'split' ? 'split fields' : 'drop-in');
  });
}

document.getElementById('clear-log')?.addEventListener('click', () => log.replaceChildren());

// Split fields: the merchant's own button (and Enter in a field) calls tokenize().
const split = /** @type {any} */ (document.getElementById('split'));
const splitButton = /** @type {HTMLButtonElement} */ (document.getElementById('split-save'));
/** @param {Event} [event] */
async function saveSplitCard(event) {
  event?.preventDefault();
  splitButton.disabled = true;
  splitButton.textContent = 'Saving…';
  await split.tokenize();
  splitButton.disabled = false;
  splitButton.textContent = 'Save card';
}
document.getElementById('split-form')?.addEventListener('submit', saveSplitCard);
split.addEventListener('payframe-submit', saveSplitCard);

customElements.whenDefined('payframe-checkout').then(() => {
  const total = document.getElementById('order-total');
  if (total) total.textContent = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(19.99);
});
