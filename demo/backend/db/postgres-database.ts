// A PostgreSQL server through node-postgres (DATABASE_URL): a pool, one client per transaction.
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.ts';

// BIGINT (int8) would come back as a string: our amounts and unix times fit a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

function wrap(target: Pick<pg.Pool | pg.PoolClient, 'query'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
  };
}

export async function openPostgresDatabase(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const queryable = wrap(pool);
  return {
    kind: 'postgres',
    query: queryable.query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
