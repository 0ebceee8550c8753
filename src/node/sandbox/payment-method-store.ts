// In-memory store of created payment methods, with the test-card or test-account outcome a later
// payment must have. It holds only what Stripe would return (last4, fingerprint), never the card
// number, CVC, IBAN or account number.
import type { CardChecks, IssuerCheckResults } from './card-checks.ts';
import type { BankTestOutcome } from './bank-test-accounts.ts';
import type { BankPaymentMethod, CardPaymentMethod, PaymentMethod } from './payment-method-object.ts';
import type { TestCardOutcome } from './test-cards.ts';

export interface StoredPaymentMethod {
  paymentMethod: PaymentMethod;
  /** A card's test outcome ('success' for bank accounts, which use bankOutcome). */
  outcome: TestCardOutcome;
  /** A bank account's test outcome (bank-test-accounts.ts). */
  bankOutcome?: BankTestOutcome;
  /** What the issuer answers to the card's CVC and address checks at payment time. */
  issuerChecks: IssuerCheckResults;
  /** Set up for later payments (a succeeded SetupIntent, or a payment with setup_future_usage). */
  setUp?: boolean;
  /** Set up with usage off_session: what lets 4000002500003155 pay with nobody there (card-payments.ts). */
  setUpOffSession?: boolean;
  /** Used without a customer, or detached: Stripe lets it be attached to no customer again. */
  consumed?: boolean;
  /** Detached from its customer: no longer usable at all. */
  detached?: boolean;
}

export type StoredCardPaymentMethod = StoredPaymentMethod & { paymentMethod: CardPaymentMethod };
export type StoredBankPaymentMethod = StoredPaymentMethod & { paymentMethod: BankPaymentMethod };

export function isCardMethod(method: StoredPaymentMethod): method is StoredCardPaymentMethod {
  return method.paymentMethod.type === 'card';
}

/** What a data folder keeps (sandbox-state-file.ts): the entries above, which hold no card number or CVC. */
export interface PaymentMethodStoreSnapshot {
  entries: StoredPaymentMethod[];
  createdCount: number;
}

// Bounds memory for a long-running demo; the oldest payment methods go first.
const MAX_ENTRIES = 10_000;

export class PaymentMethodStore {
  private readonly entries = new Map<string, StoredPaymentMethod>();
  private saved = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Payment methods ever created, evicted ones included: what duplicate checks count. */
  get createdCount(): number {
    return this.saved;
  }

  save(entry: StoredPaymentMethod): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(entry.paymentMethod.id, structuredClone(entry));
    this.saved += 1;
  }

  /** After a payment: the payment method shows its checks' results, as Stripe's does. */
  recordChecks(id: string, checks: CardChecks): void {
    const entry = this.entries.get(id);
    if (entry !== undefined && entry.paymentMethod.type === 'card') entry.paymentMethod.card.checks = { ...checks };
  }

  /** Attaches to `customerId`, or detaches (null: the method may then never be attached again). */
  setCustomer(id: string, customerId: string | null): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    entry.paymentMethod.customer = customerId;
    // Detached for good: no longer set up, and never to be attached again.
    if (customerId === null) Object.assign(entry, { consumed: true, detached: true, setUp: false, setUpOffSession: false });
  }

  markSetUp(id: string, offSession: boolean): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    entry.setUp = true;
    if (offSession) entry.setUpOffSession = true;
  }

  /** A payment or setup used the method with no customer to keep it: it cannot be attached later. */
  markConsumed(id: string): void {
    const entry = this.entries.get(id);
    if (entry !== undefined && entry.paymentMethod.customer === null) entry.consumed = true;
  }

  /** A customer's payment methods, newest first, with their creation order for list cursors. */
  ofCustomerNewestFirst(customerId: string): Array<{ paymentMethod: PaymentMethod; sequence: number }> {
    const attached: Array<{ paymentMethod: PaymentMethod; sequence: number }> = [];
    let sequence = 0;
    for (const entry of this.entries.values()) {
      sequence += 1;
      if (entry.paymentMethod.customer === customerId) attached.push({ paymentMethod: structuredClone(entry.paymentMethod), sequence });
    }
    return attached.reverse();
  }

  snapshot(): PaymentMethodStoreSnapshot {
    return { entries: [...this.entries.values()], createdCount: this.saved };
  }

  restore(snapshot: PaymentMethodStoreSnapshot): void {
    for (const entry of snapshot.entries) this.entries.set(entry.paymentMethod.id, entry);
    this.saved = Math.max(this.saved, snapshot.createdCount);
  }

  /** A copy, so callers cannot change what later requests see. */
  get(id: string): StoredPaymentMethod | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : structuredClone(entry);
  }
}
