// Runs an operation (capture, cancel, refund) at most once per Idempotency-Key: the key is
// claimed in the database before anything moves, a repeat gets the first answer back, a repeat
// while the first still runs gets 409, and the same key with other parameters gets 422. The
// gateway call carries a key derived from ours, so even a retry after a crash between the
// gateway's answer and ours is a replay at the gateway, never a second movement of money.
import { createHash } from 'node:crypto';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';

export interface OperationResult {
  status: number;
  body: unknown;
}

// A claim older than this is taken to belong to a process that died: the operation may run
// again (safely, the gateway replays under the same key).
const STALE_CLAIM_SECONDS = 60;

const KEY_FORMAT = /^[A-Za-z0-9_\-:.]{8,100}$/;

export function requireIdempotencyKey(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (8-100 letters, digits, - _ : .) with every operation.');
  }
  return header;
}

export async function runOnce(
  db: Database,
  key: string,
  action: string,
  params: unknown,
  operation: (gatewayIdempotencyKey: string) => Promise<OperationResult>,
): Promise<OperationResult & { replayed: boolean }> {
  const requestHash = createHash('sha256').update(JSON.stringify({ action, params })).digest('hex');
  const claimed = await db.query(
    `INSERT INTO operation_requests (idempotency_key, action, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
     ON CONFLICT (idempotency_key) DO UPDATE SET updated_at = now()
       WHERE operation_requests.state = 'in_progress' AND operation_requests.request_hash = EXCLUDED.request_hash
         AND operation_requests.updated_at < now() - make_interval(secs => $4)
     RETURNING idempotency_key`,
    [key, action, requestHash, STALE_CLAIM_SECONDS],
  );
  if (claimed.rows.length === 0) {
    const existing = (
      await db.query<{ request_hash: string; state: string; response_status: number | null; response_body: unknown }>(
        'SELECT request_hash, state, response_status, response_body FROM operation_requests WHERE idempotency_key = $1',
        [key],
      )
    ).rows[0]!;
    if (existing.request_hash !== requestHash) throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different operation.');
    if (existing.state === 'in_progress') throw new ApiError(409, 'operation_in_progress', 'The same operation is still running; try again in a moment.');
    const body = typeof existing.response_body === 'string' ? JSON.parse(existing.response_body) : existing.response_body;
    return { status: existing.response_status!, body, replayed: true };
  }
  let result: OperationResult;
  try {
    result = await operation(`ops-${key}`);
  } catch (error) {
    // Not an answer to keep (the gateway was unreachable, or we failed): free the key for a retry.
    await db.query("DELETE FROM operation_requests WHERE idempotency_key = $1 AND state = 'in_progress'", [key]);
    throw error;
  }
  await db.query("UPDATE operation_requests SET state = 'done', response_status = $2, response_body = $3, updated_at = now() WHERE idempotency_key = $1", [
    key,
    result.status,
    JSON.stringify(result.body),
  ]);
  return { ...result, replayed: false };
}
