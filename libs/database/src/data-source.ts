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

/** Opens the DataSource and brings the schema up to date. */
export async function openDatabase(url: string, options: { poolSize?: number; applicationName?: string } = {}): Promise<DataSource> {
  const dataSource = createDataSource(url, options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
