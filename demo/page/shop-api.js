// @ts-check
// The demo page's calls to its own shop backend (/api/payment-intents on the merchant origin,
// see demo/merchant/payment-intents-api.ts). Merchant realm: amounts and intent ids only, never
// card data. Every failure comes back as { error: { code, message } }, never as a throw.

/**
 * @typedef {{
 *   id: string, status: string, amount: number, amountReceived: number, currency: string,
 *   captureMethod: string, created: number, nextAction: string | null,
 *   lastPaymentError: { code: string | null, declineCode: string | null, message: string | null } | null,
 *   clientSecret?: string,
 * }} PaymentIntentView
 * @typedef {{ intent: PaymentIntentView } | { error: { code: string, message: string } }} ShopResult
 */

/** @param {Response} response @returns {Promise<ShopResult>} */
async function readAnswer(response) {
  /** @type {any} */
  let body;
  try {
    body = await response.json();
  } catch {
    return { error: { code: 'shop_invalid_response', message: `The shop's server answered ${response.status} without JSON.` } };
  }
  if (!response.ok) {
    const code = typeof body?.error?.code === 'string' ? body.error.code : 'shop_error';
    const message = typeof body?.error?.message === 'string' ? body.error.message : `The shop's server answered ${response.status}.`;
    return { error: { code, message } };
  }
  return { intent: body };
}

/** @param {() => Promise<Response>} request @returns {Promise<ShopResult>} */
async function call(request) {
  try {
    return await readAnswer(await request());
  } catch {
    return { error: { code: 'shop_unreachable', message: "The shop's server could not be reached." } };
  }
}

/** @param {{ amount: number, currency: string, captureMethod: 'automatic' | 'manual' }} order */
export function createPaymentIntent(order) {
  return call(() => fetch('/api/payment-intents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(order) }));
}

/** @param {string} id */
export function retrievePaymentIntent(id) {
  return call(() => fetch(`/api/payment-intents/${encodeURIComponent(id)}`));
}
