import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const serverUrl = process.env.TEST_DB_SERVER_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const mine = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ $1`, [`^ledger_(tpl|t)_${process.pid}_?`]);
    for (const { datname } of mine.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  const embedded = globalThis.__LEDGER_EMBEDDED__;
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dataDir, { recursive: true, force: true });
    // As root from a private folder the cluster lives outside the data folder (libs/database).
    if (!embedded.clusterDir.startsWith(embedded.dataDir)) rmSync(path.dirname(embedded.clusterDir), { recursive: true, force: true });
  }
}
