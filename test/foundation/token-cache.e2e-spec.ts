import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { describeWithRedis, dropRedisKeys } from '../support/redis.js';
import { bootTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../support/test-app.js';

/**
 * Token lookups are reused by each API process for a short while (TokenCache), and a
 * revocation reaches every process at once: two apps on one database, the token used
 * (and kept) by the second, revoked through the first (issue 19, item 1).
 */
function tokenCacheSuite(redis: boolean) {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let adminOne: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env: Record<string, string> = redis ? { QUEUE_PREFIX: `ledger-test-tokens-${process.pid}` } : {};
    one = await bootTestApp({ database, redis, env });
    two = await bootTestApp({ database, redis, env, runWorkers: false });
    adminOne = new Http(one.baseUrl, one.adminToken);
    cast = await givenTenants(adminOne);
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await database?.drop();
    if (redis) await dropRedisKeys(`ledger-test-tokens-${process.pid}:`);
  });

  const issue = async (label: string) => {
    const res = await adminOne.post('/v1/tokens', { role: 'society', societyId: cast.societyA.id, label });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string };
  };
  /** Changes a token's row with the triggers off: nothing is announced, as if a process had missed it. */
  const unannounced = async (sql: string, params: unknown[]) => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL session_replication_role = replica`);
      await c.query(sql, params);
      await c.query('COMMIT');
    } finally {
      await c.end();
    }
  };
  const me = (app: TestApp, token: string) => new Http(app.baseUrl, token).get('/v1/me');

  it('reuses a lookup: an unannounced change of the row is not seen by the process that keeps it', async () => {
    const t = await issue('kept');
    expect((await me(two, t.token)).body).toMatchObject({ role: 'society', label: 'kept' });
    await unannounced(`UPDATE api_tokens SET label = 'relabelled' WHERE id = $1`, [t.id]);
    // The second process answers from its cache; the first looks the token up.
    expect((await me(two, t.token)).body).toMatchObject({ label: 'kept' });
    expect((await me(one, t.token)).body).toMatchObject({ label: 'relabelled' });
  });

  it('refuses a revoked token at once in a process that had it cached, whichever process revoked it', async () => {
    const t = await issue('revoked through one');
    expect((await me(two, t.token)).status).toBe(200);
    await unannounced(`UPDATE api_tokens SET label = 'still cached' WHERE id = $1`, [t.id]);
    expect((await me(two, t.token)).body).toMatchObject({ label: 'revoked through one' }); // kept by the second process
    const revoked = await adminOne.request('DELETE', `/v1/tokens/${t.id}`);
    expect(revoked.status).toBe(200);
    expect((await me(two, t.token)).status).toBe(401);
    expect((await me(one, t.token)).status).toBe(401);

    const u = await issue('revoked through two');
    expect((await me(one, u.token)).status).toBe(200);
    expect((await me(two, u.token)).status).toBe(200);
    expect((await new Http(two.baseUrl, two.adminToken).request('DELETE', `/v1/tokens/${u.id}`)).status).toBe(200);
    expect((await me(one, u.token)).status).toBe(401);
    expect((await me(two, u.token)).status).toBe(401);
  });

  it("refuses a society's own revoked token at once, revoked with that token, on the other process", async () => {
    const t = await issue('self-revoked');
    expect((await me(two, t.token)).status).toBe(200);
    expect((await new Http(one.baseUrl, t.token).request('DELETE', `/v1/tokens/${t.id}`)).status).toBe(200);
    expect((await me(two, t.token)).status).toBe(401);
  });
}

describe('token cache, jobs in-process', () => tokenCacheSuite(false));
describeWithRedis('token cache, with Redis', () => tokenCacheSuite(true));
