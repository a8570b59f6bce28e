import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../../../libs/config/src/index.js';
import { connect } from '../../../libs/database/src/index.js';
import { createLogger, PinoNestLogger } from '../../api/src/common/logger.js';
import { WorkerModule } from './worker.module.js';

/**
 * `npm run start:worker`: consumes jobs from Redis (BullMQ). PostgreSQL is the source of
 * truth: processors re-queue unfinished work when they start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.REDIS_URL) {
    throw new ConfigError('REDIS_URL is required for a separate worker process (without Redis, `npm start` runs the jobs in-process)');
  }
  if (!config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required for a separate worker process (the embedded database belongs to `npm start`)');
  }
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  const connection = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: 'collective-ledger-worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, dataSource: connection.dataSource, queuePrefix: config.QUEUE_PREFIX }), {
    logger: new PinoNestLogger(logger),
  });
  // No enableShutdownHooks(): main.ts owns SIGINT/SIGTERM and calls app.close() (which runs
  // the shutdown hooks) before closing the database; Nest's own listener would re-raise the
  // signal and end the process before the database had stopped.
  await app.init();
  logger.info('worker is consuming jobs');
  const shutdown = async () => {
    await app.close();
    await connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
