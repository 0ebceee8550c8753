// A merchant's layout for a saved card with split fields: a <payframe-card-group> holding a
// <payframe-card-cvc> alone, with the attributes the query string names
// (?client-secret=pi_…&payment-method=pm_…&publishable-key=pk_…&locale=de). The card's line comes
// from payframe-saved-card; Pay calls the group's pay().
const params = new URLSearchParams(location.search);
const mount = document.getElementById('mount');
const line = document.getElementById('saved-card-line');
const outcome = document.getElementById('outcome');
const group = document.createElement('payframe-card-group');
group.id = 'saved';
group.setAttribute('publishable-key', params.get('publishable-key') ?? mount.dataset.publishableKey);
for (const name of ['client-secret', 'payment-method', 'locale']) if (params.has(name)) group.setAttribute(name, params.get(name));
group.append(document.createElement('payframe-card-cvc'));
// Kept for the tests: every payframe-saved-card detail, as the page received it.
window.savedCardEvents = [];
group.addEventListener('payframe-saved-card', (event) => {
  window.savedCardEvents.push(event.detail);
  line.textContent = 'error' in event.detail ? event.detail.error.message : event.detail.description;
});
document.getElementById('pay').addEventListener('click', async () => {
  const result = await group.pay();
  outcome.textContent = 'error' in result ? result.error.message : `Paid (${result.paymentIntent.status}).`;
});
mount.append(group);
