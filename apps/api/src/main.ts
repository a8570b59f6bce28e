import 'reflect-metadata';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../libs/config/src/index.js';
import { connect } from '../../../libs/database/src/index.js';
import { TokenService } from '../../../libs/auth/src/index.js';
import { DemoService, type DemoWitness, startDemoWitness } from '../../../libs/demo/src/index.js';
import { KeyStoreError, currentSigningKey } from '../../../libs/ledger/src/index.js';
import { createApp } from './bootstrap.js';
import { createLogger } from './common/logger.js';

/**
 * `npm start`: the API and the worker in one process, on the embedded PostgreSQL unless
 * DATABASE_URL is set. `--role api` serves HTTP only (the worker runs as its own process,
 * which needs REDIS_URL to receive jobs).
 */
async function main(): Promise<void> {
  const role = process.argv.includes('--role') ? process.argv[process.argv.indexOf('--role') + 1] : 'all';
  if (role !== 'all' && role !== 'api') throw new ConfigError(`--role must be api or all, not ${role}`);
  const config = loadConfig();
  if (role === 'api' && !config.REDIS_URL) {
    throw new ConfigError('REDIS_URL is required with --role api: without Redis, jobs run in-process, so use `npm start`');
  }
  const logger = createLogger(config.LOG_LEVEL, role === 'api' ? 'api' : 'ledger');
  const started = Date.now();
  const connection = await connect({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    applicationName: `collective-ledger-${role}`,
    log: (line) => logger.debug({ context: 'postgres' }, line),
  });
  // The demo's witness (libs/demo demo-witness.ts): with the demo, in this one process, and no
  // LOG_WITNESSES of the operator's, each new checkpoint is cosigned by a witness of its own.
  let witness: DemoWitness | undefined;
  if (role === 'all' && config.demoEnabled && !config.LOG_WITNESSES) {
    const logKey = await currentSigningKey(config.DATA_DIR, config.LOG_SIGNING_KEY).catch((e: unknown) => {
      throw e instanceof KeyStoreError ? new ConfigError(`Invalid key file in DATA_DIR: ${e.message}`) : e;
    });
    witness = await startDemoWitness(config.DATA_DIR, logKey, (e) => logger.error({ err: e, context: 'demo-witness' }, 'witness error'));
    config.LOG_WITNESSES = witness.policyFile;
  }
  const { app } = await createApp({ config, dataSource: connection.dataSource, logger, runWorkers: role === 'all', queuePrefix: config.QUEUE_PREFIX });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close().catch((e: unknown) => logger.error(e));
    await witness?.close().catch((e: unknown) => logger.error(e));
    await connection.close().catch((e: unknown) => logger.error(e));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const url = await app.getUrl();
  const base = url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');

  const lines: string[] = [];
  const bootstrapAdmin = await app.get(TokenService).ensureBootstrapAdmin();
  if (bootstrapAdmin) lines.push(`  admin token (shown once, keep it): ${bootstrapAdmin}`);
  if (config.demoEnabled) {
    const demo = await app.get(DemoService).load();
    lines.push('  demo tokens (new ones at every start):');
    for (const t of demo.tokens) lines.push(`    ${t.label.padEnd(42)} ${t.token}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `Collective Ledger is up in ${seconds}s${connection.embedded ? ` (embedded PostgreSQL in ${embeddedLocation(config.DATA_DIR, connection.embedded.clusterDir)})` : ''}`,
      `  web      ${base}/`,
      `  API      ${base}/v1`,
      `  docs     ${base}/docs`,
      `  health   ${base}/health`,
      `  public   ${base}/public`,
      ...(witness ? [`  witness  ${witness.url} (${witness.name}, the demo's: cosigns every checkpoint; key and state in ${witness.dir})`] : []),
      ...lines,
      '',
    ].join('\n') + '\n',
  );
}

/** DATA_DIR as the user gave it, or the folder the cluster had to move to (as root, from a private folder). */
function embeddedLocation(dataDir: string, clusterDir: string): string {
  return path.resolve(clusterDir) === path.resolve(dataDir, 'pg') ? dataDir : clusterDir;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Collective Ledger failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
