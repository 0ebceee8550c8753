// In-memory records of payments: intents (with what Stripe keeps off the object: the return_url
// and the pending 3-D Secure challenge), their charges, refunds and challenges. No card data.
import type { BankTestOutcome } from './bank-test-accounts.ts';
import type { Charge } from './charge-object.ts';
import type { Dispute } from './dispute-object.ts';
import type { Mandate } from './mandate-object.ts';
import type { PaymentIntent } from './payment-intent-object.ts';
import type { Refund } from './refund-object.ts';
import { ThreeDSecureSwitches } from './three-d-secure-switches.ts';

export interface IntentRecord {
  intent: PaymentIntent;
  /** Creation order: lists sort by it, since `created` has only whole seconds. */
  sequence: number;
  /** Where the 3DS page sends the shopper back. */
  returnUrl: string | null;
  /** The challenge the intent waits for while it is `requires_action`. */
  challengeId: string | null;
  /** Confirmed with off_session: the shopper is not there, so no challenge can be shown. */
  offSession: boolean;
  /** A CVC update token came with the confirmation: the next authorization checks the CVC again. */
  recollectedCvc: boolean;
  /** The bank debit under way while the intent is `processing` (bank-debit-payments.ts). */
  bankDebit?: PendingBankDebit;
}

export interface PendingBankDebit {
  chargeId: string;
  mandateId: string;
  /** Sandbox time (ms) the bank answers at; null: never (Stripe's "stays in processing" account). */
  settlesAt: number | null;
  outcome: BankTestOutcome;
}

export interface RefundRecord {
  refund: Refund;
  sequence: number;
}

export type ChallengeStatus = 'pending' | 'authenticated' | 'failed' | 'void';

export interface ThreeDSecureChallenge {
  id: string;
  /** What the challenge authenticates: a payment (pi_) or the saving of a card (seti_). */
  intentKind: 'payment_intent' | 'setup_intent';
  intentId: string;
  /** The payment method being authenticated: a later confirm with another one voids the challenge. */
  paymentMethodId: string;
  /** The one-time code the simulated issuer shows and expects back. */
  code: string;
  status: ChallengeStatus;
  wrongCodes: number;
}

/** What a data folder keeps of a PaymentStore (sandbox-state-file.ts): its records as they are, in creation order. */
export interface PaymentStoreSnapshot {
  intents: IntentRecord[];
  charges: Charge[];
  refunds: RefundRecord[];
  challenges: ThreeDSecureChallenge[];
  /** Absent in files written before bank debits existed. */
  mandates?: Mandate[];
  disputes?: Dispute[];
  nextSequence: number;
}

// Bounds memory for a long-running demo; the oldest records go first.
const MAX_ENTRIES = 10_000;

function remember<T>(map: Map<string, T>, id: string, value: T): void {
  if (map.size >= MAX_ENTRIES) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(id, value);
}

/** Records are live: handlers change them in place, and every response is serialized from them. */
export class PaymentStore {
  private readonly intents = new Map<string, IntentRecord>();
  private readonly charges = new Map<string, Charge>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly challenges = new Map<string, ThreeDSecureChallenge>();
  private readonly mandates = new Map<string, Mandate>();
  private readonly disputes = new Map<string, Dispute>();
  private nextSequence = 1;
  /** Test-only 3-D Secure switches, kept with the state they shape (see three-d-secure-switches.ts). */
  readonly threeDSecure = new ThreeDSecureSwitches();

  addIntent(intent: PaymentIntent, returnUrl: string | null): IntentRecord {
    const record: IntentRecord = { intent, sequence: this.nextSequence++, returnUrl, challengeId: null, offSession: false, recollectedCvc: false };
    remember(this.intents, intent.id, record);
    return record;
  }

  intent(id: string): IntentRecord | undefined {
    return this.intents.get(id);
  }

  /** Newest first, as Stripe lists. */
  intentsNewestFirst(): IntentRecord[] {
    return [...this.intents.values()].reverse();
  }

  addCharge(charge: Charge): void {
    remember(this.charges, charge.id, charge);
  }

  charge(id: string): Charge | undefined {
    return this.charges.get(id);
  }

  /** Newest first, as Stripe lists; a charge's place in the store orders it (cursors compare within one list call). */
  chargesNewestFirst(): { charge: Charge; sequence: number }[] {
    return [...this.charges.values()].map((charge, sequence) => ({ charge, sequence })).reverse();
  }

  addRefund(refund: Refund): RefundRecord {
    const record: RefundRecord = { refund, sequence: this.nextSequence++ };
    remember(this.refunds, refund.id, record);
    return record;
  }

  refund(id: string): RefundRecord | undefined {
    return this.refunds.get(id);
  }

  refundsNewestFirst(): RefundRecord[] {
    return [...this.refunds.values()].reverse();
  }

  /** What refunds (not released authorizations) took back from a charge. */
  refundedByRefunds(chargeId: string): number {
    let total = 0;
    for (const { refund } of this.refunds.values()) if (refund.charge === chargeId) total += refund.amount;
    return total;
  }

  addChallenge(challenge: ThreeDSecureChallenge): void {
    remember(this.challenges, challenge.id, challenge);
  }

  challenge(id: string): ThreeDSecureChallenge | undefined {
    return this.challenges.get(id);
  }

  addMandate(mandate: Mandate): void {
    remember(this.mandates, mandate.id, mandate);
  }

  mandate(id: string): Mandate | undefined {
    return this.mandates.get(id);
  }

  addDispute(dispute: Dispute): void {
    remember(this.disputes, dispute.id, dispute);
  }

  dispute(id: string): Dispute | undefined {
    return this.disputes.get(id);
  }

  /** Intents whose bank debit waits for the bank's answer. */
  processingBankDebits(): Array<IntentRecord & { bankDebit: PendingBankDebit }> {
    return [...this.intents.values()].filter((record): record is IntentRecord & { bankDebit: PendingBankDebit } => record.bankDebit !== undefined && record.intent.status === 'processing');
  }

  snapshot(): PaymentStoreSnapshot {
    return {
      intents: [...this.intents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      challenges: [...this.challenges.values()],
      mandates: [...this.mandates.values()],
      disputes: [...this.disputes.values()],
      nextSequence: this.nextSequence,
    };
  }

  /** Puts back what snapshot() gave (read from disk): the store then answers as it did before. */
  restore(snapshot: PaymentStoreSnapshot): void {
    for (const record of snapshot.intents) this.intents.set(record.intent.id, record);
    for (const charge of snapshot.charges) this.charges.set(charge.id, charge);
    for (const record of snapshot.refunds) this.refunds.set(record.refund.id, record);
    for (const challenge of snapshot.challenges) this.challenges.set(challenge.id, challenge);
    for (const mandate of snapshot.mandates ?? []) this.mandates.set(mandate.id, mandate);
    for (const dispute of snapshot.disputes ?? []) this.disputes.set(dispute.id, dispute);
    this.nextSequence = Math.max(this.nextSequence, snapshot.nextSequence);
  }
}
