// In-memory SetupIntents of one account, with what Stripe keeps off the object: the return_url and
// the pending 3-D Secure challenge (the challenge itself lives in PaymentStore with the payments').
import type { SetupIntent } from './setup-intent-object.ts';

export interface SetupIntentRecord {
  setupIntent: SetupIntent;
  /** Creation order: lists sort by it, since `created` has only whole seconds. */
  sequence: number;
  returnUrl: string | null;
  /** The challenge it waits for while it is `requires_action`. */
  challengeId: string | null;
}

/** What a data folder keeps (sandbox-state-file.ts). */
export interface SetupIntentStoreSnapshot {
  records: SetupIntentRecord[];
  nextSequence: number;
}

// Bounds memory for a long-running demo; the oldest records go first.
const MAX_ENTRIES = 10_000;

/** Records are live: handlers change them in place, and every response is serialized from them. */
export class SetupIntentStore {
  private readonly records = new Map<string, SetupIntentRecord>();
  private nextSequence = 1;

  add(setupIntent: SetupIntent, returnUrl: string | null): SetupIntentRecord {
    if (this.records.size >= MAX_ENTRIES) {
      const oldest = this.records.keys().next();
      if (!oldest.done) this.records.delete(oldest.value);
    }
    const record: SetupIntentRecord = { setupIntent, sequence: this.nextSequence++, returnUrl, challengeId: null };
    this.records.set(setupIntent.id, record);
    return record;
  }

  get(id: string): SetupIntentRecord | undefined {
    return this.records.get(id);
  }

  newestFirst(): SetupIntentRecord[] {
    return [...this.records.values()].reverse();
  }

  snapshot(): SetupIntentStoreSnapshot {
    return { records: [...this.records.values()], nextSequence: this.nextSequence };
  }

  restore(snapshot: SetupIntentStoreSnapshot): void {
    for (const record of snapshot.records) this.records.set(record.setupIntent.id, record);
    this.nextSequence = Math.max(this.nextSequence, snapshot.nextSequence);
  }
}
