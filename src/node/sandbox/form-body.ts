// Reads a request body (bounded) and parses Stripe's application/x-www-form-urlencoded
// format, nested params included (`card[number]=...`, brackets raw or percent-encoded).
import type { IncomingMessage } from 'node:http';
import qs from 'qs';
import { StripeApiError, invalidParam } from './stripe-error.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type FormParams = Record<string, unknown>;

function bodyTooLarge(): StripeApiError {
  return new StripeApiError(413, {
    type: 'invalid_request_error',
    message: `Request body too large: the limit is ${MAX_BODY_BYTES / 1024} KB.`,
  });
}

export function readRequestBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<string> {
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) {
    return Promise.reject(bodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        settled = true;
        // Stop buffering; the server drains the rest so the 413 can still be delivered.
        req.off('data', onData);
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
}

export function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function malformedBody(): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message: 'Invalid request: the body is not valid application/x-www-form-urlencoded data.',
  });
}

export function parseFormBody(body: string): FormParams {
  // qs silently keeps undecodable sequences as raw text; Stripe rejects them, so check first.
  for (const pair of body.split('&')) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
      throw malformedBody();
    }
  }
  try {
    return qs.parse(body, {
      depth: 5,
      strictDepth: true,
      parameterLimit: 1000,
      throwOnLimitExceeded: true,
      arrayLimit: 100,
      // Null-prototype objects: a `__proto__[x]` param cannot reach Object.prototype.
      plainObjects: true,
      allowPrototypes: false,
    }) as FormParams;
  } catch {
    throw malformedBody();
  }
}

/** Rejects a param that arrived as an object or array where Stripe expects a string. */
export function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(param, `Invalid string: ${param} must be a string.`);
  return value;
}

export function optionalObject(value: unknown, param: string): Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_invalid_string',
      param,
      message: `Invalid object: ${param} must be a hash.`,
    });
  }
  return value as Record<string, unknown>;
}
