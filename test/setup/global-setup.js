// Runs once before the end-to-end suites: finds or starts PostgreSQL, builds a template
// database with every migration applied, and checks that Redis is there when required.
// Each test file then clones the template into a database of its own (test/support).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '../..');
const stateFile = path.join(root, '.test-data', 'state.json');

export default async function globalSetup() {
  const db = await import(path.join(root, 'dist/libs/database/src/index.js'));
  let serverUrl = process.env.DATABASE_URL;
  let embedded = null;
  if (!serverUrl) {
    const dataDir = path.join(root, '.test-data', 'embedded');
    embedded = await db.startEmbeddedPostgres({ dataDir, fast: true });
    serverUrl = embedded.url;
    process.stdout.write(`\n[e2e] DATABASE_URL is not set: started the embedded PostgreSQL on port ${embedded.port}\n`);
  }
  const template = `ledger_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Leftovers of runs that were killed: databases whose owner process is gone.
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^ledger_(tpl|t)_'`);
  for (const { datname } of stale.rows) {
    const pid = Number(datname.split('_')[2]);
    let alive = false;
    try { process.kill(pid, 0); alive = true; } catch { alive = false; }
    if (!alive) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const ds = await db.openDatabase(db.withDatabase(serverUrl, template), { poolSize: 1 });
  await ds.destroy();

  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    if (process.env.REQUIRE_REDIS === '1') {
      throw new Error('REQUIRE_REDIS=1 but REDIS_URL is not set: the queue suites would be skipped');
    }
    process.stdout.write('[e2e] REDIS_URL is not set: the queue suites are SKIPPED (jobs are tested in-process only)\n');
  }
  process.env.TEST_DB_SERVER_URL = serverUrl;
  process.env.TEST_DB_TEMPLATE = template;
  process.env.TEST_PARENT_PID = String(process.pid);
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify({ serverUrl, template, embeddedDataDir: embedded ? path.join(root, '.test-data', 'embedded') : null }));
  globalThis.__LEDGER_EMBEDDED__ = embedded;
}
