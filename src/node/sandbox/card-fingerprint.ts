// Stripe-style card fingerprint: the same number gives the same 16-character value within
// this process, and the value cannot be reversed to the number without the process secret.
import { createHmac, randomBytes } from 'node:crypto';

// Per process: a plain hash of a card number could be brute-forced (the space is small).
const FINGERPRINT_SECRET = randomBytes(32);

export function cardFingerprint(digits: string): string {
  return createHmac('sha256', FINGERPRINT_SECRET)
    .update(digits)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);
}
