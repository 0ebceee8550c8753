// In-memory store of created payment methods, with the test-card outcome a later payment
// must have. It holds only what Stripe would return (last4, fingerprint), never the number or CVC.
import type { CardChecks, IssuerCheckResults } from './card-checks.ts';
import type { PaymentMethod } from './payment-method-object.ts';
import type { TestCardOutcome } from './test-cards.ts';

export interface StoredPaymentMethod {
  paymentMethod: PaymentMethod;
  outcome: TestCardOutcome;
  /** What the issuer answers to the card's CVC and address checks at payment time. */
  issuerChecks: IssuerCheckResults;
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
    if (entry !== undefined) entry.paymentMethod.card.checks = { ...checks };
  }

  /** A copy, so callers cannot change what later requests see. */
  get(id: string): StoredPaymentMethod | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : structuredClone(entry);
  }
}
