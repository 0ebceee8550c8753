// Reading request bodies with a size limit: raw bytes (webhooks verify them as sent) or JSON
// checked against a zod schema.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

export async function readRawBody(req: IncomingMessage, limit = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'body_too_large', `The request body is over ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson<Schema extends z.ZodType>(req: IncomingMessage, schema: Schema): Promise<z.infer<Schema>> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  // JSON only: a cross-site form cannot send it without a CORS preflight, which we never allow.
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  const raw = (await readRawBody(req, 16 * 1024)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(400, 'invalid_request', `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'bad value'}.`);
  }
  return result.data;
}
