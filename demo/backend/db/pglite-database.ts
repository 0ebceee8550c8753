// The embedded database: PGlite (PostgreSQL compiled to WASM) in this process, persisted to a
// folder or kept in memory. One connection: PGlite runs queries and transactions one at a time.
// A folder is locked while open: PGlite does not support two instances (two processes) on one folder.
import { relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeThisProcess, lockDataDir } from '../../../src/node/data-dir-lock.ts';
import type { Database, Queryable, QueryResult } from './database.ts';

function wrap(target: Pick<PGlite, 'query'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/** What the lock file says holds the folder: `npm run demo`, or the script that runs. */
function thisProgram(): string {
  return describeThisProcess(process.argv[1] === undefined ? 'node' : relative(process.cwd(), process.argv[1]));
}

/** Throws DataDirLockedError when another process has `dataDir` open. */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  const lock = dataDir === undefined ? undefined : lockDataDir(dataDir, thisProgram());
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queryable = wrap(pg);
  return {
    kind: 'pglite',
    query: queryable.query,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
