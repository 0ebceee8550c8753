// The backend's one database interface (Node realm), over embedded PGlite (the default: a
// folder on disk, or memory for tests) or a PostgreSQL server via node-postgres (DATABASE_URL).
// Both speak the same SQL, so every query and migration runs unchanged on either.

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (a migration file) without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /** `dataDir` undefined: in memory, gone when closed (tests). */
  | { kind: 'pglite'; dataDir?: string };

/** DATABASE_URL wins; otherwise the embedded database persisted under `defaultDataDir`. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv, defaultDataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: env.PGLITE_DATA_DIR || defaultDataDir };
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const { openPostgresDatabase } = await import('./postgres-database.ts');
    return openPostgresDatabase(config.url, config.poolSize);
  }
  const { openPgliteDatabase } = await import('./pglite-database.ts');
  return openPgliteDatabase(config.dataDir);
}

/** What a log line or a page may say about where the data lives: no password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return config.dataDir ? `PGlite (embedded) in ${config.dataDir}` : 'PGlite (embedded, in memory)';
  try {
    const url = new URL(config.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
