import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TokenService } from '../../libs/auth/src/index.js';
import { DomainError } from '../../libs/errors/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Tokens expire (expiresAt, expiresInDays, TOKEN_MAX_LIFETIME_DAYS) and are revoked through the API (issue 13, item 9). */
describe('tokens: expiry, listing and revocation', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp({ env: { TOKEN_MAX_LIFETIME_DAYS: '90' } });
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
  });
  afterAll(async () => t?.close());

  const issue = async (body: Record<string, unknown>) => admin.post('/v1/tokens', { role: 'society', societyId: cast.societyA.id, label: 'expiry test', ...body });
  const tokenCount = async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM api_tokens`)) as { n: number }[])[0].n;

  it('gives every new token an expiry: TOKEN_MAX_LIFETIME_DAYS by default, expiresInDays or expiresAt within it', async () => {
    const byDefault = await issue({});
    expect(byDefault.status).toBe(201);
    expect(Math.abs(Date.parse(byDefault.body.expiresAt) - (Date.now() + 90 * DAY_MS))).toBeLessThan(60_000);

    const inDays = await issue({ expiresInDays: 7 });
    expect(inDays.status).toBe(201);
    expect(Math.abs(Date.parse(inDays.body.expiresAt) - (Date.now() + 7 * DAY_MS))).toBeLessThan(60_000);

    const at = new Date(Date.now() + 3 * DAY_MS).toISOString();
    const atGiven = await issue({ expiresAt: at });
    expect(atGiven.status).toBe(201);
    expect(atGiven.body.expiresAt).toBe(at);
  });

  it('refuses an expiry in the past, beyond the maximum, both forms at once or malformed, storing nothing', async () => {
    const before = await tokenCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ expiresAt: new Date(Date.now() + 91 * DAY_MS).toISOString() }, 'expiresAt'],
      [{ expiresInDays: 91 }, 'expiresInDays'],
      [{ expiresInDays: 0 }, 'expiresInDays'],
      [{ expiresInDays: 1.5 }, 'expiresInDays'],
      [{ expiresInDays: 1e20 }, 'expiresInDays'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: new Date(Date.now() + DAY_MS).toISOString(), expiresInDays: 1 }, 'expiresInDays'],
    ];
    for (const [body, field] of cases) {
      const res = await issue(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await tokenCount()).toBe(before);
  });

  it('refuses an expiry the database clock has already passed with a validation error, not a constraint error', async () => {
    const tokens = t.app.get(TokenService);
    const before = await tokenCount();
    // 1 ms ahead of the API's clock when it checks; the society lookup that follows takes
    // longer, so the database's now() (created_at) has passed it when the row is inserted.
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const issued = tokens.issue({ role: 'society', societyId: cast.societyA.id, label: 'clock', expiresAt: new Date(Date.now() + 1).toISOString() });
      outcomes.push(await issued.then(() => 'issued', (error: unknown) => (error instanceof DomainError ? `${error.code}: ${error.errors.map((e) => e.field).join()}` : String(error))));
    }
    expect(outcomes).toContain('validation: expiresAt');
    expect(outcomes.filter((o) => o !== 'issued' && o !== 'validation: expiresAt')).toEqual([]);
    expect(await tokenCount()).toBe(before + outcomes.filter((o) => o === 'issued').length);
  });

  it('refuses an expired token with 401 saying it expired', async () => {
    const res = await issue({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(res.status).toBe(201);
    const client = admin.as(res.body.token);
    expect((await client.get('/v1/me')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const expired = await client.get('/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(expired.body.detail).toMatch(/expired at \d{4}-\d{2}-\d{2}T/);
    const listed = await admin.as(cast.tokens.societyA).get('/v1/tokens?limit=500');
    expect(listed.body.items.find((i: { id: string }) => i.id === res.body.id)).toMatchObject({ status: 'expired' });
  });

  it('lists the tokens a caller manages, never their secret: a society its own, a holder its own, an admin all', async () => {
    const own = await admin.as(cast.tokens.societyA).get('/v1/tokens?limit=500');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    for (const item of own.body.items) {
      expect(item.societyId).toBe(cast.societyA.id);
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'label', 'revokedAt', 'rightsHolderId', 'role', 'societyId', 'status']);
    }
    expect(own.text).not.toContain(cast.tokens.societyA);

    const holder = await admin.as(cast.tokens.holderA).get('/v1/tokens');
    expect(holder.body.items.map((i: { rightsHolderId: string }) => i.rightsHolderId)).toEqual([cast.holderA.id]);

    const all = await admin.get('/v1/tokens?limit=500');
    expect(new Set(all.body.items.map((i: { role: string }) => i.role))).toEqual(new Set(['regulator', 'society', 'rights-holder']));
    // Paged by id with an opaque cursor.
    const first = await admin.get('/v1/tokens?limit=2');
    const second = await admin.get(`/v1/tokens?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id > first.body.items[1].id).toBe(true);

    expect((await admin.as(cast.tokens.regulator).get('/v1/tokens')).status).toBe(403);
  });

  it("revokes at once: a society and a holder their own tokens, an admin any; another tenant's is a 404", async () => {
    const societyToken = (await issue({ label: 'to revoke' })).body as { id: string; token: string };
    const victim = admin.as(societyToken.token);
    expect((await victim.get('/v1/me')).status).toBe(200);

    // Another society, a rights holder and a regulator cannot touch it (and learn nothing).
    expect((await admin.as(cast.tokens.societyB).request('DELETE', `/v1/tokens/${societyToken.id}`)).status).toBe(404);
    expect((await admin.as(cast.tokens.holderA).request('DELETE', `/v1/tokens/${societyToken.id}`)).status).toBe(404);
    expect((await admin.as(cast.tokens.regulator).request('DELETE', `/v1/tokens/${societyToken.id}`)).status).toBe(403);
    expect((await victim.get('/v1/me')).status).toBe(200);

    const revoked = await admin.as(cast.tokens.societyA).request('DELETE', `/v1/tokens/${societyToken.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: societyToken.id, status: 'revoked' });
    const refused = await victim.get('/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
    // Again: nothing changes.
    const again = await admin.as(cast.tokens.societyA).request('DELETE', `/v1/tokens/${societyToken.id}`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    // A rights holder revokes its own token (here: the one it presents).
    const holderToken = (await admin.post('/v1/tokens', { role: 'rights-holder', rightsHolderId: cast.holderB.id, label: 'holder B, second' })).body as { id: string; token: string };
    expect((await admin.as(holderToken.token).request('DELETE', `/v1/tokens/${holderToken.id}`)).status).toBe(200);
    expect((await admin.as(holderToken.token).get('/v1/me')).status).toBe(401);

    // An admin revokes anyone's.
    const regulatorToken = (await admin.post('/v1/tokens', { role: 'regulator', label: 'regulator, second' })).body as { id: string; token: string };
    expect((await admin.request('DELETE', `/v1/tokens/${regulatorToken.id}`)).status).toBe(200);
    expect((await admin.as(regulatorToken.token).get('/v1/me')).status).toBe(401);

    expect((await admin.request('DELETE', `/v1/tokens/${UNKNOWN_ID}`)).status).toBe(404);
    const bad = await admin.request('DELETE', '/v1/tokens/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });
});
