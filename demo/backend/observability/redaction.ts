// What the backend's logs must never hold, and how it is scrubbed (Node realm): card numbers,
// CVCs, API keys, webhook secrets, client secrets, session cookies. Keys named here are censored
// wherever they appear; any string anywhere is also scrubbed by pattern, as a second net.

/** Object keys whose values are never logged. */
export const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'stripe-signature',
  'client_secret',
  'clientSecret',
  'password',
  'secret',
  'secretKey',
  'webhookSecret',
  'number',
  'cvc',
  'card',
];

const PATTERNS: [RegExp, string][] = [
  // A run of 12-19 digits, spaces or dashes allowed between: a card number, or near enough to one.
  [/\b\d(?:[ -]?\d){11,18}\b/g, '[PAN]'],
  [/\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9_]+/g, '[API_KEY]'],
  [/\bwhsec_[A-Za-z0-9]+/g, '[WEBHOOK_SECRET]'],
  [/\bpi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, '[CLIENT_SECRET]'],
  [/\bcvc=\d{3,4}\b/gi, 'cvc=[CVC]'],
  // The password in a database URL (postgres://user:password@host/db).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1[PASSWORD]@'],
];

export function scrubString(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** A copy of `value` with secret keys censored and every string scrubbed (depth-limited). */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return { type: value.name, message: scrubString(value.message), ...(value.stack ? { stack: scrubString(value.stack) } : {}) };
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY_SET.has(key.toLowerCase()) ? '[REDACTED]' : scrubValue(item, depth + 1);
  return out;
}
