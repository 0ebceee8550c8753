// The sandbox issuer's 3-D Secure challenge, served by the gateway on its own origin under /3ds/:
// GET shows the page, its form POSTs the result back here, and the intent carries on from there.
// No API key: the challenge id in the URL is the capability, as with a real issuer's page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CARD_BRAND_NAMES } from '../../shared/card-brands.ts';
import { isFormContentType, optionalString, parseFormBody, readRequestBody, type FormParams } from './form-body.ts';
import type { ThreeDSecureChallenge } from './payment-store.ts';
import {
  THREE_D_SECURE_SCRIPT,
  THREE_D_SECURE_SCRIPT_PATH,
  THREE_D_SECURE_SHOWN_SCRIPT,
  THREE_D_SECURE_SHOWN_SCRIPT_PATH,
  THREE_D_SECURE_STYLESHEET,
  THREE_D_SECURE_STYLESHEET_PATH,
} from './three-d-secure-assets.ts';
import { StripeApiError } from './stripe-error.ts';
import { MAX_WRONG_CODES, challengePage, noticePage, resultPage } from './three-d-secure-page.ts';
import { challengeSubject, type ChallengeSubject, type ThreeDSecureContext } from './three-d-secure-subjects.ts';

export type { ThreeDSecureContext } from './three-d-secure-subjects.ts';

export const THREE_D_SECURE_PREFIX = '/3ds/';
const CHALLENGE_PATH = /^\/3ds\/challenge\/(payatt_[A-Za-z0-9]{24})$/;
const MAX_FORM_BYTES = 4 * 1024;

/**
 * The stores of the account that owns a challenge (the URL carries no key, so the challenge id
 * decides), or of the gateway's first account when there is no such challenge.
 */
export type ThreeDSecureContextFinder = (challengeId: string | undefined) => ThreeDSecureContext;

interface Page {
  status: number;
  html: string;
  /** Who may frame the page: the origin the result is posted to, else nobody. */
  frameAncestor: string | undefined;
}

/**
 * Strict: nothing inline, only the gateway's own stylesheet and script, forms post only here.
 * Trusted Types also stop the script from ever navigating to a `javascript:` URL.
 */
function contentSecurityPolicy(frameAncestor: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestor ?? "'none'"}`,
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

function sendPageAs(res: ServerResponse, { status, html, frameAncestor }: Page): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(frameAncestor));
  // The page's URL is a capability: it must not leak to the shop (or anyone) as a Referer. Not
  // `no-referrer`: that would also make the form's own POST carry `Origin: null`.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.end(html);
}

function sendAsset(res: ServerResponse, contentType: string, body: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.end(body);
}

function notice(status: number, heading: string, text: string, frameAncestor?: string): Page {
  return { status, html: noticePage(heading, text), frameAncestor };
}

/** `parent_origin`: the exact origin of the page that frames the challenge (a widget's modal). */
function parseParentOrigin(value: unknown): string | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return 'invalid';
  try {
    const url = new URL(value);
    const isWeb = url.protocol === 'https:' || url.protocol === 'http:';
    // Exactly an origin: no path, query, fragment or credentials, so it is safe in CSP and postMessage.
    return isWeb && url.origin === value ? value : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The shop's return_url with Stripe's query params, for a finished challenge. */
function returnUrlWithParams(record: ChallengeSubject): string | undefined {
  if (record.returnUrl === null) return undefined;
  const url = new URL(record.returnUrl);
  for (const [name, value] of Object.entries(record.returnParams())) url.searchParams.set(name, value);
  return url.href;
}

/** The origin the result goes to: the framing widget's if it said so, else the shop's return_url's. */
function resultOrigin(record: ChallengeSubject, parentOrigin: string | undefined): string | undefined {
  if (parentOrigin !== undefined) return parentOrigin;
  return record.returnUrl === null ? undefined : new URL(record.returnUrl).origin;
}

interface LiveChallenge {
  challenge: ThreeDSecureChallenge;
  /** The PaymentIntent or SetupIntent it authenticates (three-d-secure-subjects.ts). */
  record: ChallengeSubject;
}

/** The challenge with its intent; undefined when either is unknown (never made, or evicted). */
function findLiveChallenge(challenge: ThreeDSecureChallenge | undefined, context: ThreeDSecureContext): LiveChallenge | undefined {
  if (challenge === undefined) return undefined;
  const record = challengeSubject(challenge, context);
  if (record === undefined) return undefined;
  return { challenge, record };
}

function finishedPage(live: LiveChallenge, parentOrigin: string | undefined, silent: boolean): Page {
  const targetOrigin = resultOrigin(live.record, parentOrigin);
  return {
    status: 200,
    html: resultPage({
      paymentIntentId: live.record.id,
      outcome: live.challenge.status === 'authenticated' ? 'authenticated' : 'failed',
      // A silent page posts no result: the widget learns the outcome from the intent's status.
      targetOrigin: silent ? undefined : targetOrigin,
      // A widget framing the page (parent_origin) takes the outcome by message; only a page shown
      // on its own (or framed the old way, without parent_origin) goes back to the return_url.
      returnUrl: parentOrigin === undefined ? returnUrlWithParams(live.record) : undefined,
    }),
    frameAncestor: targetOrigin,
  };
}

function showChallenge(live: LiveChallenge, parentOrigin: string | undefined, context: ThreeDSecureContext, status = 200): Page {
  const { challenge, record } = live;
  const paymentMethod = context.paymentMethods.get(challenge.paymentMethodId)?.paymentMethod;
  const card = paymentMethod?.type === 'card' ? paymentMethod.card : undefined;
  return {
    status,
    html: challengePage({
      challengeId: challenge.id,
      code: challenge.code,
      paymentIntentId: record.id,
      amount: record.amount,
      heading: record.heading,
      card: card === undefined ? 'Card' : `${CARD_BRAND_NAMES[card.brand]} ending in ${card.last4}`,
      parentOrigin,
      silent: context.store.threeDSecure.silent,
      wrongCodes: challenge.wrongCodes,
    }),
    frameAncestor: resultOrigin(record, parentOrigin),
  };
}

function gone(frameAncestor: string | undefined): Page {
  return notice(410, 'This authentication is no longer needed', 'The payment has moved on or this authentication has already finished. You can close this page.', frameAncestor);
}

function getChallenge(challengeId: string, query: FormParams, context: ThreeDSecureContext): Page {
  const parentOrigin = parseParentOrigin(query.parent_origin);
  if (parentOrigin === 'invalid') return notice(400, 'Invalid parent_origin', 'parent_origin must be an origin such as https://shop.example, with no path.');
  const live = findLiveChallenge(context.store.challenge(challengeId), context);
  if (live === undefined) return notice(404, 'Authentication not found', 'This authentication link is not valid.', parentOrigin);
  if (live.challenge.status !== 'pending') return gone(resultOrigin(live.record, parentOrigin));
  return showChallenge(live, parentOrigin, context);
}

function postChallenge(challengeId: string, form: FormParams, context: ThreeDSecureContext): Page {
  const parentOrigin = parseParentOrigin(form.parent_origin);
  if (parentOrigin === 'invalid') return notice(400, 'Invalid parent_origin', 'parent_origin must be an origin such as https://shop.example, with no path.');
  const live = findLiveChallenge(context.store.challenge(challengeId), context);
  if (live === undefined) return notice(404, 'Authentication not found', 'This authentication link is not valid.', parentOrigin);
  const { challenge, record } = live;
  // A second submit (a double click, a reload) shows the recorded result again and changes nothing.
  if (challenge.status === 'authenticated' || challenge.status === 'failed') return finishedPage(live, parentOrigin, context.store.threeDSecure.silent);
  if (challenge.status !== 'pending' || !record.waitsFor(challenge)) return gone(resultOrigin(record, parentOrigin));

  const outcome = optionalString(form.outcome, 'outcome');
  if (outcome === 'fail') {
    record.finish(challenge, false);
    return finishedPage(live, parentOrigin, context.store.threeDSecure.silent);
  }
  if (outcome !== 'complete') return showChallenge(live, parentOrigin, context, 400);
  const code = optionalString(form.code, 'code')?.trim();
  if (code !== challenge.code) {
    challenge.wrongCodes += 1;
    // Like an issuer, too many wrong codes fail the authentication.
    if (challenge.wrongCodes >= MAX_WRONG_CODES) {
      record.finish(challenge, false);
      return finishedPage(live, parentOrigin, context.store.threeDSecure.silent);
    }
    return showChallenge(live, parentOrigin, context, 400);
  }
  record.finish(challenge, true);
  return finishedPage(live, parentOrigin, context.store.threeDSecure.silent);
}

/**
 * Only the page itself may submit its form: browsers mark every request with Sec-Fetch-Site (and
 * POSTs with Origin), so another site's forged POST is refused. Clients that send neither (test
 * code) are not browsers and pass. The sandbox serves plain http, hence the scheme.
 */
function isSameOriginPost(req: IncomingMessage): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host ?? ''}`;
}

async function routeThreeDSecure(req: IncomingMessage, res: ServerResponse, method: string, path: string, contextFor: ThreeDSecureContextFinder): Promise<void> {
  if (method === 'GET' && path === THREE_D_SECURE_STYLESHEET_PATH) return sendAsset(res, 'text/css; charset=utf-8', THREE_D_SECURE_STYLESHEET);
  if (method === 'GET' && path === THREE_D_SECURE_SCRIPT_PATH) return sendAsset(res, 'text/javascript; charset=utf-8', THREE_D_SECURE_SCRIPT);
  if (method === 'GET' && path === THREE_D_SECURE_SHOWN_SCRIPT_PATH) return sendAsset(res, 'text/javascript; charset=utf-8', THREE_D_SECURE_SHOWN_SCRIPT);
  const challengeId = CHALLENGE_PATH.exec(path)?.[1];
  const context = contextFor(challengeId);
  // The test switch for a bank page that refuses every frame: then no page may be framed at all.
  const sendPage = (response: ServerResponse, page: Page) => sendPageAs(response, context.store.threeDSecure.frameable ? page : { ...page, frameAncestor: undefined });
  if (challengeId === undefined || (method !== 'GET' && method !== 'POST')) return sendPage(res, notice(404, 'Not found', 'There is no page at this address.'));

  if (method === 'GET') {
    const query = parseFormBody((req.url ?? '').split('?')[1] ?? '');
    return sendPage(res, getChallenge(challengeId, query, context));
  }
  if (!isSameOriginPost(req)) {
    return sendPage(res, notice(403, 'Not allowed', 'Only the authentication page itself can submit this form. If it is framed, the frame needs allow-same-origin and allow-forms.'));
  }
  if (!isFormContentType(req.headers['content-type'])) return sendPage(res, notice(400, 'Bad request', 'The form must be sent as application/x-www-form-urlencoded.'));
  const form = parseFormBody(await readRequestBody(req, MAX_FORM_BYTES));
  return sendPage(res, postChallenge(challengeId, form, context));
}

/** Handles any request under /3ds/ with an HTML answer, bad input included. */
export async function handleThreeDSecureRequest(req: IncomingMessage, res: ServerResponse, method: string, path: string, contextFor: ThreeDSecureContextFinder): Promise<void> {
  try {
    await routeThreeDSecure(req, res, method, path, contextFor);
  } catch (error) {
    // Malformed or oversized forms and queries: the parsers throw Stripe's errors, shown as a page here.
    if (res.headersSent) return;
    if (error instanceof StripeApiError) sendPageAs(res, notice(error.status, 'Bad request', 'The request could not be read.'));
    else sendPageAs(res, notice(500, 'Something went wrong', 'The sandbox could not show this page. Please try again.'));
  }
}
