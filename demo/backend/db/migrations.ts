// Versioned schema migrations: demo/backend/migrations/NNN_name.sql, applied in order, each in
// its own transaction with its row in schema_migrations, so a half-applied file never counts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, '../migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, version = '', name = ''] = FILE_NAME.exec(file)!;
      return { version, name, sql: readFileSync(join(dir, file), 'utf8') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

// Any constant will do: it only keeps two backends starting at once on one server from racing.
const MIGRATION_LOCK = 7_246_001;

/** Applies what is not applied yet; returns the versions it applied. */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<string[]> {
  await db.exec(CREATE_TABLE);
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rows.length > 0) return false;
      // Statements one by one: node-postgres may not take several with parameters, and PGlite's
      // transaction object runs one statement per query call.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/** Versions still to apply (empty when the schema is current): what /readyz checks. */
export async function pendingMigrations(db: Database, migrations = loadMigrations()): Promise<string[]> {
  const table = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!table.rows[0]?.exists) return migrations.map((migration) => migration.version);
  const applied = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const done = new Set(applied.rows.map((row) => row.version));
  return migrations.map((migration) => migration.version).filter((version) => !done.has(version));
}

/**
 * Splits a migration into statements at top-level semicolons, keeping dollar-quoted bodies
 * (plpgsql functions), quoted strings and -- comments whole.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      const stop = end === -1 ? sql.length : end + dollar[0].length;
      current += sql.slice(i, stop);
      i = stop;
    } else if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql[i] === "'") {
      const end = sql.indexOf("'", i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      current += sql.slice(i, stop);
      i = stop;
    } else if (sql[i] === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i += 1;
    } else {
      current += sql[i];
      i += 1;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
