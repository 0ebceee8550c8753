// @ts-check
// The demo page's calls to its own shop backend (/api/payment-intents and /api/setup-intents on the merchant origin,
// see demo/merchant/payment-intents-api.ts). Merchant realm: amounts and intent ids only, never
// card data. Every failure comes back as { error: { code, message } }, never as a throw.

/**
 * @typedef {{
 *   id: string, status: string, amount: number, amountReceived: number, currency: string,
 *   captureMethod: string, created: number, nextAction: string | null,
 *   lastPaymentError: { code: string | null, declineCode: string | null, message: string | null } | null,
 *   clientSecret?: string,
 * }} PaymentIntentView
 * @typedef {{
 *   id: string, status: string, customer: string | null, paymentMethod: string | null, nextAction: string | null,
 *   lastSetupError: { code: string | null, message: string | null } | null, clientSecret?: string,
 * }} SetupIntentView
 * @typedef {{ intent: PaymentIntentView } | { error: { code: string, message: string } }} ShopResult
 * @typedef {{ intent: SetupIntentView } | { error: { code: string, message: string } }} SetupResult
 */

/** @param {Response} response @returns {Promise<any>} */
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

/** @param {() => Promise<Response>} request @returns {Promise<any>} */
async function call(request) {
  try {
    return await readAnswer(await request());
  } catch {
    return { error: { code: 'shop_unreachable', message: "The shop's server could not be reached." } };
  }
}

/**
 * @param {{ amount: number, currency: string, captureMethod: 'automatic' | 'manual', savedCard?: { setupIntent: string } }} order
 * @returns {Promise<ShopResult>}
 */
export function createPaymentIntent(order) {
  return call(() => fetch('/api/payment-intents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(order) }));
}

/** @param {string} id @returns {Promise<ShopResult>} */
export function retrievePaymentIntent(id) {
  return call(() => fetch(`/api/payment-intents/${encodeURIComponent(id)}`));
}

/** A new customer and a SetupIntent to save its card. @returns {Promise<SetupResult>} */
export function createSetupIntent() {
  return call(() => fetch('/api/setup-intents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
}

/** @param {string} id @returns {Promise<SetupResult>} */
export function retrieveSetupIntent(id) {
  return call(() => fetch(`/api/setup-intents/${encodeURIComponent(id)}`));
}
