// What the saved-card specs (drop-in and split fields) share: the demo servers with an account that
// declines failed CVC checks, the merchant's server side through stripe-node (a customer with a card
// saved earlier, and the PaymentIntent for it), and the gateway POSTs the page's frames make.
import type { Page, Request } from '@playwright/test';
import { join } from 'node:path';
import Stripe from 'stripe';
import { startDemoServers, type DemoServers } from '../../../demo/servers.ts';

/** An account that declines a payment whose CVC check fails (Stripe's decline_on), as many do. */
export const STRICT = { publishableKey: 'pk_test_declines_cvc_failures', secretKey: 'sk_test_declines_cvc_failures' };
export const FUTURE_YEAR = 2034;

/** The demo's servers with the STRICT account beside the demo's, both allowed from the merchant page, and the test pages. */
export async function startSavedCardDemo(): Promise<DemoServers> {
  const servers = await startDemoServers({
    merchantPort: 0,
    fieldsPort: 0,
    gatewayPort: 0,
    extraFieldsAccounts: [{ publishableKeys: [STRICT.publishableKey], allowedOrigins: [] }],
    extraGatewayAccounts: [{ ...STRICT, declineOn: { cvcFailure: true } }],
    extraPageDirs: { 'test-pages': join(import.meta.dirname, '..', 'pages') },
  });
  servers.fieldsConfig.accounts.find((account) => account.publishableKeys.includes(STRICT.publishableKey))?.allowedOrigins.push(servers.merchantUrl);
  return servers;
}

export function stripeFor(demo: DemoServers, secretKey = demo.secretKey): Stripe {
  const url = new URL(demo.gatewayUrl);
  return new Stripe(secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
}

/** What the merchant's server holds: a shopper with a card saved earlier (12/34). */
export async function savedCard(stripe: Stripe, number: string, customer?: string): Promise<{ customer: string; paymentMethod: string }> {
  const owner = customer ?? (await stripe.customers.create({ email: 'shopper@example.com' })).id;
  const method = await stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: FUTURE_YEAR } });
  await stripe.paymentMethods.attach(method.id, { customer: owner });
  return { customer: owner, paymentMethod: method.id };
}

/** The PaymentIntent the server creates for that shopper and card (not confirmed). */
export async function intentFor(stripe: Stripe, card: { customer: string; paymentMethod: string }): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({ amount: 1999, currency: 'eur', customer: card.customer, payment_method: card.paymentMethod });
}

/** Gateway POSTs from any frame: the CVC token and the intent's confirm. */
export function recordGatewayPosts(page: Page, demo: DemoServers): () => Request[] {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(`${demo.gatewayUrl}/v1/`)) posts.push(request);
  });
  return () => [...posts];
}
