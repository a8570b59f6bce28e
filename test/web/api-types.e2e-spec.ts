import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/process.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { apiDtoClasses, type Direction, type Field, type SchemaObject, type Shape, ShapeComparer, WebTypes } from './api-types.js';

/**
 * The drift gate between the dashboard's hand-written API types (apps/web/src/api/types.ts
 * and the proof types of apps/web/src/verify) and the server's OpenAPI document (the
 * @nestjs/swagger DTOs): a field renamed, dropped, made optional or nullable, or a kind
 * changed on one side fails here, not in a browser. Needs only the booted app (no browser).
 * docs/web.md, "The API types".
 */

/** The dashboard's modules whose exported types are checked. */
const WEB_MODULES = ['api/types.ts', 'verify/line-proof.ts', 'verify/signed-head.ts', 'verify/encoding.ts', 'verify/merkle.ts', 'verify/canonical-json.ts'];

/**
 * Where a web type comes from: the JSON answer of a route (`status`, optionally `at` a path
 * inside it: `rules[]`), or what the web sends to it (`body`, or the `query` parameter).
 * Resolved by route, method and status, never by DTO class name.
 */
type Source = { route: string; status: number; at?: string } | { route: string; body: true } | { route: string; query: string };

/**
 * The reviewed mapping: each web type that mirrors an API shape, and the routes it is read
 * from (or sent to). The web types its properties, base interfaces and type arguments name
 * (InputProblem, PinnedHead, RateUsed, …) are checked where they appear, against the schema
 * found there: they need no entry of their own.
 */
const API_TYPES: Record<string, Source[]> = {
  Me: [{ route: 'GET /v1/me', status: 200 }],
  Society: [{ route: 'GET /v1/societies/{id}', status: 200 }],
  PublicSociety: [{ route: 'GET /v1/public/societies/{id}', status: 200 }],
  'Page<PublicSociety>': [{ route: 'GET /v1/public/societies', status: 200 }],
  'Page<Society>': [{ route: 'GET /v1/societies', status: 200 }],
  'Page<Accreditation>': [{ route: 'GET /v1/societies/{id}/accreditations', status: 200 }],
  'Page<BoardMember>': [{ route: 'GET /v1/societies/{id}/board-members', status: 200 }],
  RightsHolder: [{ route: 'GET /v1/rights-holders/{id}', status: 200 }],
  'Page<RightsHolder>': [{ route: 'GET /v1/rights-holders', status: 200 }],
  'Page<Mandate>': [{ route: 'GET /v1/rights-holders/{id}/mandates', status: 200 }],
  Mandate: [{ route: 'POST /v1/rights-holders/{id}/mandates', status: 201 }],
  MandatePolicy: [{ route: 'GET /v1/societies/{id}/mandate-policy', status: 200 }],
  NewMandate: [{ route: 'POST /v1/rights-holders/{id}/mandates', body: true }],
  TerminationResult: [
    { route: 'POST /v1/mandates/{id}/termination', status: 201 },
    { route: 'POST /v1/mandates/{id}/opt-out', status: 201 },
  ],
  Submission: [{ route: 'GET /v1/submissions/{id}', status: 200 }],
  'Page<Submission>': [{ route: 'GET /v1/societies/{id}/submissions', status: 200 }],
  // 202 new; 200 (the same bytes again) answers the same document.
  SubmissionAccepted: [{ route: 'POST /v1/societies/{id}/submissions', status: 202 }],
  PackageType: [{ route: 'POST /v1/societies/{id}/submissions', query: 'type' }],
  LogKeys: [{ route: 'GET /v1/log/keys', status: 200 }],
  SignedTreeHead: [{ route: 'GET /v1/societies/{id}/log/head', status: 200 }],
  VerifyReport: [{ route: 'POST /v1/societies/{id}/verify', status: 200 }],
  LineProofBundle: [{ route: 'GET /v1/submissions/{id}/lines/{lineId}/proof', status: 200 }],
  Reconciliation: [{ route: 'GET /v1/societies/{id}/reconciliation', status: 200 }],
  BoardEntitlement: [{ route: 'GET /v1/societies/{id}/board/entitlement', status: 200 }],
  'Page<BoardDeclaration>': [{ route: 'GET /v1/societies/{id}/board/declarations', status: 200 }],
  Statement: [{ route: 'GET /v1/rights-holders/{id}/statement', status: 200 }],
  'Page<StatementLine>': [{ route: 'GET /v1/rights-holders/{id}/statement/lines', status: 200 }],
  Audit: [
    { route: 'GET /v1/audits/{id}', status: 200 },
    { route: 'POST /v1/audits', status: 202 },
  ],
  NewAudit: [{ route: 'POST /v1/audits', body: true }],
  AuditRule: [{ route: 'GET /v1/audit-rules', status: 200, at: 'rules[]' }],
  RegulatorOverview: [{ route: 'GET /v1/regulator/overview', status: 200 }],
  TransparencyReport: [{ route: 'GET /v1/societies/{id}/transparency-report', status: 200 }],
  TransparencyFormat: [{ route: 'GET /v1/societies/{id}/transparency-report', query: 'format' }],
  'Page<UnclaimedLine>': [{ route: 'GET /v1/rights-holders/{id}/unclaimed', status: 200 }],
  'Page<Claim>': [
    { route: 'GET /v1/rights-holders/{id}/claims', status: 200 },
    { route: 'GET /v1/societies/{id}/claims', status: 200 },
  ],
  Claim: [
    { route: 'GET /v1/claims/{id}', status: 200 },
    { route: 'POST /v1/rights-holders/{id}/claims', status: 201 },
    { route: 'POST /v1/claims/{id}/acceptance', status: 201 },
    { route: 'POST /v1/claims/{id}/refusal', status: 201 },
    { route: 'POST /v1/claims/{id}/payment', status: 201 },
  ],
  NewClaim: [{ route: 'POST /v1/rights-holders/{id}/claims', body: true }],
  ClaimPaymentLine: [{ route: 'POST /v1/claims/{id}/payment', body: true }],
};

/** Exported web types that are not API shapes, and why. */
const WEB_ONLY: Record<string, string> = {
  LoadedTransparencyReport: 'the report with the bytes and X-Report-SHA256 header the client read it from (the report is mapped)',
  TransparencyReportFile: 'a downloaded file (Blob, Content-Disposition name, X-Report-SHA256)',
  Bytes: 'bytes in the browser (verify/encoding)',
  StepId: "the steps of the browser's own proof check",
  StepStatus: "the steps of the browser's own proof check",
  VerificationStep: "the steps of the browser's own proof check",
  LineProofVerdict: "the browser's verdict on a proof",
  VerifyOptions: "an option of the browser's proof check",
  HeadVerdict: "the browser's verdict on a head's signature",
};

type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  parameters?: { name: string; in: string; schema?: SchemaObject }[];
};

/** The schema a mapping entry points at, or why there is none. */
function schemaOf(t: TestApp, comparer: ShapeComparer, source: Source): { schema: SchemaObject; direction: Direction; where: string } | string {
  const [method, route] = source.route.split(' ');
  const op = t.openApi.paths[route]?.[method.toLowerCase() as 'get'] as Operation | undefined;
  if (!op) return `${source.route} is not in the OpenAPI document`;
  if ('status' in source) {
    const schema = op.responses?.[String(source.status)]?.content?.['application/json']?.schema;
    if (!schema) return `${source.route} has no JSON answer for ${source.status} in the OpenAPI document`;
    const where = `${source.route} ${source.status}${source.at ? ` at ${source.at}` : ''}`;
    return { schema: comparer.descend(schema, source.at), direction: 'response', where };
  }
  if ('body' in source) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    return schema ? { schema, direction: 'request', where: `${source.route} body` } : `${source.route} takes no JSON body in the OpenAPI document`;
  }
  const parameter = op.parameters?.find((p) => p.in === 'query' && p.name === source.query);
  return parameter?.schema ? { schema: parameter.schema, direction: 'request', where: `${source.route} ?${source.query}=` } : `${source.route} has no query parameter ${source.query}`;
}

describe('web API types ↔ OpenAPI (drift gate)', () => {
  let t: TestApp;
  let web: WebTypes;

  beforeAll(async () => {
    t = await bootTestApp();
    web = new WebTypes(path.join(ROOT, 'apps/web'), WEB_MODULES, Object.keys(API_TYPES));
  });
  afterAll(async () => t?.close());

  it('every mapped web type agrees with the schema of its route', () => {
    const comparer = new ShapeComparer(t.openApi.components?.schemas as Record<string, SchemaObject>);
    const broken: string[] = [];
    for (const [expression, sources] of Object.entries(API_TYPES)) {
      const shape = web.shapeOf(expression);
      for (const source of sources) {
        const target = schemaOf(t, comparer, source);
        if (typeof target === 'string') broken.push(`${expression}: ${target}`);
        else comparer.compare(expression, shape, target.schema, target.direction, target.where);
      }
    }
    const problems = [...broken, ...comparer.mismatches];
    if (problems.length > 0) {
      throw new Error(
        `${problems.length} disagreement(s) between apps/web's API types and the OpenAPI document. Fix the web type when the web is wrong; ` +
          `fix the DTO's @ApiProperty when it does not describe what the server answers:\n  ${problems.join('\n  ')}`,
      );
    }
  });

  it('every exported web type is mapped, met inside a mapped type, or listed as web-only', () => {
    for (const expression of Object.keys(API_TYPES)) web.shapeOf(expression);
    const exported = web.exported.map((e) => e.name);
    const unmapped = web.exported.filter((e) => !web.reached.has(e.name) && !(e.name in WEB_ONLY)).map((e) => `${e.name} (apps/web/src/${e.file})`);
    const notWebOnly = Object.keys(WEB_ONLY).filter((name) => web.reached.has(name)).map((name) => `${name} is listed as web-only but is checked as an API shape`);
    const stale = Object.keys(WEB_ONLY).filter((name) => !exported.includes(name)).map((name) => `${name} is listed as web-only but no longer exported`);
    const problems = [...unmapped.map((u) => `${u}: map it to its route in API_TYPES, or list it in WEB_ONLY with the reason`), ...notWebOnly, ...stale];
    if (problems.length > 0) throw new Error(`web types outside the drift gate:\n  ${problems.join('\n  ')}`);
    expect(web.reached.size).toBeGreaterThan(40);
  });

  it('reports each kind of drift (the comparison itself can fail)', () => {
    const f = (shape: Shape, more: Partial<Field> = {}): Field => ({ shape, nullable: false, optional: false, ...more });
    const str: Shape = { kind: 'string' };
    const num: Shape = { kind: 'number' };
    const item: Shape = { kind: 'object', name: 'Item', props: new Map([['amount', f(str)]]) };
    const web: Shape = {
      kind: 'object',
      name: 'Thing',
      props: new Map<string, Field>([
        ['renamed', f(str)],
        ['count', f(num)],
        ['sometimes', f(str)],
        ['maybeNull', f(str, { nullable: true })],
        ['neverNull', f(str)],
        ['status', f({ kind: 'string', literals: ['open', 'closed'] })],
        ['items', f({ kind: 'array', items: f(item) })],
        ['fine', f(num, { optional: true })],
      ]),
    };
    const components: Record<string, SchemaObject> = {
      ItemDto: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
      ThingDto: {
        type: 'object',
        properties: {
          renamedTo: { type: 'string' },
          count: { type: 'string' },
          sometimes: { type: 'string' },
          maybeNull: { type: 'string' },
          neverNull: { type: 'string', nullable: true },
          status: { type: 'string', enum: ['open', 'shut', 'archived'] },
          items: { type: 'array', items: { $ref: '#/components/schemas/ItemDto' } },
          fine: { type: 'integer' },
        },
        required: ['renamedTo', 'count', 'maybeNull', 'neverNull', 'status', 'items', 'fine'],
      },
    };
    const comparer = new ShapeComparer(components);
    comparer.compare('Thing', web, { $ref: '#/components/schemas/ThingDto' }, 'response', 'GET /x 200');
    expect(comparer.mismatches).toEqual([
      'Thing.renamed: web says string, API says no such property — GET /x 200',
      'Thing.count: web says number, API says string — GET /x 200',
      'Thing.sometimes: web says string (always there), API says string (optional) — GET /x 200',
      'Thing.maybeNull: web says string | null, API says string (never null) — GET /x 200',
      'Thing.neverNull: web says string (never null), API says string | null — GET /x 200',
      "Thing.status: web says 'open' | 'closed', API says string (one of 'open', 'shut', 'archived') ('closed' not among them) — GET /x 200",
      "Thing.status: web says 'open' | 'closed', API says string (one of 'open', 'shut', 'archived') (the web leaves out 'shut', 'archived') — GET /x 200",
      'Item.amount: web says string, API says number — GET /x 200 → items[].amount',
    ]);
    // What the web sends: every field must be known, every required one sent.
    const request = new ShapeComparer(components);
    request.compare('NewItem', { kind: 'object', name: 'NewItem', props: new Map([['note', f(str)]]) }, { $ref: '#/components/schemas/ItemDto' }, 'request', 'POST /x body');
    expect(request.mismatches).toEqual([
      'NewItem.note: web says string, API says no such property (unknown fields are refused) — POST /x body',
      'NewItem.amount: web says nothing (never sent), API says number (required) — POST /x body',
    ]);
  });

  it('no two API DTO classes share a name (the document would describe only one of them)', () => {
    const classes = apiDtoClasses(path.join(ROOT, 'apps/api/src'));
    const shared = [...classes].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(shared).toEqual([]);
    expect(classes.size).toBeGreaterThan(50);
  });
});
