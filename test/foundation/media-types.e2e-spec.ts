import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13, item 1: a JSON route sent a package media type (text/csv, JSON Lines, multipart)
 * was handed the raw request stream, which class-transformer walked into Node's native
 * handles and aborted the process. Only the routes that take a streamed body accept these
 * types; every other write route answers 415 and the service stays up.
 */

/** The routes that read their body as a stream, and the media types each takes. */
const STREAMED: Record<string, string[]> = {
  'POST /v1/societies/:id/submissions': ['text/csv', 'application/csv', 'application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'multipart/form-data'],
  'POST /v1/exchange-rates': ['text/csv', 'application/csv'],
};

const BODIES: Record<string, { contentType: string; body: string }> = {
  csv: { contentType: 'text/csv', body: 'a,b\n1,2\n' },
  ndjson: { contentType: 'application/x-ndjson', body: '{"a":"1"}\n' },
  jsonl: { contentType: 'application/jsonl; charset=utf-8', body: '{"a":"1"}\n' },
  multipart: { contentType: 'multipart/form-data; boundary=XyZ', body: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\n--XyZ--\r\n' },
};

describe('package media types reach only the routes that take packages', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
  });
  afterAll(async () => t?.close());

  const writeRoutes = () => t.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.url.startsWith('/v1/'));

  it('every other write route answers 415 to each package media type, for every role, and /health stays up', async () => {
    const routes = writeRoutes().filter((r) => !STREAMED[`${r.method} ${r.url}`]);
    expect(routes.length).toBeGreaterThan(10);
    const tokens = [cast.tokens.admin, cast.tokens.holderA, cast.tokens.societyA];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? cast.holderA.id : randomUUID()));
      for (const [kind, { contentType, body }] of Object.entries(BODIES)) {
        for (const token of tokens) {
          const res = await new Http(t.baseUrl, token).request(route.method, url, body, { 'content-type': contentType });
          if (res.status !== 415) throw new Error(`${route.method} ${route.url} with ${kind}: ${res.status} ${res.text.slice(0, 200)}`);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body.detail).toContain('application/json');
        }
      }
    }
    const health = await new Http(t.baseUrl).get('/health');
    expect(health.status).toBe(200);
  });

  it('the streamed routes still take their own media types and refuse the others with 415', async () => {
    for (const key of Object.keys(STREAMED)) {
      expect(writeRoutes().map((r) => `${r.method} ${r.url}`)).toContain(key);
    }
    const societyA = new Http(t.baseUrl, cast.tokens.societyA);
    const ok = await societyA.post(
      `/v1/societies/${cast.societyA.id}/submissions?type=deductions&period=2025Q3`,
      'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,x\n',
      { 'content-type': 'text/csv' },
    );
    expect(ok.status).toBe(202);
    const ndjsonToRates = await new Http(t.baseUrl, t.adminToken).post('/v1/exchange-rates', BODIES.ndjson.body, { 'content-type': BODIES.ndjson.contentType });
    expect(ndjsonToRates.status).toBe(415);
    expect(ndjsonToRates.body.detail).toContain('text/csv');
  });

  it('a JSON body still reaches a JSON route', async () => {
    const res = await new Http(t.baseUrl, t.adminToken).post('/v1/tokens', { role: 'regulator', label: 'still json' });
    expect(res.status).toBe(201);
  });
});
