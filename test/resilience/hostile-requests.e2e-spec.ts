import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenMandate } from '../mandates/factories.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { cleanEnv, run, type Running } from '../support/process.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * Drill: one request must never take the service down. Every route the app registers
 * (createApp's `routes`, the route matrix's list) gets hostile requests with a
 * credential its roles admit (the admin's where it may): every package media type (text/csv, JSON Lines)
 * and other wrong content types to JSON routes, broken, huge and deeply nested JSON,
 * prototype keys, NUL and lone surrogates, garbage bytes, bogus encodings, and garbage
 * query strings. They go to a real server process (`npm start`'s entrypoint), and after
 * each route's batch the process must be alive and GET /health answer 200.
 *
 * A route that kills the process is noted and the server restarted, so one run lists
 * every such route. 5xx answers are listed on stdout (they are bugs, but not this
 * drill's: it is about availability).
 */

interface Hostile {
  name: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** The hostile requests sent to every route (bodies go with GET and DELETE too). */
function hostileRequests(): Hostile[] {
  const json = (name: string, text: string | Buffer, extra: Record<string, string> = {}): Hostile => ({
    name,
    headers: { 'content-type': 'application/json', ...extra },
    body: Buffer.isBuffer(text) ? text : Buffer.from(text),
  });
  const as = (type: string, text: string | Buffer, name = type): Hostile => ({ name, headers: { 'content-type': type }, body: Buffer.isBuffer(text) ? text : Buffer.from(text) });
  return [
    as('text/csv', 'a,b\n1,2\n'),
    as('text/csv; charset=utf-8', '{"role":"admin"}', 'JSON sent as text/csv'),
    as('application/csv', 'x\n'),
    as('application/x-ndjson', '{"a":1}\n{"b":2}\n'),
    as('application/ndjson', '{"submissionId":"x","lineId":"y"}\n'),
    as('application/jsonl', '[1,2]\n'),
    as('application/x-jsonlines', '\n'),
    as('text/plain', 'hello'),
    as('application/x-www-form-urlencoded', 'role=admin&label=x'),
    as('multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n--xyz--\r\n'),
    as('multipart/form-data', 'no boundary at all', 'multipart without a boundary'),
    as('application/octet-stream', randomBytes(512)),
    as('application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
    { name: 'a body without content type', headers: {}, body: Buffer.from('{"a":1}') },
    json('broken JSON', '{"a":'),
    json('JSON array', '[{"a":1}]'),
    json('JSON string', '"x"'),
    json('JSON number', '1e400'),
    json('JSON null', 'null'),
    json('empty JSON body', ''),
    json('prototype keys', '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}}}'),
    json('NUL and lone surrogates', '{"name":"a\\u0000b","label":"\\ud800","role":"\\udfff"}'),
    json('wrong types', '{"name":[],"role":{},"societyId":1e308,"financialYear":-1e20,"params":{"monthsAfterYearEnd":"9"},"parties":"x","seats":1.5}'),
    json('JSON nested 5,000 deep', nested(5000)),
    json('rules nested 10,000 deep', `{"params":${nested(10_000)},"rules":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    json('JSON over the body limit', `{"name":"${'x'.repeat(1_100_000)}"}`),
    json('many keys', `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`),
    json('gzip-encoded JSON', gzipSync('{"a":1}'), { 'content-encoding': 'gzip' }),
    json('JSON claiming gzip', '{"a":1}', { 'content-encoding': 'gzip' }),
    json('unknown content encoding', '{"a":1}', { 'content-encoding': 'br, deflate, x-evil' }),
    json('JSON declared UTF-16', Buffer.from('{"a":1}', 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }),
    json('JSON with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])),
    as('application/problem+json', '{"type":"x"}'),
    as('application/vnd.api+json', '{"data":{}}'),
    as('text/csv', gzipSync(gzipSync('a,b\n1,2\n')), 'double gzip as text/csv'),
  ];
}

/** Query strings of garbage values for the parameters routes read. */
const HOSTILE_QUERY =
  '?cursor=%00%ff..%2F&limit=-1&asOfTreeSize=1e20&treeSize=NaN&first=-5&second=1e308&year=abc&financialYear=99999999999&period=2025Q9&type=../../etc&currency=%E2%80%AE&format=pdf%00&from=2025-02-30&to=x&leafIndex=1.5&at=%uD800';

/** A request through node:http (bodies on any method, no client-side checks), with a time limit. */
function send(base: string, method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${url}`, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: 15_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ error: e.message }));
    if (body) req.write(body);
    req.end();
  });
}

describe('drill: a hostile request to any route never takes /health down (server process)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let routes: { method: string; url: string }[];
  let roles: Map<string, string[]>;
  let adminToken: string;
  let fill: (url: string) => string;
  let tokens: Record<string, string>;
  let server: Running | null = null;
  let base = '';
  const started: Running[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-hostile-'));
    chmodSync(dataDir, 0o755);
    // The in-test app seeds the tenants and tells the routes; the drill runs against a server process on the same data.
    const t = await bootTestApp({ database, dataDir });
    try {
      adminToken = t.adminToken;
      const admin = new Http(t.baseUrl, t.adminToken);
      const cast = await givenTenants(admin);
      const mandate = await givenMandate(admin.as(cast.tokens.holderA), cast.holderA.id, cast.societyB.id, {}, admin.as(cast.tokens.societyB));
      const submission = await submitAndWait(admin.as(cast.tokens.societyA), cast.societyA.id, 'deductions', '2025Q1', 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,drill\n');
      const audit = await admin.as(cast.tokens.societyA).post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025 });
      tokens = { admin: cast.tokens.admin, regulator: cast.tokens.regulator, society: cast.tokens.societyA, 'rights-holder': cast.tokens.holderA };
      routes = t.routes.filter((r) => r.method !== 'OPTIONS');
      roles = new Map();
      for (const [p, ops] of Object.entries(t.openApi.paths)) {
        for (const [method, op] of Object.entries(ops as Record<string, { 'x-roles'?: string[] }>)) roles.set(`${method.toUpperCase()} ${p}`, op['x-roles'] ?? []);
      }
      // Each parameter points at a resource of tenant A (an unknown name gets a fresh uuid: a 404 is fine).
      const byName: Record<string, string> = {
        'submissions/:id': submission.final.id,
        'societies/:id': cast.societyA.id,
        'rights-holders/:id': cast.holderA.id,
        'mandates/:id': mandate.id,
        'audits/:id': audit.body.id,
        'lines/:lineId': 'D1',
        'templates/:file': 'income.csv',
        'audit-rules/:ruleId': 'payout.distribution-deadline',
        'parameters/:jurisdiction': 'FR',
      };
      fill = (url) =>
        url
          .replace(/([\w-]+)\/:(\w+)/g, (whole, segment: string) => `${segment}/${byName[whole] ?? randomUUID()}`)
          .replace(/:(\w+)/g, () => randomUUID())
          .replace(/\*$/, 'anything/at/all');
    } finally {
      await t.close();
    }
    await startServer();
  });

  afterAll(async () => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGKILL');
        await s.exited();
      }
    }
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function startServer(): Promise<void> {
    server = run(
      'dist/apps/api/src/main.js',
      cleanEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PORT: '0', DEMO: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' }),
    );
    started.push(server);
    const [, url] = await server.waitFor(/API\s+(http:\/\/\S+)\/v1/);
    base = url.replace('localhost', '127.0.0.1');
  }

  const alive = () => server !== null && server.child.exitCode === null && server.child.signalCode === null;

  async function healthy(): Promise<boolean> {
    if (!alive()) return false;
    const res = await send(base, 'GET', '/health', {});
    return 'status' in res && res.status === 200;
  }

  it('answers /health with 200 after every route has had its hostile requests', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const hostile = hostileRequests();
    const downed: string[] = [];
    const serverErrors = new Map<string, number>();
    let sent = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`;
      const allowed = roles.get(key) ?? [];
      // A credential the route admits, so the request reaches its body validation (a public route: none).
      const role = ['admin', 'society', 'rights-holder', 'regulator'].find((r) => allowed.includes(r));
      const credentials: [string, Record<string, string>][] = [role ? [role, { authorization: `Bearer ${tokens[role]}` }] : ['anonymous', {}]];
      let down = false;
      for (const [who, auth] of credentials) {
        for (const h of [...hostile, { name: 'garbage query', headers: {}, body: undefined } as Hostile]) {
          if (down) break; // one way down per route is enough to name it (and restarts cost seconds)
          const url = fill(route.url) + (h.name === 'garbage query' ? HOSTILE_QUERY : '');
          const res = await send(base, route.method, url, { ...h.headers, ...auth });
          sent++;
          if ('status' in res && res.status >= 500) serverErrors.set(`${key} (${h.name}, ${who}): ${res.status}`, res.status);
          if ('error' in res || !alive()) {
            if (!(await healthy())) {
              const exit = await Promise.race([server!.exited(), new Promise((r) => setTimeout(() => r('still running'), 2000))]);
              down = true;
              downed.push(`${key} as ${who} with ${h.name}: ${'error' in res ? res.error : `status ${res.status}`}; exit ${String(exit)}; last output: ${server!.output().slice(-300).replace(/\s+/g, ' ')}`);
              if (alive()) {
                server!.child.kill('SIGKILL');
                await server!.exited();
              }
              await startServer();
            }
          }
        }
      }
      // After each route's batch: still the same process, still healthy.
      if (!(await healthy())) {
        downed.push(`${key}: /health did not answer 200 after its batch`);
        if (alive()) server!.child.kill('SIGKILL');
        await startServer();
      }
    }
    if (serverErrors.size > 0) process.stdout.write(`[hostile] ${serverErrors.size} answers were 5xx (not availability, listed for the record):\n  ${[...serverErrors.keys()].join('\n  ')}\n`);
    process.stdout.write(`[hostile] ${sent} requests over ${routes.length} routes; the server went down ${downed.length} time(s)\n`);
    expect(downed).toEqual([]);
    expect(await healthy()).toBe(true);
  }, 600_000);
});
