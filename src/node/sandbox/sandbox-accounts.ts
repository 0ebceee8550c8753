// The sandbox gateway's accounts (Node realm): each has its own API keys, the browser origins
// allowed to call it, and its own stores, so one account's keys can never reach another's objects.
import { createHash } from 'node:crypto';
import type { ApiKeyKind } from './api-keys.ts';
import { DECLINE_ON_NOTHING, type DeclineOn } from './card-checks.ts';
import { CustomerStore } from './customer-store.ts';
import { CvcTokenStore } from './cvc-tokens.ts';
import { EventOutbox } from './event-outbox.ts';
import { PaymentMethodStore } from './payment-method-store.ts';
import { PaymentStore } from './payment-store.ts';
import { SetupIntentStore } from './setup-intent-store.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';

/** An account as callers describe it (startSandboxGateway's `accounts`, the sandbox command's config). */
export interface SandboxAccount {
  /** `acct_…`; made up when absent. */
  id?: string;
  publishableKey: string;
  secretKey: string;
  /** More keys acting for the same account (a rolled key still in use, say). */
  extraPublishableKeys?: string[];
  extraSecretKeys?: string[];
  /** Browser origins (fields origins) allowed to call the gateway with this account's keys. */
  allowedOrigins?: string[];
  /** Its payment methods; pass one to inspect it in tests. */
  paymentMethods?: PaymentMethodStore;
  /** Its payment intents, charges, refunds and 3-D Secure challenges. */
  payments?: PaymentStore;
  /** Sends its events to its own webhook endpoints only. */
  webhooks?: WebhookDispatcher;
  /** Decline payments whose CVC / postal code check fails (Stripe's decline_on); both off by default, as in Stripe. */
  declineOn?: Partial<DeclineOn> | undefined;
}

/** An account of a running gateway: everything it owns lives in these stores and nowhere else. */
export interface GatewayAccount {
  id: string;
  publishableKey: string;
  secretKey: string;
  /** Every key of the account, the main one first. */
  publishableKeys: readonly string[];
  secretKeys: readonly string[];
  allowedOrigins: readonly string[];
  paymentMethods: PaymentMethodStore;
  payments: PaymentStore;
  webhooks: WebhookDispatcher;
  declineOn: Readonly<DeclineOn>;
  /** Its customers, who its saved cards belong to. */
  customers: CustomerStore;
  /** Its SetupIntents (their 3-D Secure challenges live with the payments' in `payments`). */
  setupIntents: SetupIntentStore;
  /** Events its requests announce by name, sent to its webhooks when each request ends. */
  events: EventOutbox;
  /** Its CVC update tokens (a saved card's re-collected CVC, as a cvctok_ id). */
  cvcTokens: CvcTokenStore;
}

export type SandboxAccountsErrorCode = 'no_accounts' | 'invalid_api_key' | 'duplicate_api_key' | 'invalid_account_id' | 'duplicate_account_id' | 'invalid_origin';

/** A list of accounts the gateway cannot start with; `message` names the account and what is wrong. */
export class SandboxAccountsError extends Error {
  constructor(
    readonly code: SandboxAccountsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxAccountsError';
  }
}

// Printable ASCII only: keys travel in an Authorization header. Test keys only: a sandbox that
// took live keys would let code written against it look ready for production when it is not.
export const PUBLISHABLE_KEY_PATTERN = /^pk_test_[\x21-\x7e]{1,200}$/;
export const SECRET_KEY_PATTERN = /^sk_test_[\x21-\x7e]{1,200}$/;
export const ACCOUNT_ID_PATTERN = /^acct_[A-Za-z0-9_]{1,64}$/;

/** Whether `value` is exactly an http(s) origin (no path, query or trailing slash), as browsers send in Origin. */
export function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export interface KeyOwner {
  account: GatewayAccount;
  kind: ApiKeyKind;
}

// Keys are looked up by their digest: a map lookup's timing then says nothing about how much of
// a real key a guess shares.
function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The gateway's accounts: found by API key or by 3-D Secure challenge, or all of them. */
export class SandboxAccounts {
  private readonly byDigest = new Map<string, KeyOwner>();
  readonly all: readonly GatewayAccount[];
  /** Every origin some account allows: what a preflight (which carries no key) is checked against. */
  readonly anyAllowedOrigin: ReadonlySet<string>;

  constructor(accounts: readonly SandboxAccount[]) {
    if (accounts.length === 0) throw new SandboxAccountsError('no_accounts', 'The sandbox gateway needs at least one account.');
    const ids = new Set<string>();
    this.all = accounts.map((account, index) => {
      const name = `accounts[${index}]`;
      // Without an id, one that stays the same across restarts (a data folder finds the account's objects by it).
      const id = account.id ?? `acct_${createHash('sha256').update(account.publishableKey).digest('hex').slice(0, 16)}`;
      if (!ACCOUNT_ID_PATTERN.test(id)) throw new SandboxAccountsError('invalid_account_id', `${name}.id must look like acct_ followed by letters, digits or _.`);
      if (ids.has(id)) throw new SandboxAccountsError('duplicate_account_id', `${name}.id is used by another account.`);
      ids.add(id);
      const publishableKeys = [account.publishableKey, ...(account.extraPublishableKeys ?? [])];
      const secretKeys = [account.secretKey, ...(account.extraSecretKeys ?? [])];
      // Key values are never echoed: they are credentials, even test ones.
      publishableKeys.forEach((key, keyIndex) => {
        if (!PUBLISHABLE_KEY_PATTERN.test(key)) throw new SandboxAccountsError('invalid_api_key', `${name}.${keyIndex === 0 ? 'publishableKey' : `extraPublishableKeys[${keyIndex - 1}]`} must be a test key: pk_test_ followed by printable characters.`);
      });
      secretKeys.forEach((key, keyIndex) => {
        if (!SECRET_KEY_PATTERN.test(key)) throw new SandboxAccountsError('invalid_api_key', `${name}.${keyIndex === 0 ? 'secretKey' : `extraSecretKeys[${keyIndex - 1}]`} must be a test key: sk_test_ followed by printable characters.`);
      });
      for (const origin of account.allowedOrigins ?? []) {
        if (!isWebOrigin(origin)) throw new SandboxAccountsError('invalid_origin', `${name}.allowedOrigins: "${origin.slice(0, 100)}" is not an origin such as https://fields.example (no path, no trailing slash).`);
      }
      const open: GatewayAccount = {
        id,
        publishableKey: account.publishableKey,
        secretKey: account.secretKey,
        publishableKeys,
        secretKeys,
        allowedOrigins: [...(account.allowedOrigins ?? [])],
        paymentMethods: account.paymentMethods ?? new PaymentMethodStore(),
        payments: account.payments ?? new PaymentStore(),
        webhooks: account.webhooks ?? new WebhookDispatcher(),
        declineOn: Object.freeze({
          cvcFailure: account.declineOn?.cvcFailure ?? DECLINE_ON_NOTHING.cvcFailure,
          avsFailure: account.declineOn?.avsFailure ?? DECLINE_ON_NOTHING.avsFailure,
        }),
        customers: new CustomerStore(),
        setupIntents: new SetupIntentStore(),
        events: new EventOutbox(),
        cvcTokens: new CvcTokenStore(),
      };
      const keys = [...publishableKeys.map((key) => [key, 'publishable'] as const), ...secretKeys.map((key) => [key, 'secret'] as const)];
      for (const [key, kind] of keys) {
        const digest = keyDigest(key);
        if (this.byDigest.has(digest)) throw new SandboxAccountsError('duplicate_api_key', `${name}: one of its ${kind} keys is already a key of an account: every key belongs to one account.`);
        this.byDigest.set(digest, { account: open, kind });
      }
      return open;
    });
    this.anyAllowedOrigin = new Set(this.all.flatMap((account) => account.allowedOrigins));
  }

  /** The first account: the one startSandboxGateway's single-account options describe. */
  get first(): GatewayAccount {
    return this.all[0]!;
  }

  ownerOfKey(key: string): KeyOwner | undefined {
    return this.byDigest.get(keyDigest(key));
  }

  /** The account whose payments hold this 3-D Secure challenge (the challenge URL carries no key). */
  ownerOfChallenge(challengeId: string): GatewayAccount | undefined {
    return this.all.find((account) => account.payments.challenge(challengeId) !== undefined);
  }
}
