// Checks shared by the payment endpoints' params: unknown names refused (so a browser cannot
// slip in a field it may not set), booleans, enums, texts, ids and URLs, with Stripe's errors.
import type { FormParams } from './form-body.ts';
import { optionalString } from './form-body.ts';
import { StripeApiError, invalidParam } from './stripe-error.ts';

const MAX_URL_LENGTH = 2048;

/** A param name fit to echo: long digit runs masked (a card number sent as a name), length bounded. */
function shownName(name: string): string {
  return name.replace(/\d{12,}/g, '****').slice(0, 100);
}

export function rejectUnknownParams(params: FormParams, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (allowed.includes(name)) continue;
    if (name === 'expand') {
      throw invalidParam('expand', 'The sandbox gateway does not support expand: retrieve the related object by its id instead.');
    }
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: shownName(name),
      message: `Received unknown parameter: ${shownName(name)}`,
    });
  }
}

/** Stripe's form booleans: "true" or "false". */
export function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParam(param, `Invalid boolean: ${param} must be true or false.`);
}

export function optionalEnum<T extends string>(value: unknown, param: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidParam(param, `Invalid ${param}: must be one of ${allowed.join(', ')}.`);
}

/** Free text such as a description: null when sent empty (Stripe's "unset"), undefined when absent. */
export function optionalText(value: unknown, param: string, maxLength: number): string | null | undefined {
  const text = optionalString(value, param);
  if (text === undefined) return undefined;
  if (text === '') return null;
  if (text.length > maxLength) throw invalidParam(param, `Invalid ${param}: must be at most ${maxLength} characters.`);
  return text;
}

/** An object id of ours (`pm_...`, `pi_...`); the value is never echoed. */
export function optionalId(value: unknown, param: string): string | undefined {
  const id = optionalString(value, param);
  if (id === undefined || id === '') return undefined;
  return id;
}

/** An absolute http(s) URL, such as a return_url. The value is never echoed. */
export function optionalUrl(value: unknown, param: string): string | undefined {
  const text = optionalString(value, param);
  if (text === undefined || text === '') return undefined;
  let url: URL | undefined;
  try {
    url = text.length <= MAX_URL_LENGTH ? new URL(text) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidParam(param, `Invalid URL: ${param} must be an absolute http or https URL of at most ${MAX_URL_LENGTH} characters.`);
  }
  return url.href;
}
