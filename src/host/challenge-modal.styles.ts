// The 3-D Secure modal's look, adopted into the shadow root that shows it (a checkout's or a card
// group's) only when a bank asks for a challenge, so pages that never see one never carry it.
// Constructed style sheets are CSSOM, which a merchant page's CSP style-src does not block. Written
// compact: this text ships as it is. Merchant realm.
const CHALLENGE_CSS =
  'dialog.challenge{width:min(440px,calc(100vw - 32px));padding:0;border:0;border-radius:var(--payframe-radius,6px);box-shadow:0 12px 40px rgba(26,31,54,.3)}' +
  'dialog.challenge::backdrop{background:rgba(26,31,54,.55)}' +
  '.challenge-header{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 16px}' +
  '.challenge-header h2{margin:0;font-size:16px}' +
  // A 44 px touch target, like every control of the checkout.
  'button.challenge-cancel{height:44px;padding:0 12px;border:0;border-radius:var(--payframe-radius,6px);background:transparent;color:var(--payframe-color-text,#1a1f36);font:inherit;font-size:14px;font-weight:500;cursor:pointer}' +
  'button.challenge-cancel:hover{background:rgba(26,31,54,.08)}' +
  'button.challenge-cancel:focus-visible{outline:3px solid var(--payframe-focus-ring,rgba(5,112,222,.45));outline-offset:2px}' +
  'dialog.challenge iframe{display:block;width:100%;height:min(520px,calc(100vh - 120px));border:0}';

let sheet: CSSStyleSheet | undefined;

/** Adds the modal's style sheet to the root `container` belongs to, once. */
export function adoptChallengeStyles(container: ParentNode): void {
  const root = (container as Node).getRootNode() as Document | ShadowRoot;
  if (!('adoptedStyleSheets' in root)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CHALLENGE_CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
