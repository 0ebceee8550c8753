// What a merchant's server does around a widget payment, for the intent suites: create a
// PaymentIntent with the secret key, read it (and its charge and payment method) back afterwards.
// Node realm: plain fetch to the sandbox gateway, no browser involved.
import type { DemoServers } from '../../../demo/servers.ts';

export interface CreatedIntent {
  id: string;
  clientSecret: string;
}

export interface GatewayIntent {
  id: string;
  status: string;
  payment_method: string | null;
  latest_charge: string | null;
  last_payment_error: { code?: string; decline_code?: string; message?: string } | null;
}

async function gatewayGet<T>(demo: DemoServers, path: string): Promise<T> {
  const response = await fetch(`${demo.gatewayUrl}${path}`, { headers: { Authorization: `Bearer ${demo.secretKey}` } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function createIntent(demo: DemoServers, params: Record<string, string> = {}): Promise<CreatedIntent> {
  const response = await fetch(`${demo.gatewayUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '1999', currency: 'eur', ...params }),
  });
  if (response.status !== 200) throw new Error(`creating an intent answered ${response.status}`);
  const intent = (await response.json()) as { id: string; client_secret: string };
  return { id: intent.id, clientSecret: intent.client_secret };
}

export function readIntent(demo: DemoServers, id: string): Promise<GatewayIntent> {
  return gatewayGet(demo, `/v1/payment_intents/${id}`);
}

/** The brand of the card the intent was last tried with, as the gateway recorded it. */
export async function cardBrandOf(demo: DemoServers, intent: GatewayIntent): Promise<string | undefined> {
  const charge = intent.latest_charge ? await gatewayGet<{ payment_method: string }>(demo, `/v1/charges/${intent.latest_charge}`) : undefined;
  const methodId = intent.payment_method ?? charge?.payment_method;
  if (!methodId) return undefined;
  return (await gatewayGet<{ card: { brand: string } }>(demo, `/v1/payment_methods/${methodId}`)).card.brand;
}

/** How the latest charge was authenticated: 'challenge', 'frictionless', or null without 3-D Secure. */
export async function authenticationOf(demo: DemoServers, intent: GatewayIntent): Promise<string | null | undefined> {
  if (!intent.latest_charge) return undefined;
  const charge = await gatewayGet<{ payment_method_details: { card: { three_d_secure: { authentication_flow: string } | null } } }>(demo, `/v1/charges/${intent.latest_charge}`);
  return charge.payment_method_details.card.three_d_secure?.authentication_flow ?? null;
}
