// The sandbox gateway's state on disk (Node, ships): `payframe sandbox --data-dir` and the demo keep
// every account's objects (payment intents, charges, refunds, payment methods, customers, setup
// intents, CVC tokens), the idempotency records and the webhook events not yet delivered in one
// JSON file, so a restarted gateway answers for the objects it made before. The folder is locked to
// one process. Saved atomically (temporary file, then rename), shortly after each change and when the
// server closes. No card number, CVC, IBAN or account number is ever written: the stores hold none,
// and the idempotency records of requests that carried them stay in memory (idempotency.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeThisProcess, lockDataDir, type DataDirLock } from '../data-dir-lock.ts';
import type { CustomerStoreSnapshot } from './customer-store.ts';
import type { CvcUpdateToken } from './cvc-tokens.ts';
import type { IdempotencySnapshot, IdempotencyStore } from './idempotency.ts';
import type { PaymentMethodStoreSnapshot } from './payment-method-store.ts';
import type { PaymentStoreSnapshot } from './payment-store.ts';
import type { GatewayAccount } from './sandbox-accounts.ts';
import type { SetupIntentStoreSnapshot } from './setup-intent-store.ts';
import type { GatewayEvent } from './webhook-events.ts';

export const STATE_FILE_NAME = 'sandbox-state.json';
const FORMAT = 'payframe-sandbox-state';
const VERSION = 1;
/** Changes close together (a payment's confirm, then its webhook's bookkeeping) are written once. */
const SAVE_DELAY_MS = 25;

export type SandboxStateErrorCode = 'state_unreadable' | 'state_corrupt' | 'state_unsupported';

/** A state file the sandbox cannot start from; `message` names the file and what to do. */
export class SandboxStateError extends Error {
  constructor(
    readonly code: SandboxStateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxStateError';
  }
}

interface AccountState {
  paymentMethods: PaymentMethodStoreSnapshot;
  payments: PaymentStoreSnapshot;
  customers: CustomerStoreSnapshot;
  setupIntents: SetupIntentStoreSnapshot;
  cvcTokens: CvcUpdateToken[];
  /** Events an endpoint had not answered yet: sent again once the endpoints are known. */
  undeliveredEvents: GatewayEvent[];
}

interface StateFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  savedAt: string;
  idempotency: IdempotencySnapshot;
  /** By account id; accounts not running now are kept as they were. */
  accounts: Record<string, AccountState>;
}

function accountState(account: GatewayAccount): AccountState {
  return {
    paymentMethods: account.paymentMethods.snapshot(),
    payments: account.payments.snapshot(),
    customers: account.customers.snapshot(),
    setupIntents: account.setupIntents.snapshot(),
    cvcTokens: account.cvcTokens.snapshot(),
    undeliveredEvents: account.webhooks.undeliveredEvents(),
  };
}

// The file is checked for its shape down to each record's id: enough to tell a sandbox state file
// of this version from anything else, without re-validating every field the sandbox itself wrote.
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkRecords(value: unknown, idOf: (record: Record<string, unknown>) => unknown): boolean {
  return Array.isArray(value) && value.every((record) => isObject(record) && typeof idOf(record) === 'string');
}

const nested = (key: string) => (record: Record<string, unknown>) => (isObject(record[key]) ? record[key].id : undefined);
const own = (record: Record<string, unknown>) => record.id;

function isAccountState(value: unknown): value is AccountState {
  if (!isObject(value)) return false;
  const { paymentMethods, payments, customers, setupIntents, cvcTokens, undeliveredEvents } = value;
  return (
    isObject(paymentMethods) &&
    checkRecords(paymentMethods.entries, nested('paymentMethod')) &&
    typeof paymentMethods.createdCount === 'number' &&
    isObject(payments) &&
    checkRecords(payments.intents, nested('intent')) &&
    checkRecords(payments.charges, own) &&
    checkRecords(payments.refunds, nested('refund')) &&
    checkRecords(payments.challenges, own) &&
    typeof payments.nextSequence === 'number' &&
    isObject(customers) &&
    checkRecords(customers.records, nested('customer')) &&
    Array.isArray(customers.deleted) &&
    typeof customers.nextSequence === 'number' &&
    isObject(setupIntents) &&
    checkRecords(setupIntents.records, nested('setupIntent')) &&
    typeof setupIntents.nextSequence === 'number' &&
    checkRecords(cvcTokens, own) &&
    checkRecords(undeliveredEvents, own)
  );
}

function isIdempotencySnapshot(value: unknown): value is IdempotencySnapshot {
  return isObject(value) && typeof value.hashSecret === 'string' && checkRecords(value.entries, (entry) => entry.scopedKey);
}

/** The file's state, or undefined when there is none yet; SandboxStateError when it cannot be used. */
function readStateFile(path: string): StateFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxStateError('state_unreadable', `Cannot read the sandbox state file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const fix = `Move it away (or delete the folder) to start with an empty sandbox.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxStateError('state_corrupt', `The sandbox state file ${path} is not valid JSON. ${fix}`);
  }
  if (!isObject(parsed) || parsed.format !== FORMAT) throw new SandboxStateError('state_corrupt', `${path} is not a sandbox state file. ${fix}`);
  if (parsed.version !== VERSION) {
    throw new SandboxStateError('state_unsupported', `${path} was written by another version of payframe (state version ${String(parsed.version)}; this one reads ${VERSION}). ${fix}`);
  }
  const accounts = parsed.accounts;
  if (!isIdempotencySnapshot(parsed.idempotency) || !isObject(accounts) || !Object.values(accounts).every(isAccountState)) {
    throw new SandboxStateError('state_corrupt', `The sandbox state file ${path} is damaged (a record is missing or has the wrong shape). ${fix}`);
  }
  return parsed as unknown as StateFile;
}

/** A gateway's data folder, locked and loaded: restore() once, changed() after requests, close() at the end. */
export class SandboxStateFolder {
  private readonly path: string;
  private readonly lock: DataDirLock;
  private readonly loaded: StateFile | undefined;
  private accounts: readonly GatewayAccount[] = [];
  private idempotency: IdempotencyStore | undefined;
  /** Restored events waiting for resumeDeliveries(); kept in saves meanwhile. */
  private unsent = new Map<string, GatewayEvent[]>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly saveOnExit = () => this.flush();

  /** Throws DataDirLockedError when another process holds the folder, SandboxStateError for a bad file. */
  constructor(
    readonly dataDir: string,
    owner = describeThisProcess('payframe sandbox'),
  ) {
    this.lock = lockDataDir(dataDir, owner);
    this.path = join(dataDir, STATE_FILE_NAME);
    try {
      this.loaded = readStateFile(this.path);
    } catch (error) {
      this.lock.release();
      throw error;
    }
    // A stop that skips the server's close (the grace period ran out) still writes the last changes.
    process.once('exit', this.saveOnExit);
  }

  /** Puts the saved objects back into the running accounts (matched by account id) and the idempotency records. */
  restore(accounts: readonly GatewayAccount[], idempotency: IdempotencyStore): void {
    this.accounts = accounts;
    this.idempotency = idempotency;
    if (this.loaded === undefined) return;
    idempotency.restore(this.loaded.idempotency);
    for (const account of accounts) {
      const state = this.loaded.accounts[account.id];
      if (state === undefined) continue;
      account.paymentMethods.restore(state.paymentMethods);
      account.payments.restore(state.payments);
      account.customers.restore(state.customers);
      account.setupIntents.restore(state.setupIntents);
      account.cvcTokens.restore(state.cvcTokens);
      if (state.undeliveredEvents.length > 0) this.unsent.set(account.id, state.undeliveredEvents);
    }
  }

  /** Sends the events the last run had not delivered to the endpoints registered now (call once they are). */
  resumeDeliveries(): void {
    for (const account of this.accounts) {
      for (const event of this.unsent.get(account.id) ?? []) account.webhooks.publish(event);
    }
    this.unsent.clear();
    this.changed();
  }

  /** Something may have changed: written shortly, once for changes close together. */
  changed(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes the state now (a temporary file renamed over the old one: a crash leaves one or the other, whole). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Nothing to write before restore() gave the stores (the file stays as it was).
    if (this.closed || this.idempotency === undefined) return;
    const accounts: Record<string, AccountState> = { ...this.loaded?.accounts };
    for (const account of this.accounts) {
      const state = accountState(account);
      state.undeliveredEvents.push(...(this.unsent.get(account.id) ?? []));
      accounts[account.id] = state;
    }
    const file: StateFile = {
      format: FORMAT,
      version: VERSION,
      savedAt: new Date().toISOString(),
      idempotency: this.idempotency.snapshot(),
      accounts,
    };
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Writes the last changes and unlocks the folder. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    process.off('exit', this.saveOnExit);
    this.lock.release();
  }
}
