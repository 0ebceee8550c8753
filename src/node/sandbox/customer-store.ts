// In-memory customers of one account, in creation order (lists sort by it, since `created` has
// only whole seconds). Records are live: handlers change them in place.
import type { Customer } from './customer-object.ts';

export interface CustomerRecord {
  customer: Customer;
  sequence: number;
}

/** What a data folder keeps (sandbox-state-file.ts). */
export interface CustomerStoreSnapshot {
  records: CustomerRecord[];
  deleted: string[];
  nextSequence: number;
}

// Bounds memory for a long-running demo; the oldest customers go first.
const MAX_ENTRIES = 10_000;

export class CustomerStore {
  private readonly records = new Map<string, CustomerRecord>();
  /** Deleted customers' ids: Stripe still answers a retrieve of one, with `deleted: true`. */
  private readonly deleted = new Set<string>();
  private nextSequence = 1;

  add(customer: Customer): CustomerRecord {
    if (this.records.size >= MAX_ENTRIES) {
      const oldest = this.records.keys().next();
      if (!oldest.done) this.records.delete(oldest.value);
    }
    const record = { customer, sequence: this.nextSequence++ };
    this.records.set(customer.id, record);
    return record;
  }

  /** A customer that exists and is not deleted. */
  get(id: string): CustomerRecord | undefined {
    return this.records.get(id);
  }

  delete(id: string): void {
    if (this.records.delete(id)) this.deleted.add(id);
  }

  isDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  /** Newest first, as Stripe lists. */
  newestFirst(): CustomerRecord[] {
    return [...this.records.values()].reverse();
  }

  snapshot(): CustomerStoreSnapshot {
    return { records: [...this.records.values()], deleted: [...this.deleted], nextSequence: this.nextSequence };
  }

  restore(snapshot: CustomerStoreSnapshot): void {
    for (const record of snapshot.records) this.records.set(record.customer.id, record);
    for (const id of snapshot.deleted) this.deleted.add(id);
    this.nextSequence = Math.max(this.nextSequence, snapshot.nextSequence);
  }
}
