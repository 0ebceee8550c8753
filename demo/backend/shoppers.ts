// Shopper accounts (Node realm): an email and a scrypt password hash (node:crypto) in the database,
// and the shopper's customer at the gateway, made at signup, which keeps their saved cards. The
// demo shop has one seeded account (DEMO_SHOPPER) so a visitor can log in at once.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type Stripe from 'stripe';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import { newShopperId } from './ids.ts';

/** The demo shop's account, shown on the shop page: test mode only, like the test cards. */
export const DEMO_SHOPPER = { email: 'shopper@example.com', password: 'shopper-demo-password' } as const;

export const MIN_PASSWORD_LENGTH = 10;

// OWASP's scrypt floor (N=2^17 would be better but takes ~0.3 s here on each login of a 2-core box).
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

export interface Shopper {
  id: string;
  email: string;
  customerId: string;
}

function derive(password: string, salt: Buffer, options: ScryptOptions & { keyLength: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, options.keyLength, { N: options.N, r: options.r, p: options.p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), keyLength: expected.length });
  return timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so an unknown address takes as long as a wrong password.
const UNKNOWN_SHOPPER_HASH = hashPassword(randomBytes(16).toString('hex'));

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}\.[a-z0-9-]{2,}$/.test(normalized)) throw new ApiError(400, 'invalid_email', 'Enter an email address such as ada@example.com.');
  return normalized;
}

interface ShopperRow {
  id: string;
  email: string;
  customer_id: string;
  password_hash: string;
}

const toShopper = (row: ShopperRow): Shopper => ({ id: row.id, email: row.email, customerId: row.customer_id });

/** A new account with its customer at the gateway; 409 when the address has one already. */
export async function signUp(db: Database, stripe: Stripe, emailTyped: string, password: string, id = newShopperId()): Promise<Shopper> {
  const email = normalizeEmail(emailTyped);
  if (password.length < MIN_PASSWORD_LENGTH) throw new ApiError(400, 'password_too_short', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  const taken = () => new ApiError(409, 'email_taken', 'There is already an account with this email address: log in instead.');
  if ((await db.query('SELECT 1 FROM shoppers WHERE email = $1', [email])).rows.length > 0) throw taken();
  let customer: Stripe.Customer;
  try {
    // The shopper id keys the request: a retry of ours or the SDK's makes one customer.
    customer = await stripe.customers.create({ email, metadata: { shopper_id: id } }, { idempotencyKey: `shopper-${id}-customer` });
  } catch (error) {
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway could not open your account; try again.', error);
  }
  const inserted = await db.query<ShopperRow>(
    'INSERT INTO shoppers (id, email, password_hash, customer_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id, email, customer_id, password_hash',
    [id, email, await hashPassword(password), customer.id],
  );
  // Two signups for one address at once: the other won (its customer stays unused at the gateway).
  if (!inserted.rows[0]) throw taken();
  return toShopper(inserted.rows[0]);
}

/** The shopper whose email and password these are, or a 401 that does not say which was wrong. */
export async function logIn(db: Database, emailTyped: string, password: string): Promise<Shopper> {
  const email = emailTyped.trim().toLowerCase();
  const row = (await db.query<ShopperRow>('SELECT id, email, customer_id, password_hash FROM shoppers WHERE email = $1', [email])).rows[0];
  const matches = await passwordMatches(password, row?.password_hash ?? (await UNKNOWN_SHOPPER_HASH));
  if (!row || !matches) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
  return toShopper(row);
}

export async function findShopper(db: Database, id: string): Promise<Shopper | undefined> {
  const row = (await db.query<ShopperRow>('SELECT id, email, customer_id, password_hash FROM shoppers WHERE id = $1', [id])).rows[0];
  return row && toShopper(row);
}

export async function listShoppers(db: Database, limit = 100): Promise<Shopper[]> {
  const { rows } = await db.query<ShopperRow>('SELECT id, email, customer_id, password_hash FROM shoppers ORDER BY created_at DESC, id LIMIT $1', [limit]);
  return rows.map(toShopper);
}

/** Makes the demo account when it is missing (at startup; a gateway that is down only delays it to the next start). */
const DEMO_SHOPPER_ID = 'shp_demo';

export async function ensureDemoShopper(db: Database, stripe: Stripe): Promise<void> {
  if ((await db.query('SELECT 1 FROM shoppers WHERE email = $1', [DEMO_SHOPPER.email])).rows.length > 0) return;
  // One id for the demo account, whichever instance makes it: backends starting together on one
  // database ask the gateway under one idempotency key, so it makes one customer, not one each.
  await signUp(db, stripe, DEMO_SHOPPER.email, DEMO_SHOPPER.password, DEMO_SHOPPER_ID).catch((error: unknown) => {
    if (!(error instanceof ApiError && error.code === 'email_taken')) throw error;
  });
}
