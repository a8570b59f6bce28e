import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';

/**
 * The one DataSource definition, used by the API, the worker, the CLI (including
 * `migrate`) and the tests. The schema comes only from migrations: never synchronize.
 */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries surface as exceptions, logged where they are handled (pino), not on the console.
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'collective-ledger',
    // numeric stays a string from the driver; libs map it to Decimal, never to number.
  });
}

/**
 * Opens the DataSource and brings the schema up to date. Processes of one deployment
 * (API and workers) started together migrate one at a time: the first holds a
 * PostgreSQL advisory lock while it migrates, the others wait for it and then find
 * nothing left to do. (TypeORM takes no lock: each process would run the first pending
 * migration and all but one would fail on the objects it created.) The lock is a
 * session's, on a connection of its own, so it ends with a process that dies holding it.
 */
export async function openDatabase(url: string, options: { poolSize?: number; applicationName?: string } = {}): Promise<DataSource> {
  const dataSource = createDataSource(url, options);
  await dataSource.initialize();
  try {
    await withMigrationLock(url, `${options.applicationName ?? 'collective-ledger'} (migrating)`, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/** The advisory lock key of schema migrations (any fixed bigint no other lock of the ledger uses). */
const MIGRATION_LOCK = "hashtextextended('collective-ledger: schema migrations', 0)";

async function withMigrationLock<T>(url: string, applicationName: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    return await work();
  } finally {
    // Ending the session releases the lock (and so does a process that dies holding it).
    await client.end().catch(() => undefined);
  }
}
