import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenMandate } from '../mandates/factories.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { sampleWork, sampleWorkRecords, workOfRecords } from '../../libs/cwr/src/index.js';
import { recordRegistration } from '../../libs/works/src/index.js';

/**
 * Enumerates every route the app registers and proves, for each: it is in the OpenAPI
 * document with its roles; no token → 401; every role it does not name → 403; and a
 * tenant-bound role aimed at another tenant's resource → 403 or 404. A new route without
 * a guard, roles or a tenant fixture below fails this suite.
 */

// '/', '/assets' and '/*' are the web dashboard (apps/api/src/web): public static files.
// '/v1/log/keys' is the log's public keys, which anyone needs to check a proof offline.
/** Public by prefix: docs, health, the dashboard, the log keys, and each society's log as C2SP tlog-tiles (/logs/{id}/…: published to the world, Art. 22). */
const PUBLIC_PREFIXES = ['/docs', '/health', '/', '/assets', '/*', '/v1/log/keys', '/logs'];

/**
 * Single public routes (method and path) under otherwise guarded paths:
 * - a society's board declarations are public (Directive 2014/26/EU Art. 10(2): owed to
 *   the general assembly; the remuneration is in the public report, Annex 1(f)); recording
 *   one (POST) is not.
 * - the society logs' heads, checkpoints (with their cosignatures) and consistency proofs,
 *   the list of societies with their latest checkpoints, and the annual transparency report
 *   (Art. 22(1): published to the world; issue 15): anyone checks a log without a token.
 * - one society's public entry (name, codes, currency, financial year end: what its
 *   transparency report states anyway) with its checkpoint: the report page reads it.
 */
const PUBLIC_ROUTES = new Set([
  'GET /v1/societies/{id}/board/declarations',
  'GET /v1/public/societies',
  'GET /v1/public/societies/{id}',
  'GET /v1/societies/{id}/log/head',
  'GET /v1/societies/{id}/log/checkpoint',
  'GET /v1/societies/{id}/log/consistency',
  'GET /v1/societies/{id}/transparency-report',
]);

/**
 * Society routes every rights holder may read, whichever society: the registry entry
 * (holders choose among societies) and the board entitlement with the settings it is
 * computed from (board fairness is public to members; only per-constituency sums).
 */
const SOCIETY_ROUTES_PUBLIC_TO_RIGHTS_HOLDERS = new Set([
  'GET /v1/societies/{id}',
  'GET /v1/societies/{id}/board/entitlement',
  'GET /v1/societies/{id}/governance-settings',
  // A society's mandate policy (notice, categories managed, days to answer, opt-out rule): holders choose by it (issue 14).
  'GET /v1/societies/{id}/mandate-policy',
]);

/** The tenants, and a mandate of holder A held at society B (so society A sees neither). */
type Cast = Awaited<ReturnType<typeof givenTenants>> & { mandateOfHolderA: string; submissionOfSocietyA: string; auditOfSocietyA: string; tokenOfSocietyA: string; claimOnSocietyA: string; workOfSocietyA: string } & NotificationCast;

/** Society A's notification, webhook, e-mail subscription and webhook delivery (issue 17 item 5). */
type NotificationCast = { notificationOfSocietyA: string; webhookOfSocietyA: string; emailSubscriptionOfSocietyA: string; deliveryOfSocietyA: string };

/** A CSV request body (sent as text/csv). */
class Csv {
  constructor(readonly text: string) {}
}

const DEDUCTIONS_CSV = 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,matrix\n';
/** An unidentified line of society A, which holder B claims (so neither society B nor holder A may read or answer the claim). */
const UNIDENTIFIED_CSV =
  'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis\n' +
  'U-1,,Unknown (cue sheet 1),,Untitled,performing,radio,FR,2025-01-01,2025-03-31,EUR,10.00,1.00,0.00,9.00,unidentified,,non-contractual\n';

/** Query strings a route needs to get past input validation to its tenant check. */
const QUERY_FIXTURES: Record<string, string> = {
  'POST /v1/societies/{id}/submissions': '?type=deductions&period=2025Q3',
  'GET /v1/rights-holders/{id}/statement': '?year=2025&currency=EUR',
  'GET /v1/rights-holders/{id}/statement/lines': '?year=2025',
  'GET /v1/inter-society/matches': '?financialYear=2025',
  'GET /v1/inter-society/matrix': '?financialYear=2025',
  'GET /v1/societies/{id}/transparency-report': '?financialYear=2025',
  'GET /v1/societies/{id}/log/consistency': '?first=0',
  'GET /v1/search': '?q=Holder',
  'GET /v1/works/{id}/money': '?financialYear=2025',
};

/**
 * For each path parameter: the resource of tenant A it should point at, and which
 * tenant owns it. A route whose parameter is not listed here fails the suite: add one.
 */
function paramFixtures(cast: Cast): Record<string, { value: string; owner: 'society' | 'rights-holder' | 'nobody' }> {
  return {
    'submissions/{id}': { value: cast.submissionOfSocietyA, owner: 'society' },
    'lines/{lineId}': { value: 'D1', owner: 'society' },
    'templates/{file}': { value: 'income.csv', owner: 'nobody' },
    'societies/{id}': { value: cast.societyA.id, owner: 'society' },
    'rights-holders/{id}': { value: cast.holderA.id, owner: 'rights-holder' },
    'mandates/{id}': { value: cast.mandateOfHolderA, owner: 'rights-holder' },
    'audits/{id}': { value: cast.auditOfSocietyA, owner: 'society' },
    'tokens/{id}': { value: cast.tokenOfSocietyA, owner: 'society' },
    'audit-rules/{ruleId}': { value: 'payout.distribution-deadline', owner: 'nobody' },
    'parameters/{jurisdiction}': { value: 'FR', owner: 'nobody' },
    // A claim on society A's line, made by holder B: society A's to answer.
    'claims/{id}': { value: cast.claimOnSocietyA, owner: 'society' },
    'notifications/{id}': { value: cast.notificationOfSocietyA, owner: 'society' },
    'webhooks/{id}': { value: cast.webhookOfSocietyA, owner: 'society' },
    'email-subscriptions/{id}': { value: cast.emailSubscriptionOfSocietyA, owner: 'society' },
    'notification-deliveries/{id}': { value: cast.deliveryOfSocietyA, owner: 'society' },
    'works/{id}': { value: cast.workOfSocietyA, owner: 'society' },
  };
}

/** A valid body for each write route, so the refusal is about the tenant, not the input. */
function bodyFixtures(cast: Cast): Record<string, unknown> {
  return {
    'POST /v1/societies/{id}/submissions': new Csv(DEDUCTIONS_CSV),
    'POST /v1/tokens': { role: 'regulator', label: 'matrix' },
    'POST /v1/societies': { name: 'Matrix', cisacCode: '777', country: 'DE', currency: 'EUR', fyEndMonth: 12, fyEndDay: 31 },
    'POST /v1/societies/{id}/accreditations': { authority: 'A', scope: 'S', validFrom: '2020-01-01', validTo: '2029-12-31' },
    'POST /v1/societies/{id}/board-members': { memberId: 'M', name: 'N', constituency: 'authors', seatFrom: '2024-01-01' },
    'POST /v1/rights-holders': { name: 'Matrix', ipi: '00052210040', kind: 'author', country: 'FR' },
    'PATCH /v1/rights-holders/{id}': { name: 'Matrix' },
    'POST /v1/rights-holders/{id}/mandates': { societyId: cast.societyB.id, category: 'mechanical', workType: 'musical', territories: ['DE'], validFrom: '2024-01-01', basis: 'contractual', exclusive: false },
    'POST /v1/mandates/{id}/termination': { requestedOn: '2025-01-15' },
    'POST /v1/mandates/{id}/opt-out': { requestedOn: '2025-01-15' },
    'POST /v1/mandates/{id}/acceptance': {},
    'POST /v1/mandates/{id}/refusal': { reason: 'matrix' },
    'PUT /v1/societies/{id}/mandate-policy': { noticeMonths: 3, terminateAtFinancialYearEnd: false },
    'PUT /v1/societies/{id}/contact': { email: 'matrix@example.org', website: 'https://example.org' },
    'POST /v1/apportionment': { method: 'dhondt', seats: 3, parties: [{ name: 'A', votes: '10' }, { name: 'B', votes: '5.5' }] },
    'PUT /v1/societies/{id}/governance-settings': { boardSize: 7, method: 'sainte-lague', lookbackYears: 3 },
    'POST /v1/societies/{id}/verify': {},
    'POST /v1/exchange-rates': new Csv('date,currency,rate_to_eur\n2025-01-02,SEK,0.087\n'),
    'POST /v1/rights-holders/{id}/claims': { submissionId: cast.submissionOfSocietyA, lineId: 'D1' },
    'POST /v1/claims/{id}/acceptance': {},
    'POST /v1/webhooks': { url: 'https://example.org/matrix', events: ['audit.finished'], secret: 'matrix-secret-0123456789' },
    'POST /v1/me/email-subscriptions': { address: 'matrix@example.org', events: ['audit.finished'] },
    'POST /v1/me/notifications/read-all': {},
    'POST /v1/me/notifications/{id}/read': {},
    'POST /v1/me/notification-deliveries/{id}/retry': {},
    'POST /v1/claims/{id}/refusal': { reason: 'matrix' },
    'POST /v1/claims/{id}/payment': { submissionId: cast.submissionOfSocietyA, lineId: 'D1' },
    'POST /v1/audits': { societyId: cast.societyA.id, financialYear: 2025 },
    'PUT /v1/audit-rules/{ruleId}/parameters/{jurisdiction}': { params: { monthsAfterYearEnd: 9 } },
    'POST /v1/societies/{id}/board/declarations': { memberId: 'M', year: 2025, interests: 'none', remuneration: '0', currency: 'EUR', amountsAsRightholder: '0', conflicts: 'none' },
  };
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('route matrix', () => {
  let t: TestApp;
  let cast: Cast;
  let http: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    http = new Http(t.baseUrl);
    const tenants = await givenTenants(http.as(t.adminToken));
    const mandate = await givenMandate(http.as(tenants.tokens.holderA), tenants.holderA.id, tenants.societyB.id, {}, http.as(tenants.tokens.societyB));
    // A webhook nobody answers (the discard port), so its delivery of the commit below stays pending.
    const webhook = await http.as(tenants.tokens.societyA).post('/v1/webhooks', { url: 'http://127.0.0.1:9/matrix', events: ['submission.committed'], secret: 'matrix-secret-0123456789' });
    const emailSubscription = await http.as(tenants.tokens.societyA).post('/v1/me/email-subscriptions', { address: 'matrix@example.org', events: ['submission.committed'] });
    const submission = await submitAndWait(http.as(tenants.tokens.societyA), tenants.societyA.id, 'deductions', '2025Q1', DEDUCTIONS_CSV);
    const notifications = await waitForItems(http.as(tenants.tokens.societyA), '/v1/me/notifications');
    const deliveries = await waitForItems(http.as(tenants.tokens.societyA), '/v1/me/notification-deliveries');
    const audit = await http.as(tenants.tokens.societyA).post('/v1/audits', { societyId: tenants.societyA.id, financialYear: 2025 });
    const token = await http.as(t.adminToken).post('/v1/tokens', { role: 'society', societyId: tenants.societyA.id, label: 'matrix: a token of society A' });
    const unidentified = await submitAndWait(http.as(tenants.tokens.societyA), tenants.societyA.id, 'distribution-lines', '2025Q1', UNIDENTIFIED_CSV);
    const claim = await http.as(tenants.tokens.holderB).post(`/v1/rights-holders/${tenants.holderB.id}/claims`, { submissionId: unidentified.final.id, lineId: 'U-1' });
    expect(claim.status).toBe(201);
    // A work in society A's register (as a CWR package's commit records it), naming none of the holders.
    const work = await recordRegistration((sql, params) => t.dataSource.query(sql, params as unknown[]), {
      societyId: tenants.societyA.id, submissionId: submission.final.id, submitter: '00234567803', recordedAt: new Date(), line: 3, lastLine: 12, groupId: 1, transactionSequence: 0,
      work: workOfRecords(sampleWorkRecords(sampleWork(1), 0))!, changed: false,
    });
    cast = {
      ...tenants, mandateOfHolderA: mandate.id, submissionOfSocietyA: submission.final.id, auditOfSocietyA: audit.body.id, tokenOfSocietyA: token.body.id, claimOnSocietyA: claim.body.id, workOfSocietyA: work.workId,
      notificationOfSocietyA: notifications[0].id, webhookOfSocietyA: webhook.body.id, emailSubscriptionOfSocietyA: emailSubscription.body.id, deliveryOfSocietyA: deliveries[0].id,
    };
  });
  afterAll(async () => t?.close());

  const apiRoutes = () =>
    t.routes
      .filter((r) => !PUBLIC_PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}-`)))
      .filter((r) => r.method !== 'OPTIONS')
      .map((r) => ({ method: r.method, path: toOpenApiPath(r.url) }))
      .filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));

  it('answers each public route without a token', async () => {
    const registered = new Set(t.routes.map((r) => `${r.method} ${toOpenApiPath(r.url)}`));
    for (const route of PUBLIC_ROUTES) {
      expect(registered).toContain(route);
      const [, path] = route.split(' ');
      const res = await http.get(fill(path!, paramFixtures(cast)) + (QUERY_FIXTURES[route] ?? ''));
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
    }
  });

  it('finds the routes (the matrix is not empty)', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(10);
  });

  it('documents every route with its roles in OpenAPI', () => {
    const missing: string[] = [];
    for (const { method, path } of apiRoutes()) {
      const op = t.openApi.paths[path]?.[method.toLowerCase() as 'get'];
      const roles = (op as Record<string, unknown> | undefined)?.['x-roles'];
      if (!Array.isArray(roles) || roles.length === 0) missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('refuses every route without a token (401) and to every role it does not name (403)', async () => {
    const tokens = cast.tokens;
    const byRole: Record<string, string[]> = {
      admin: [tokens.admin],
      regulator: [tokens.regulator],
      society: [tokens.societyA],
      'rights-holder': [tokens.holderA],
    };
    const params = paramFixtures(cast);
    const bodies = bodyFixtures(cast);
    const failures: string[] = [];
    for (const { method, path } of apiRoutes()) {
      const url = fill(path, params);
      const body = bodies[`${method} ${path}`];
      if (method === 'POST' && body === undefined) failures.push(`${method} ${path}: no body fixture`);
      const anonymous = await send(http, method, path, url, body);
      if (anonymous.status !== 401) failures.push(`${method} ${path} without token: ${anonymous.status}`);
      const bad = await send(http.as('clt_not-a-real-token'), method, path, url, body);
      if (bad.status !== 401) failures.push(`${method} ${path} with an unknown token: ${bad.status}`);
      const roles = (t.openApi.paths[path]?.[method.toLowerCase() as 'get'] as Record<string, unknown> | undefined)?.['x-roles'] as string[] | undefined;
      for (const [role, roleTokens] of Object.entries(byRole)) {
        if (roles?.includes(role)) continue;
        const res = await send(http.as(roleTokens[0]), method, path, url, body);
        if (res.status !== 403) failures.push(`${method} ${path} as ${role}: ${res.status}, expected 403`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses a tenant's credential on another tenant's resources (403 or 404)", async () => {
    const params = paramFixtures(cast);
    const bodies = bodyFixtures(cast);
    const failures: string[] = [];
    let checked = 0;
    for (const { method, path } of apiRoutes()) {
      const roles = (t.openApi.paths[path]?.[method.toLowerCase() as 'get'] as unknown as Record<string, unknown>)['x-roles'] as string[];
      const names = [...path.matchAll(/\{(\w+)\}/g)];
      if (names.length === 0) continue;
      const key = Object.keys(params).find((k) => path.includes(k));
      if (!key) {
        failures.push(`${method} ${path}: no tenant fixture for its parameters`);
        continue;
      }
      const owner = params[key].owner;
      if (owner === 'nobody') continue; // not a tenant's resource (e.g. a template)
      const url = fill(path, params);
      const body = bodies[`${method} ${path}`];
      // The other tenant of the owning kind; for the other kind, any tenant-bound token.
      const intruders: [string, string][] = [];
      if (roles.includes('society')) intruders.push(['society B', owner === 'society' ? cast.tokens.societyB : cast.tokens.societyA]);
      if (roles.includes('rights-holder')) intruders.push(['rights holder B', owner === 'rights-holder' ? cast.tokens.holderB : cast.tokens.holderA]);
      for (const [who, token] of intruders) {
        if (owner === 'society' && who === 'rights holder B' && SOCIETY_ROUTES_PUBLIC_TO_RIGHTS_HOLDERS.has(`${method} ${path}`)) continue;
        checked++;
        const res = await send(http.as(token), method, path, url, body);
        if (res.status !== 403 && res.status !== 404) failures.push(`${method} ${path} as ${who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  // GET /v1/search has no path parameter to aim at another tenant: what it finds is scoped.
  it("GET /v1/search finds none of another tenant's holders, societies or lines", async () => {
    const find = async (token: string, q: string) => ((await http.as(token).get(`/v1/search?q=${encodeURIComponent(q)}`)).body as { items: { id: string }[] }).items.map((i) => i.id);
    // Holder A holds a mandate at society B only.
    expect(await find(cast.tokens.societyA, cast.holderA.ipi)).toEqual([]);
    expect(await find(cast.tokens.societyB, cast.holderA.ipi)).toEqual([cast.holderA.id]);
    expect(await find(cast.tokens.holderB, cast.holderA.ipi)).toEqual([]);
    expect(await find(cast.tokens.holderA, cast.holderA.ipi)).toEqual([cast.holderA.id]);
    expect(await find(cast.tokens.societyB, cast.societyA.cisacCode)).toEqual([]);
    expect(await find(cast.tokens.societyA, cast.societyA.cisacCode)).toEqual([cast.societyA.id]);
  });

  // GET /v1/works has no path parameter to aim at another tenant: what it lists is scoped.
  it("GET /v1/works lists none of another tenant's works", async () => {
    const list = async (token: string, q = '') => ((await http.as(token).get(`/v1/works${q}`)).body as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await list(cast.tokens.societyA)).toEqual([cast.workOfSocietyA]);
    expect(await list(cast.tokens.societyB)).toEqual([]);
    expect(await list(cast.tokens.holderA)).toEqual([]);
    expect(await list(cast.tokens.regulator, `?societyId=${cast.societyA.id}`)).toEqual([cast.workOfSocietyA]);
    expect((await http.as(cast.tokens.societyB).get(`/v1/works?societyId=${cast.societyA.id}`)).status).toBe(403);
  });
});

/** The items of a list once it has some (notifications are fanned out by a job after the commit). */
async function waitForItems(client: Http, path: string): Promise<{ id: string }[]> {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(path);
    if (res.status === 200 && res.body.items.length > 0) return res.body.items;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} stayed empty`);
}

/** Sends a route's request with its query and body fixtures (CSV bodies as text/csv). */
function send(client: Http, method: string, path: string, url: string, body: unknown) {
  const query = QUERY_FIXTURES[`${method} ${path}`] ?? '';
  if (body instanceof Csv) return client.request(method, url + query, body.text, { 'content-type': 'text/csv' });
  return client.request(method, url + query, body);
}

function fill(path: string, params: Record<string, { value: string }>): string {
  let url = path;
  for (const [key, { value }] of Object.entries(params)) {
    const [prefix, param] = key.split('/');
    url = url.replace(`${prefix}/${param}`, `${prefix}/${value}`);
  }
  if (/\{\w+\}/.test(url)) return url.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
  return url;
}
