// The 3-D Secure pages' stylesheet and their only script, served as files from the gateway's own
// origin so the pages' CSP can stay `script-src 'self'; style-src 'self'` with nothing inline.
export const THREE_D_SECURE_STYLESHEET_PATH = '/3ds/challenge.css';
export const THREE_D_SECURE_SCRIPT_PATH = '/3ds/challenge-result.js';
export const THREE_D_SECURE_SHOWN_SCRIPT_PATH = '/3ds/challenge-shown.js';

export const THREE_D_SECURE_STYLESHEET = `:root { color-scheme: light; font: 16px/1.5 system-ui, sans-serif; color: #1a1f36; background: #f6f8fa; }
body { margin: 0; }
main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
h1 { font-size: 1.375rem; margin: 0 0 1rem; }
.issuer { margin: 0 0 .5rem; font-size: .875rem; color: #57606a; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dt { color: #57606a; }
dd { margin: 0; font-weight: 600; }
.code { font-family: ui-monospace, monospace; font-size: 1.125rem; letter-spacing: .1em; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
input { font: inherit; font-size: 1.25rem; letter-spacing: .2em; padding: .5rem .75rem; width: 10ch; border: 1px solid #8c959f; border-radius: 6px; }
input[aria-invalid="true"] { border-color: #cf222e; }
.error { color: #a40e26; font-weight: 600; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; margin-top: 1.25rem; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #8c959f; background: #f6f8fa; color: #1a1f36; cursor: pointer; }
button[value="complete"] { background: #0a2540; border-color: #0a2540; color: #fff; }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
`;

/**
 * Runs on the result page: posts the outcome to the embedding page at the one origin the server
 * chose (never "*"), and only when framed; then returns to the shop if a return_url was given.
 */
export const THREE_D_SECURE_SCRIPT = `'use strict';
(() => {
  const result = document.getElementById('challenge-result');
  if (result === null) return;
  const { paymentIntent, outcome, targetOrigin, returnUrl } = result.dataset;
  if (targetOrigin && window.parent !== window) {
    window.parent.postMessage({ type: 'payframe-3ds-complete', paymentIntent, outcome }, targetOrigin);
  }
  if (returnUrl) window.location.replace(returnUrl);
})();
`;

/**
 * Runs on the challenge page when a widget frames it (parent_origin given): tells that one origin
 * the page really is showing, so the widget knows the bank's page was not refused in its frame
 * and need not fall back to a full-page redirect. Escape pressed in this page never reaches the
 * widget's dialog (keys go to the focused frame), so the page passes it on: the shopper typing
 * the code can still close the dialog with Escape. The form itself works without either.
 */
export const THREE_D_SECURE_SHOWN_SCRIPT = `'use strict';
(() => {
  const shown = document.getElementById('challenge');
  if (shown === null) return;
  const { paymentIntent, targetOrigin } = shown.dataset;
  if (targetOrigin && paymentIntent && window.parent !== window) {
    window.parent.postMessage({ type: 'payframe-3ds-shown', paymentIntent }, targetOrigin);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') window.parent.postMessage({ type: 'payframe-3ds-escape', paymentIntent }, targetOrigin);
    });
  }
})();
`;
