// A shopper's browser against the reference backend's account API, as the shop page calls it:
// the session cookie it was given, and the session's CSRF token on every POST.
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type { BackendStack } from './backend-stack.ts';

export interface SavedCardAnswer {
  id: string;
  brand: string;
  last4: string;
}

export interface ShopperOrderAnswer {
  id: string;
  status: string;
  offSession: boolean;
  amount: number;
}

export class ShopperClient {
  cookie = '';
  csrfToken = '';

  constructor(
    private readonly stack: BackendStack,
    readonly email: string,
    readonly password = 'correct horse battery',
  ) {}

  /** A new shopper with an address of its own. */
  static fresh(stack: BackendStack, name: string): ShopperClient {
    return new ShopperClient(stack, `${name}-${randomUUID().slice(0, 8)}@example.com`);
  }

  call(path: string, init: RequestInit = {}): Promise<Response> {
    const csrf: Record<string, string> = init.method === 'POST' && this.csrfToken ? { 'X-CSRF-Token': this.csrfToken } : {};
    return fetch(`${this.stack.url}${path}`, {
      ...init,
      headers: { ...(this.cookie ? { Cookie: this.cookie } : {}), 'Content-Type': 'application/json', ...csrf, ...(init.headers as Record<string, string> | undefined) },
    });
  }

  private async start(path: 'signup' | 'login', expected: number): Promise<void> {
    const response = await this.call(`/api/shopper/${path}`, { method: 'POST', body: JSON.stringify({ email: this.email, password: this.password }) });
    expect(response.status, await response.clone().text()).toBe(expected);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  signUp(): Promise<void> {
    return this.start('signup', 201);
  }

  logIn(): Promise<void> {
    return this.start('login', 200);
  }

  async cards(): Promise<SavedCardAnswer[]> {
    const response = await this.call('/api/shopper/me');
    expect(response.status).toBe(200);
    return ((await response.json()) as { cards: SavedCardAnswer[] }).cards;
  }

  async orders(): Promise<ShopperOrderAnswer[]> {
    const response = await this.call('/api/shopper/orders');
    expect(response.status).toBe(200);
    return ((await response.json()) as { orders: ShopperOrderAnswer[] }).orders;
  }

  /** An order the drop-in pays: with a new card, or with a saved card (`paymentMethod`) and its CVC alone. */
  async createOrder(body: { sku: string; saveCard?: boolean; paymentMethod?: string }): Promise<{ order: { id: string; status: string }; clientSecret: string; paymentMethod: string | null }> {
    const response = await this.call('/api/shopper/orders', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { order: { id: string; status: string }; clientSecret: string; paymentMethod: string | null };
  }

  authenticate(orderId: string): Promise<Response> {
    return this.call(`/api/shopper/orders/${orderId}/authenticate`, { method: 'POST', body: '{}' });
  }
}
