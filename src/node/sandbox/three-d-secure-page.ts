// HTML of the sandbox issuer's 3-D Secure pages: the challenge (a no-script form: one-time code,
// Complete, Fail), the result (hands over to challenge-result.js) and notices. All text is escaped.
import { THREE_D_SECURE_SCRIPT_PATH, THREE_D_SECURE_SHOWN_SCRIPT_PATH, THREE_D_SECURE_STYLESHEET_PATH } from './three-d-secure-assets.ts';

export const MAX_WRONG_CODES = 3;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string, script: string | undefined = undefined): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Payframe sandbox bank</title>
<link rel="stylesheet" href="${THREE_D_SECURE_STYLESHEET_PATH}">
</head>
<body>
${body}
${script ? `<script src="${script}"></script>\n` : ''}</body>
</html>
`;
}

export interface ChallengePageData {
  challengeId: string;
  code: string;
  /** The intent the challenge is for: named in the "shown" message to a framing widget. */
  paymentIntentId: string;
  /** Formatted, e.g. "€19.99". */
  amount: string;
  /** What the shopper confirms: "Confirm your payment", or "Confirm your card" when a card is being saved. */
  heading: string;
  /** e.g. "Visa ending in 3184". */
  card: string;
  /** Validated: an exact origin, or undefined. */
  parentOrigin: string | undefined;
  /** Says nothing to the framing widget (no "shown", no Escape): like a real bank's page. */
  silent: boolean;
  wrongCodes: number;
}

export function challengePage(data: ChallengePageData): string {
  const triesLeft = MAX_WRONG_CODES - data.wrongCodes;
  const error =
    data.wrongCodes > 0
      ? `<p id="code-error" class="error" role="alert">That code is not right. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.</p>\n`
      : '';
  const describedBy = data.wrongCodes > 0 ? 'code-hint code-error' : 'code-hint';
  const parentOrigin = data.parentOrigin === undefined ? '' : `<input type="hidden" name="parent_origin" value="${escapeHtml(data.parentOrigin)}">\n`;
  // A silent page still keeps parent_origin through its form (the widget may frame the result too).
  const announceTo = data.silent ? undefined : data.parentOrigin;
  return page(
    data.heading,
    `<main id="challenge" data-payment-intent="${escapeHtml(data.paymentIntentId)}"${announceTo === undefined ? '' : ` data-target-origin="${escapeHtml(announceTo)}"`}>
<p class="issuer">Payframe sandbox bank · test mode, no real payment</p>
<h1>${escapeHtml(data.heading)}</h1>
<dl>
<dt>Amount</dt><dd>${escapeHtml(data.amount)}</dd>
<dt>Card</dt><dd>${escapeHtml(data.card)}</dd>
</dl>
${error}<form method="post" action="/3ds/challenge/${escapeHtml(data.challengeId)}">
${parentOrigin}<p id="code-hint">Enter <strong class="code">${escapeHtml(data.code)}</strong> to authenticate, or choose Fail to simulate a failed authentication.</p>
<label for="code">One-time code</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus aria-describedby="${describedBy}"${data.wrongCodes > 0 ? ' aria-invalid="true"' : ''}>
<div class="actions">
<button type="submit" name="outcome" value="complete">Complete authentication</button>
<button type="submit" name="outcome" value="fail" formnovalidate>Fail authentication</button>
</div>
</form>
</main>`,
    // Framed by a widget: a small script tells it the page is showing (it needs no script to work).
    announceTo === undefined ? undefined : THREE_D_SECURE_SHOWN_SCRIPT_PATH,
  );
}

export interface ResultPageData {
  paymentIntentId: string;
  outcome: 'authenticated' | 'failed';
  /** The one origin the outcome is posted to, if any. */
  targetOrigin: string | undefined;
  /** The shop's return_url with the payment_intent params, if any. */
  returnUrl: string | undefined;
}

export function resultPage(data: ResultPageData): string {
  const heading = data.outcome === 'authenticated' ? 'Authentication complete' : 'Authentication failed';
  const attributes = [
    `data-payment-intent="${escapeHtml(data.paymentIntentId)}"`,
    `data-outcome="${data.outcome}"`,
    ...(data.targetOrigin === undefined ? [] : [`data-target-origin="${escapeHtml(data.targetOrigin)}"`]),
    ...(data.returnUrl === undefined ? [] : [`data-return-url="${escapeHtml(data.returnUrl)}"`]),
  ].join(' ');
  const next =
    data.returnUrl === undefined
      ? '<p>You can close this page.</p>'
      : `<p>Returning you to the shop… If nothing happens, <a href="${escapeHtml(data.returnUrl)}">return to the shop</a>.</p>`;
  return page(heading, `<main id="challenge-result" ${attributes}>\n<h1>${heading}</h1>\n${next}\n</main>`, THREE_D_SECURE_SCRIPT_PATH);
}

export function noticePage(heading: string, text: string): string {
  return page(heading, `<main>\n<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(text)}</p>\n</main>`);
}
