import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AnswerCache } from '../../libs/answer-cache/src/index.js';
import { createDataSource } from '../../libs/database/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http, type HttpResult } from '../support/http.js';
import { describeWithRedis, dropRedisKeys } from '../support/redis.js';
import { bootTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../support/test-app.js';
import { givenStatementWorld, type StatementWorld } from '../statements/support.js';

const HEADER = 'x-answer-cache';

/**
 * Answers of per-head reads kept by the heads (and counted changes) they were computed
 * from, shared by API processes (issue 19, item 1): two apps keeping answers in one store
 * on one database, and a third that keeps none (ANSWER_CACHE=off), the reference.
 */
function answerCacheSuite(mode: 'postgres' | 'redis') {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let off: TestApp;
  let w: StatementWorld;
  let envOfOne: Record<string, string>;
  const redis = mode === 'redis';

  beforeAll(async () => {
    database = await createTestDatabase();
    // Processes of one deployment share the log's signing key (checkpoints are signed as served).
    const env: Record<string, string> = {
      ANSWER_CACHE: mode,
      LOG_SIGNING_KEY: randomBytes(32).toString('base64'),
      ...(redis ? { QUEUE_PREFIX: `ledger-test-answers-${process.pid}-${Date.now()}` } : {}),
    };
    envOfOne = env;
    one = await bootTestApp({ database, redis, env });
    two = await bootTestApp({ database, redis, env, runWorkers: false });
    off = await bootTestApp({ database, redis, env: { ...env, ANSWER_CACHE: 'off' }, runWorkers: false });
    w = await givenStatementWorld(one);
  });
  afterAll(async () => {
    await off?.close();
    await two?.close();
    await one?.close();
    await database?.drop();
    if (redis && envOfOne?.QUEUE_PREFIX) await dropRedisKeys(`${envOfOne.QUEUE_PREFIX}:`);
  });

  const on = (app: TestApp, token?: string) => new Http(app.baseUrl, token);
  const statementPath = (year = 2025, extra = '') => `/v1/rights-holders/${w.holderA.id}/statement?year=${year}&currency=EUR${extra}`;
  /** The bytes of a GET (binary-safe), with its status and headers. */
  const bytes = async (app: TestApp, path: string, token?: string) => {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const how = (res: { headers: Headers }) => res.headers.get(HEADER);

  it('computes a statement once, then serves the same bytes from any process; the uncached app gives the same', async () => {
    const first = await on(one, w.tokens.holderA).get(statementPath());
    expect([first.status, how(first)]).toEqual([200, 'miss']);
    const again = await on(two, w.tokens.holderA).get(statementPath());
    expect([again.status, how(again)]).toEqual([200, 'hit']);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const reference = await on(off, w.tokens.holderA).get(statementPath());
    expect(how(reference)).toBeNull();
    expect(reference.text).toBe(first.text);
    expect(first.body.totals.lines).toBe(3);

    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['pdf', 'application/pdf'],
    ] as const) {
      const miss = await bytes(one, statementPath(2025, `&format=${format}`), w.tokens.holderA);
      const hit = await bytes(two, statementPath(2025, `&format=${format}`), w.tokens.holderA);
      const uncached = await bytes(off, statementPath(2025, `&format=${format}`), w.tokens.holderA);
      expect([miss.status, how(miss), hit.status, how(hit)]).toEqual([200, 'miss', 200, 'hit']);
      expect(hit.body.equals(miss.body)).toBe(true);
      for (const h of ['content-type', 'content-disposition']) expect([h, hit.headers.get(h)]).toEqual([h, uncached.headers.get(h)]);
      expect(hit.headers.get('content-type')).toContain(type);
      // The CSV is the same text; a PDF carries its creation time, so only its length is compared.
      if (format === 'csv') expect(hit.body.toString('utf8')).toBe(uncached.body.toString('utf8'));
      else expect(Math.abs(hit.body.length - uncached.body.length)).toBeLessThan(64);
    }
  });

  it('answers anew after a new head (a package committed), and the new answer is shared', async () => {
    const stored = async () => (redis ? 0 : ((await one.dataSource.query(`SELECT count(*)::int AS n FROM answer_cache`)) as { n: number }[])[0].n);
    const storedBefore = await stored();
    const before = (await on(two, w.tokens.holderA).get(statementPath())).body;
    expect(before.societies.find((s: { societyId: string }) => s.societyId === w.societyA.id).head.treeSize).toBe(2);
    await commit(on(one, w.tokens.societyA), w.societyA.id, 'distribution-lines', '2025Q2', [
      distribution({
        line_id: 'L-20', rights_holder_ipi: w.holderA.ipi, rights_holder_name: w.holderA.name, use_from: '2025-04-01', use_to: '2025-06-30',
        currency: 'RUB', gross: '100.00', management_fee: '10.00', other_deductions: '0.00', net: '90.00', paid_on: '2025-06-20',
      }),
    ]);
    const after = await on(two, w.tokens.holderA).get(statementPath());
    expect([after.status, how(after)]).toEqual([200, 'miss']);
    expect(after.body.totals.lines).toBe(before.totals.lines + 1);
    expect(after.body.societies.find((s: { societyId: string }) => s.societyId === w.societyA.id).head.treeSize).toBe(3);
    expect(after.text).toBe((await on(off, w.tokens.holderA).get(statementPath())).text);
    const shared = await on(one, w.tokens.holderA).get(statementPath());
    expect([how(shared), shared.text]).toEqual(['hit', after.text]);
    // The new answer took the old one's place: one row per question, not one per head.
    if (!redis) expect(await stored()).toBe(storedBefore);
  });

  it('answers anew after a change that comes without a head: an exchange rate recorded, a holder renamed', async () => {
    const before = await on(one, w.tokens.holderA).get(statementPath());
    expect(how(before)).toBe('hit');
    // L-1 of society A, paid 2025-03-30, now converts at the rate of 2025-03-20.
    const rates = await on(one, w.tokens.regulator).post('/v1/exchange-rates', 'date,currency,rate_to_eur\n2025-03-20,RUB,0.0110\n', { 'content-type': 'text/csv' });
    expect(rates.status).toBe(201);
    const after = await on(two, w.tokens.holderA).get(statementPath());
    expect([after.status, how(after)]).toEqual([200, 'miss']);
    expect(after.body.totals.revenueAttributed).not.toBe(before.body.totals.revenueAttributed);
    expect(after.text).toBe((await on(off, w.tokens.holderA).get(statementPath())).text);

    const renamed = await on(one, one.adminToken).request('PATCH', `/v1/rights-holders/${w.holderA.id}`, { name: 'Renamed, Holder' });
    expect(renamed.status).toBe(200);
    const named = await on(two, w.tokens.holderA).get(statementPath());
    expect([how(named), named.body.rightsHolderName]).toEqual(['miss', 'Renamed, Holder']);
  });

  it("never serves one tenant another's answer: each scope computes and keeps its own", async () => {
    const holderA = await on(one, w.tokens.holderA).get(statementPath());
    expect(how(holderA)).toBe('hit');
    // Another holder asking for A's statement: refused, not served A's kept answer.
    for (const app of [one, two]) {
      const other = await on(app, w.tokens.holderB).get(statementPath());
      expect([other.status, how(other)]).toEqual([404, 'miss']);
    }
    // Each member society sees its own part only, computed for it.
    for (const [token, societyId] of [
      [w.tokens.societyA, w.societyA.id],
      [w.tokens.societyB, w.societyB.id],
      [w.tokens.societyC, w.societyC.id],
    ] as const) {
      const first = await on(one, token).get(statementPath());
      expect([first.status, how(first)]).toEqual([200, 'miss']);
      expect(first.body.societies.map((s: { societyId: string }) => s.societyId)).toEqual([societyId]);
      const second = await on(two, token).get(statementPath());
      expect([how(second), second.text]).toEqual(['hit', first.text]);
      expect(second.text).toBe((await on(off, token).get(statementPath())).text);
      expect(second.text).not.toBe(holderA.text);
    }
    // A society the holder has nothing to do with: 404, however often it asks.
    const stranger = await givenSociety(on(one, one.adminToken));
    const strangerToken = await tokenFor(on(one, one.adminToken), 'society', { societyId: stranger.id });
    for (const app of [one, two]) expect((await on(app, strangerToken).get(statementPath())).status).toBe(404);
    // The admin's answer is its own entry too (the same figures as the holder's own).
    const admin = await on(two, two.adminToken).get(statementPath());
    expect([admin.status, how(admin)]).toEqual([200, 'miss']);
    expect(admin.body.totals).toEqual(holderA.body.totals);

    // A society's entitlement: kept for it; the other society asking gets its 404, not the kept answer.
    const settings = await on(one, w.tokens.societyA).request('PUT', `/v1/societies/${w.societyA.id}/governance-settings`, { boardSize: 5 });
    expect(settings.status).toBe(200);
    const entitlementPath = `/v1/societies/${w.societyA.id}/board/entitlement?from=2025-01-01&to=2025-12-31`;
    const own = await on(one, w.tokens.societyA).get(entitlementPath);
    expect([own.status, how(own)]).toEqual([200, 'miss']);
    expect(how(await on(two, w.tokens.societyA).get(entitlementPath))).toBe('hit');
    const foreign = await on(two, w.tokens.societyB).get(entitlementPath);
    expect([foreign.status, how(foreign)]).toEqual([404, 'miss']);
    // Its settings changed (a count per society, no head): answered anew, with the new board size.
    expect((await on(one, w.tokens.societyA).request('PUT', `/v1/societies/${w.societyA.id}/governance-settings`, { boardSize: 7 })).status).toBe(200);
    const resized = await on(two, w.tokens.societyA).get(entitlementPath);
    expect([how(resized), resized.body.boardSize]).toEqual(['miss', 7]);
    expect(resized.text).toBe((await on(off, w.tokens.societyA).get(entitlementPath)).text);
  });

  it('keeps the overview, checkpoints, heads, the public society list and transparency reports the same way', async () => {
    const cases: [string, string | undefined, string[]][] = [
      ['/v1/regulator/overview?financialYear=2025', w.tokens.regulator, []],
      [`/v1/societies/${w.societyA.id}/log/checkpoint`, undefined, []],
      [`/v1/societies/${w.societyA.id}/log/head`, undefined, []],
      ['/v1/public/societies?limit=50', undefined, []],
      [`/v1/societies/${w.societyA.id}/transparency-report?financialYear=2025`, undefined, ['x-report-sha256']],
      [`/v1/societies/${w.societyA.id}/transparency-report?financialYear=2025&format=csv`, undefined, ['x-report-sha256', 'content-disposition']],
    ];
    for (const [path, token, headers] of cases) {
      const miss = await bytes(one, path, token);
      const hit = await bytes(two, path, token);
      const uncached = await bytes(off, path, token);
      expect([path, miss.status, how(miss), hit.status, how(hit)]).toEqual([path, 200, 'miss', 200, 'hit']);
      expect([path, hit.body.toString('utf8')]).toEqual([path, uncached.body.toString('utf8')]);
      for (const h of ['content-type', ...headers]) expect([path, h, hit.headers.get(h)]).toEqual([path, h, uncached.headers.get(h)]);
    }
    // A process signing with another key (a rotation) does not serve the notes the others signed.
    const rotated = await bootTestApp({ database, redis, env: { ...envOfOne, LOG_SIGNING_KEY: randomBytes(32).toString('base64') }, runWorkers: false });
    try {
      const path = `/v1/societies/${w.societyA.id}/log/checkpoint`;
      const note = await bytes(rotated, path);
      expect([note.status, how(note)]).toEqual([200, 'miss']);
      expect(note.body.equals((await bytes(one, path)).body)).toBe(false);
    } finally {
      await rotated.close();
    }
    // A malformed id is the route's 400, never looked up nor kept.
    const malformed = await bytes(two, '/v1/societies/not-a-uuid/log/checkpoint');
    expect([malformed.status, how(malformed)]).toEqual([400, null]);
    // The overview is the regulator's: a society token is refused, not served it.
    const refused: HttpResult = await on(two, w.tokens.societyA).get('/v1/regulator/overview?financialYear=2025');
    expect(refused.status).toBe(403);
  });

  it('keeps at most ANSWER_CACHE_MAX_ENTRIES answers, the least recently stored going first', async () => {
    const bounded = new AnswerCache(one.dataSource, {
      mode,
      redisUrl: process.env.REDIS_URL,
      prefix: envOfOne.QUEUE_PREFIX ?? 'ledger',
      maxEntries: 2,
    });
    await bounded.onModuleInit();
    try {
      const newest = await on(two, w.tokens.holderA).get(statementPath(2024));
      expect(how(newest)).toBe('miss');
      await bounded.keepHouse();
      if (!redis) {
        const rows: { n: number }[] = await one.dataSource.query(`SELECT count(*)::int AS n FROM answer_cache`);
        expect(rows[0].n).toBe(2);
      }
      // The most recently stored answer stayed; an older one went.
      expect(how(await on(one, w.tokens.holderA).get(statementPath(2024)))).toBe('hit');
      expect(how(await on(one, w.tokens.regulator).get('/v1/regulator/overview?financialYear=2025'))).toBe('miss');
    } finally {
      await bounded.onModuleDestroy();
    }
  });
}

describe('answer cache, answers kept in PostgreSQL', () => answerCacheSuite('postgres'));
describeWithRedis('answer cache, answers kept in Redis', () => answerCacheSuite('redis'));

/**
 * A pooled connection plans the cache's lookup once and may keep that plan for its life.
 * Planned while answer_cache was nearly empty (a fresh deployment, after a crash, a
 * warm-up), the lookup must not scan the whole store later, once it holds thousands of
 * answers: it goes through the key's index whatever the sizes were at planning time
 * (migration 1765101400000). Before, a bench:statements run read 2.5 billion rows of
 * answer_cache by sequential scans and kept statements answered 12 times slower than
 * /health instead of about twice.
 */
describe('answer cache, plans that do not grow with the store', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: the plans it makes are the ones it keeps, and its transaction's counters are read below.
    dataSource = createDataSource(database.url, { poolSize: 1 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('looks answers up by their key, never by reading the store, though the store was empty when first asked', async () => {
    const cache = new AnswerCache(dataSource, { mode: 'postgres', prefix: 'ledger', maxEntries: 100_000 });
    const someone = { societies: [randomUUID()] } as const;
    // The store is empty and the statistics say so (as after a benchmark's or a deployment's
    // VACUUM ANALYZE, or autovacuum), and it is asked often enough while so for the
    // connection to keep one plan.
    await dataSource.query('VACUUM ANALYZE answer_cache');
    for (let i = 0; i < 12; i++) {
      expect((await cache.lookup(randomBytes(32), { societies: 'all' })).answer).toBeNull();
      expect((await cache.lookup(randomBytes(32), someone)).answer).toBeNull();
    }
    // The store grows (on another connection, and without ANALYZE, which would make the plans anew).
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query(
        `INSERT INTO answer_cache (base, fingerprint, headers, body)
         SELECT sha256(convert_to('question ' || i, 'UTF8')), sha256(convert_to('fingerprint', 'UTF8')), '{"content-type":"application/json"}', convert_to(repeat('x', 300), 'UTF8')
         FROM generate_series(1, 5000) AS i`,
      );
    } finally {
      await other.end();
    }
    const { fingerprint } = await cache.lookup(randomBytes(32), { societies: 'all' });
    const stored = Buffer.from(JSON.stringify({ kept: true }));
    const base = randomBytes(32);
    await cache.store(base, fingerprint, { headers: { 'content-type': 'application/json' }, body: stored });

    await dataSource.query('BEGIN');
    try {
      const hit = await cache.lookup(base, { societies: 'all' });
      expect(hit.answer?.body.equals(stored)).toBe(true);
      for (let i = 0; i < 3; i++) expect((await cache.lookup(randomBytes(32), someone)).answer).toBeNull();
      const [scans]: { seq: number; idx: number }[] = await dataSource.query(
        `SELECT seq_scan::int AS seq, idx_scan::int AS idx FROM pg_stat_xact_user_tables WHERE relname = 'answer_cache'`,
      );
      // (The counters may still hold this connection's earlier transactions: none scanned the store either.)
      expect(scans.seq).toBe(0);
      expect(scans.idx).toBeGreaterThanOrEqual(4);
    } finally {
      await dataSource.query('ROLLBACK');
    }
  });
});
