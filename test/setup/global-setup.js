// Runs once before the end-to-end suites: finds or starts PostgreSQL, builds a template
// database with every migration applied, and checks that Redis is there when required.
// Each test file then clones the template into a database of its own (test/support).
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '../..');
const stateFile = path.join(root, '.test-data', 'state.json');

export default async function globalSetup() {
  const db = await import(path.join(root, 'dist/libs/database/src/index.js'));
  let serverUrl = process.env.DATABASE_URL;
  let embedded = null;
  if (!serverUrl) {
    // One cluster per run (runs may overlap); clusters of runs that died are removed.
    const base = path.join(root, '.test-data');
    mkdirSync(base, { recursive: true });
    for (const entry of readdirSync(base)) {
      const m = /^embedded-(\d+)$/.exec(entry);
      if (m && !isAlive(Number(m[1]))) rmSync(path.join(base, entry), { recursive: true, force: true });
    }
    const dataDir = path.join(base, `embedded-${process.pid}`);
    embedded = await db.startEmbeddedPostgres({ dataDir, fast: true });
    embedded.dataDir = dataDir;
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
    if (!isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
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
  // The browser suites (test/web) drive Debian's Chromium; without it they are skipped.
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    if (process.env.REQUIRE_BROWSER === '1') {
      throw new Error(`REQUIRE_BROWSER=1 but ${chromium} is missing (apt-get install chromium): the browser suites would be skipped`);
    }
    process.stdout.write(`[e2e] ${chromium} is missing: the browser suites (test/web) are SKIPPED (apt-get install chromium)\n`);
  }
  process.env.TEST_DB_SERVER_URL = serverUrl;
  process.env.TEST_DB_TEMPLATE = template;
  process.env.TEST_PARENT_PID = String(process.pid);
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify({ serverUrl, template, embeddedDataDir: embedded?.dataDir ?? null }));
  globalThis.__LEDGER_EMBEDDED__ = embedded;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
