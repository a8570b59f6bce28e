import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { withDatabase } from './url.js';

export interface Connection {
  dataSource: DataSource;
  url: string;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Creates database `name` on the server at `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Connects as the configuration says: DATABASE_URL when given, otherwise an embedded
 * PostgreSQL in DATA_DIR (database `ledger`). Migrations run before this returns.
 */
export async function connect(options: {
  databaseUrl?: string;
  dataDir: string;
  applicationName: string;
  poolSize?: number;
  log?: (line: string) => void;
}): Promise<Connection> {
  let embedded: EmbeddedDatabase | null = null;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
    await ensureDatabase(embedded.url, 'ledger');
    url = withDatabase(embedded.url, 'ledger');
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDatabase(url, { applicationName: options.applicationName, poolSize: options.poolSize });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
