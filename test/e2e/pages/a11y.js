// Mounts one <payframe-checkout> (or, with ?split, a card group) with the attributes the query
// string names: ?locale=de&theme=dark&amount=1999&currency=eur&width=360&payment-methods=card+sepa_debit&business-name=Shop
const params = new URLSearchParams(location.search);
const mount = document.getElementById('mount');
let element;
if (params.has('split')) {
  element = document.createElement('payframe-card-group');
  for (const kind of ['number', 'expiry', 'cvc']) element.append(document.createElement(`payframe-card-${kind}`));
} else {
  element = document.createElement('payframe-checkout');
  element.setAttribute('amount', params.get('amount') ?? '1999');
  element.setAttribute('currency', params.get('currency') ?? 'eur');
}
element.id = 'checkout';
element.setAttribute('publishable-key', mount.dataset.publishableKey);
for (const name of ['locale', 'theme', 'payment-methods', 'business-name']) if (params.has(name)) element.setAttribute(name, params.get(name));
if (params.get('theme') === 'dark' || params.has('dark-page')) document.documentElement.classList.add('dark-page');
if (params.has('parts')) document.documentElement.classList.add('parts-demo');
mount.append(element);
