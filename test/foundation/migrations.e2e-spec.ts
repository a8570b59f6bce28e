import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, withDatabase } from '../../libs/database/src/index.js';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase } from '../support/test-app.js';

/** Every migration's `down` is the exact reverse of its `up`: all the way down and back up. */
describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = await openDatabase(database.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await database?.drop();
  });

  /** Tables, views, functions, triggers, indexes and schemas the application created. */
  async function schemaObjects(): Promise<string[]> {
    const rows: { name: string }[] = await ds.query(`
      SELECT 'table ' || n.nspname || '.' || c.relname || ':' || c.relkind::text AS name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', 'staging', 'lines') AND c.relname <> 'schema_migrations' AND c.relname NOT LIKE 'schema_migrations%' AND c.relname NOT LIKE 'PK\_%' -- TypeORM's own table and its key
      UNION ALL
      SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      UNION ALL
      SELECT 'trigger ' || t.tgname FROM pg_trigger t WHERE NOT t.tgisinternal
      UNION ALL
      SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname IN ('staging', 'lines')
      ORDER BY 1`);
    return rows.map((r) => r.name);
  }

  it('undoes every migration to an empty schema and re-applies them to the same schema', async () => {
    const before = await schemaObjects();
    expect(before.length).toBeGreaterThan(20);
    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await schemaObjects()).toEqual([]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM schema_migrations`)).toEqual([{ n: 0 }]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await schemaObjects()).toEqual(before);
  });

  it('lists the migrations in timestamp order, one intent each', () => {
    const names = migrations.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(names).size).toBe(names.length);
  });

  it('four processes booting at once on one empty database migrate it once, and all start (issue 19)', async () => {
    // As two API and two worker processes of one deployment do when started together (or
    // restarted together onto a release with a new migration). Each DataSource has its own
    // connections, as a process has: without a lock they all run the first migration and
    // all but one fail on the objects the first one created.
    const server = process.env.TEST_DB_SERVER_URL!;
    const name = `ledger_t_${process.env.TEST_PARENT_PID}_${process.pid}_race_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const sources: DataSource[] = [];
    try {
      const opened = await Promise.allSettled(
        [0, 1, 2, 3].map(async () => {
          const source = await openDatabase(withDatabase(server, name), { poolSize: 1 });
          sources.push(source);
          return source;
        }),
      );
      expect(opened.map((o) => (o.status === 'fulfilled' ? 'started' : (o.reason as Error).message))).toEqual(['started', 'started', 'started', 'started']);
      const applied: { name: string }[] = await sources[0].query(`SELECT name FROM schema_migrations ORDER BY id`);
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    } finally {
      for (const source of sources) await source.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
