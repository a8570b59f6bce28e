import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenMandate } from '../mandates/factories.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');

/**
 * Cursors a client could forge: keys of the wrong type for every kind of list (a UUID, a
 * line key, an audit's [createdAt, id], a rate's "CUR day", a version number), and
 * things that are no cursor at all.
 */
const TAMPERED_CURSORS = [
  cursorOf('not-a-uuid'),
  cursorOf('00000000-0000-4000-8000-00000000000g'),
  cursorOf('["2025-13-45T99:00:00.000Z","00000000-0000-4000-8000-000000000000"]'),
  cursorOf('["x","y"]'),
  cursorOf('not json ['),
  cursorOf('EUR 2025-02-30'),
  cursorOf('-1'),
  cursorOf('99999999999999999999'),
  cursorOf('9999999999'),
  cursorOf(42),
  cursorOf({ nested: true }),
  Buffer.from('null').toString('base64url'),
  '%%%',
  'a'.repeat(2000),
];

/** Hostile query values and bodies answered 400 naming what is wrong, never 500 (issue 13, item 8). */
describe('malformed input is a 400, never a 500', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let mandateId: string;
  let submissionId: string;
  let webhookId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    mandateId = (await givenMandate(admin, cast.holderA.id, cast.societyA.id)).id;
    const submitted = await submitAndWait(admin.as(cast.tokens.societyA), cast.societyA.id, 'distribution-lines', '2025Q1', `${DIST_HEADER}\n${distLine({ currency: 'EUR' })}\n`);
    if (submitted.final.status !== 'committed') throw new Error(`fixture package: ${JSON.stringify(submitted.final)}`);
    submissionId = submitted.final.id;
    const webhook = await admin.post('/v1/webhooks', { url: 'http://127.0.0.1:9/malformed', events: ['audit.finished'], secret: 'malformed-secret-0123456789' });
    if (webhook.status !== 201) throw new Error(`fixture webhook: ${webhook.status} ${webhook.text}`);
    webhookId = webhook.body.id;
  });
  afterAll(async () => t?.close());

  /** Every GET route of the OpenAPI document that takes a cursor, with its path filled in. */
  function pagedRoutes(): string[] {
    const fill: Record<string, string> = {
      '/v1/societies/{id}': `/v1/societies/${cast.societyA.id}`,
      '/v1/rights-holders/{id}': `/v1/rights-holders/${cast.holderA.id}`,
      '/v1/mandates/{id}': `/v1/mandates/${mandateId}`,
      '/v1/submissions/{id}': `/v1/submissions/${submissionId}`,
      '/v1/webhooks/{id}': `/v1/webhooks/${webhookId}`,
    };
    const query: Record<string, string> = { '/v1/rights-holders/{id}/statement/lines': 'year=2025&' };
    const routes: string[] = [];
    for (const [path, item] of Object.entries(t.openApi.paths)) {
      const params = (item.get?.parameters ?? []) as { name?: string; in?: string }[];
      if (!params.some((p) => p.name === 'cursor' && p.in === 'query')) continue;
      let url = path;
      for (const [from, to] of Object.entries(fill)) if (url.startsWith(from)) url = to + url.slice(from.length);
      expect({ path, filled: !url.includes('{') }).toEqual({ path, filled: true });
      routes.push(`${url}?${query[path] ?? ''}cursor=`);
    }
    return routes;
  }

  it('refuses a tampered cursor on every list with a 400 naming cursor', async () => {
    const routes = pagedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const failures: string[] = [];
    for (const route of routes) {
      expect((await admin.get(`${route}`)).status).toBe(200); // the fixture itself is fine
      for (const cursor of TAMPERED_CURSORS) {
        const res = await admin.get(`${route}${encodeURIComponent(cursor)}`);
        const fields = Array.isArray(res.body?.errors) ? res.body.errors.map((e: { field?: string }) => e.field) : [];
        if (res.status !== 400 || !fields.includes('cursor')) failures.push(`${route}${cursor.slice(0, 60)}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('still follows the cursors it returned', async () => {
    const first = await admin.get('/v1/rights-holders?limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/v1/rights-holders?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id > first.body.items[0].id).toBe(true);
  });

  it('bounds integer query values: asOfTreeSize=1e20 and others beyond a safe integer are a 400 naming them', async () => {
    const huge = ['1e20', '100000000000000000000', '9007199254740993'];
    for (const value of huge) {
      const res = await admin.get(`/v1/societies/${cast.societyA.id}/transparency-report?financialYear=2025&asOfTreeSize=${value}`);
      expect({ value, status: res.status }).toEqual({ value, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOfTreeSize']);
    }
    const consistency = await admin.get(`/v1/societies/${cast.societyA.id}/log/consistency?first=1e20`);
    expect(consistency.status).toBe(400);
    const limit = await admin.get('/v1/societies?limit=1e20');
    expect(limit.status).toBe(400);
  });

  it('refuses JSON bodies nested thousands deep with a 400 naming body, storing nothing, and stays up', async () => {
    const audits = async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM audits`)) as { n: number }[])[0].n;
    const before = await audits();
    const deepRules = `{"societyId":"${cast.societyA.id}","financialYear":2025,"rules":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const res = await admin.request('POST', '/v1/audits', deepRules, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'must not nest deeper than 32 levels' }]);
    expect(await audits()).toBe(before);

    const deepParams = `{"params":{"monthsAfterYearEnd":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}}`;
    const params = await admin.request('PUT', '/v1/audit-rules/payout.distribution-deadline/parameters/FR', deepParams, { 'content-type': 'application/json' });
    expect(params.status).toBe(400);
    expect(params.body.errors[0].field).toBe('body');

    // Brackets inside strings are text, not nesting; a shallow bad body is still named by field.
    const inString = await admin.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025, rules: ['['.repeat(100)] });
    expect(inString.status).toBe(400);
    expect(inString.body.errors.map((e: { field: string }) => e.field)).toContain('rules[0]');
    const shallow = await admin.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025, rules: [[['x']]] });
    expect(shallow.status).toBe(400);
    expect(shallow.body.errors.map((e: { field: string }) => e.field).join()).toMatch(/rules/);

    expect((await admin.get('/health')).status).toBe(200);
  });
});
