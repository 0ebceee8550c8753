// The optional `metadata[...]` param: string key/value pairs within Stripe's limits, echoed back;
// on update, merged into what is there (an empty value removes a key, `metadata=` removes all).
import { optionalObject } from './form-body.ts';
import { StripeApiError } from './stripe-error.ts';

// Stripe's documented limits.
const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

function invalidMetadata(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: 'metadata', message });
}

function checkedEntries(param: unknown): Array<[string, string]> {
  const metadata = optionalObject(param, 'metadata') ?? {};
  const entries = Object.entries(metadata);
  if (entries.length > MAX_KEYS) throw invalidMetadata(`Invalid metadata: at most ${MAX_KEYS} keys are allowed.`);
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw invalidMetadata('Invalid metadata: values must be strings.');
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidMetadata(`Invalid metadata: keys must be at most ${MAX_KEY_LENGTH} characters long.`);
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw invalidMetadata(`Invalid metadata: values must be at most ${MAX_VALUE_LENGTH} characters long.`);
    }
  }
  return entries as Array<[string, string]>;
}

export function parseMetadata(param: unknown): Record<string, string> {
  // An empty value means "unset" in Stripe's API. fromEntries defines own properties, so even a
  // `__proto__` key is kept as plain data.
  return Object.fromEntries(checkedEntries(param).filter(([, value]) => value !== ''));
}

export function mergeMetadata(existing: Record<string, string>, param: unknown): Record<string, string> {
  if (param === '') return {};
  const merged = new Map(Object.entries(existing));
  for (const [key, value] of checkedEntries(param)) {
    if (value === '') merged.delete(key);
    else merged.set(key, value);
  }
  if (merged.size > MAX_KEYS) throw invalidMetadata(`Invalid metadata: at most ${MAX_KEYS} keys are allowed.`);
  return Object.fromEntries(merged);
}
