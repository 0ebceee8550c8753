// Picks the Idempotency-Key of each tokenization: fresh, or, when the last one gave up without an
// answer and the shopper tries the same card again, that same key. Fields origin (controller).
import { randomId } from '../../src/shared/random-id.ts';
import type { CardDetails } from './gateway-adapter.ts';

/**
 * Why reuse: a tokenization that gave up (timeout, lost or garbled answer) may still have
 * created a payment method. Retrying the same card under the same key makes the gateway replay
 * that one instead of creating a second; a different card or key gets a fresh key (the
 * gateway would refuse the old key with other parameters).
 *
 * The card is remembered only as an HMAC under a per-frame, non-extractable key, in memory.
 */
export class IdempotencyKeys {
  private unsettled: { key: string; cardDigest: string } | undefined;
  private readonly hmacKey: Promise<CryptoKey | undefined>;

  constructor() {
    // crypto.subtle exists only in secure contexts; without it every tokenization gets a fresh key.
    const subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle;
    this.hmacKey = subtle ? subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).catch(() => undefined) : Promise.resolve(undefined);
  }

  /**
   * The key for sending `card` now, and a callback to report how that request ended. `scope` is
   * what else the request is bound to (the publishable key; for a confirm, also the intent).
   */
  async keyFor(card: CardDetails, scope: string): Promise<{ key: string; finished(settled: boolean): void }> {
    const cardDigest = await this.digest(card, scope);
    const reusable = cardDigest !== undefined && this.unsettled?.cardDigest === cardDigest;
    const key = reusable ? this.unsettled!.key : randomId(32);
    return {
      key,
      finished: (settled) => {
        this.unsettled = settled || cardDigest === undefined ? undefined : { key, cardDigest };
      },
    };
  }

  private async digest(card: CardDetails, scope: string): Promise<string | undefined> {
    const hmacKey = await this.hmacKey;
    if (!hmacKey) return undefined;
    // Other billing details, or another network for a co-badged card, are another request: a new key.
    const canonical = JSON.stringify([scope, card.number, card.expMonth, card.expYear, card.cvc ?? '', card.billing ?? {}, card.network ?? '']);
    const signature = await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(canonical));
    return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
}
