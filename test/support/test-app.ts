import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApp, type RegisteredRoute } from '../../apps/api/src/bootstrap.js';
import { createLogger } from '../../apps/api/src/common/logger.js';
import { loadConfig } from '../../libs/config/src/index.js';
import { openDatabase, withDatabase } from '../../libs/database/src/index.js';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  databaseUrl: string;
  routes: RegisteredRoute[];
  openApi: OpenAPIObject;
  adminToken: string;
  dataDir: string;
  close(): Promise<void>;
}

let counter = 0;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DB_SERVER_URL;
  const template = process.env.TEST_DB_TEMPLATE;
  if (!server || !template) throw new Error('the e2e global setup did not run (run the tests with `npm test`)');
  const name = `ledger_t_${process.env.TEST_PARENT_PID}_${process.pid}_${counter++}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  return {
    url: withDatabase(server, name),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Boots the real application (same bootstrap as `npm start`) on a fresh database,
 * listening on a free port. `redis: true` uses REDIS_URL with a queue prefix of its own.
 * `database` and `dataDir` restart the ledger on ones the caller made (and drops or
 * removes itself): close() then leaves them.
 */
export async function bootTestApp(
  options: { redis?: boolean; runWorkers?: boolean; env?: Record<string, string>; database?: TestDatabase; dataDir?: string } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  const ownsDataDir = options.dataDir === undefined;
  if (ownsDataDir) chmodSync(dataDir, 0o755);
  const env: Record<string, string> = { DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.url, ...options.env };
  if (options.redis) {
    if (!process.env.REDIS_URL) throw new Error('this suite needs REDIS_URL');
    env.REDIS_URL = process.env.REDIS_URL;
  }
  const config = loadConfig(env);
  const dataSource = await openDatabase(database.url, { poolSize: 5, applicationName: 'ledger-test' });
  const { app, routes, openApi } = await createApp({
    config,
    dataSource,
    logger: createLogger(config.LOG_LEVEL, 'test'),
    runWorkers: options.runWorkers ?? true,
    queuePrefix: options.redis ? (options.env?.QUEUE_PREFIX ?? `ledger-test-${randomBytes(4).toString('hex')}`) : undefined,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    baseUrl,
    dataSource,
    databaseUrl: database.url,
    routes,
    openApi,
    adminToken,
    dataDir,
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (ownsDatabase) await database.drop();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
