// Stripe-style random identifiers (pm_, pi_, ch_, re_, req_...) and secrets from the platform CSPRNG.
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Largest multiple of 62 below 256: bytes above it are dropped so every character is equally likely.
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHANUMERICS.length);

export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      out += ALPHANUMERICS[byte % ALPHANUMERICS.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newPaymentMethodId(): string {
  return `pm_${randomAlphanumeric(24)}`;
}

export function newRequestId(): string {
  return `req_${randomAlphanumeric(14)}`;
}

export function newPaymentIntentId(): string {
  return `pi_${randomAlphanumeric(24)}`;
}

/** Stripe's shape: the intent's id, then a secret part. Whoever holds it may confirm the intent. */
export function newClientSecret(paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${randomAlphanumeric(25)}`;
}

export function newChargeId(): string {
  return `ch_${randomAlphanumeric(24)}`;
}

export function newRefundId(): string {
  return `re_${randomAlphanumeric(24)}`;
}

/** Id of a 3-D Secure challenge; it is in the challenge page's URL, so it must not be guessable. */
export function newChallengeId(): string {
  return `payatt_${randomAlphanumeric(24)}`;
}

/** The six-digit code the simulated issuer shows on its challenge page. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function newMandateId(): string {
  return `mandate_${randomAlphanumeric(24)}`;
}

export function newDisputeId(): string {
  return `dp_${randomAlphanumeric(24)}`;
}
