import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditEngine, AuditsService, type AuditReport, RULE_IDS, reportBytes } from '../../libs/audit/src/index.js';
import { parseCanonicalJson } from '../../libs/merkle/src/index.js';
import { commit, deduction, distribution, income } from '../ledger/support.js';
import { put } from '../mandates/factories.js';
import { givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { auditAndWait, findingOf, waitAudit } from './support.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('audits: pinned to signed heads, the same bytes twice, tenancy and bad input', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let societyA: Http;
  let societyB: Http;
  let regulator: Http;
  let holder: Http;
  let first: any;

  /** A report as served, with its bytes and the hash header. */
  async function download(id: string, format: 'json' | 'csv' | 'pdf', token = t.adminToken) {
    const res = await fetch(`${t.baseUrl}/v1/audits/${id}/report.${format}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), sha: res.headers.get('x-report-sha256'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const auditRows = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audits`))[0].n as number;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    societyA = admin.as(cast.tokens.societyA);
    societyB = admin.as(cast.tokens.societyB);
    regulator = admin.as(cast.tokens.regulator);
    holder = admin.as(cast.tokens.holderA);
    const id = cast.societyA.id;
    await commit(societyA, id, 'income', '2025Q1', [income()]);
    await commit(societyA, id, 'deductions', '2025Q1', [deduction()]);
    await commit(societyA, id, 'distribution-lines', '2025Q1', [distribution({ rights_holder_ipi: cast.holderA.ipi })]);
    first = await auditAndWait(societyA, { societyId: id, financialYear: 2025 });
  });
  afterAll(async () => t?.close());

  it('lists audits newest first, to each caller only its own (a society: its own; another society named: 404)', async () => {
    const mine = await societyA.get('/v1/audits?limit=500');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((a: { societyId: string }) => a.societyId === cast.societyA.id)).toBe(true);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(first.id);
    expect(mine.body.items[0].findings).toEqual([]); // a list carries no findings: read the audit for those
    // …but each finished audit's summary, as the audit itself gives it.
    const listed = mine.body.items.find((a: { id: string }) => a.id === first.id);
    expect(listed.summary).toEqual(first.summary);
    expect(listed.summary).toMatchObject({ rules: expect.any(Number), passed: expect.any(Number), failed: expect.any(Number) });
    const created = mine.body.items.map((a: { createdAt: string }) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const theirs = await societyB.get('/v1/audits');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((a: { id: string }) => a.id)).not.toContain(first.id);
    const named = await societyB.get(`/v1/audits?societyId=${cast.societyA.id}`);
    expect(named.status).toBe(404);
    expect(named.body.errors).toEqual([{ field: 'societyId', message: expect.any(String) }]);
    const byRegulator = await regulator.get(`/v1/audits?societyId=${cast.societyA.id}&limit=1`);
    expect(byRegulator.status).toBe(200);
    expect(byRegulator.body.items).toHaveLength(1);
    if (byRegulator.body.nextCursor) {
      const next = await regulator.get(`/v1/audits?societyId=${cast.societyA.id}&limit=1&cursor=${byRegulator.body.nextCursor}`);
      expect(next.status).toBe(200);
      expect(next.body.items[0]?.id).not.toBe(byRegulator.body.items[0].id);
    }
    expect((await holder.get('/v1/audits')).status).toBe(403);
    expect((await regulator.get('/v1/audits?societyId=not-a-uuid')).status).toBe(400);
    expect((await regulator.get('/v1/audits?cursor=bogus')).status).toBe(400);
  });

  it('lets a society audit itself: queued with a Location, then done, pinned to every log head', async () => {
    const res = await societyA.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025, rules: ['payout.outstanding'] });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/audits/${res.body.id}`);
    expect(res.body).toMatchObject({ id: expect.any(String), societyId: cast.societyA.id, financialYear: 2025, rules: ['payout.outstanding'] });
    const done = await waitAudit(societyA, res.body.id);
    expect(done).toMatchObject({ status: 'done', error: null, summary: { rules: 1 } });
    expect(done.findings.map((f: { rule: string }) => f.rule)).toEqual(['payout.outstanding']);

    const head = (await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`)).body;
    const pinned = first.heads.find((h: { societyId: string }) => h.societyId === cast.societyA.id);
    expect(pinned).toMatchObject({ treeSize: 3, rootHash: head.rootHash, signature: head.signature, keyId: head.keyId, timestamp: head.timestamp });
    // The society sees its own head only; a regulator every head the audit was pinned to (issue 13).
    expect(first.heads).toHaveLength(1);
    const pinnedHeads = (await regulator.get(`/v1/audits/${first.id}`)).body.heads;
    expect(pinnedHeads.find((h: { societyId: string }) => h.societyId === cast.societyB.id)).toMatchObject({ treeSize: 0, rootHash: null });
    expect(first.findings).toHaveLength(RULE_IDS.length); // every rule of the catalogue (22 with issue 18's three)
    expect(first.reportSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same bytes for the same heads and parameters, in every format, and hashes them as it says', async () => {
    const again = await auditAndWait(regulator, { societyId: cast.societyA.id, financialYear: 2025 });
    expect(again.id).not.toBe(first.id);
    expect(again.reportSha256).toBe(first.reportSha256);
    const [a, b] = [await download(first.id, 'json'), await download(again.id, 'json')];
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/json/);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(sha256(a.bytes)).toBe(first.reportSha256);
    expect(a.sha).toBe(first.reportSha256);
    const report = parseCanonicalJson(a.bytes.toString('utf8')) as unknown as AuditReport; // throws unless canonical
    expect(report).toMatchObject({ financialYear: 2025, society: { id: cast.societyA.id }, asOf: first.heads.map((h: { timestamp: string | null }) => h.timestamp).filter(Boolean).sort().at(-1).slice(0, 10) });
    for (const format of ['csv', 'pdf'] as const) {
      const [x, y] = [await download(first.id, format), await download(again.id, format)];
      expect(x.status).toBe(200);
      expect(x.bytes.equals(y.bytes)).toBe(true);
    }
    const pdf = await download(first.id, 'pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = (await download(first.id, 'csv')).bytes.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('society_cisac,financial_year,rule,title,source,severity,result,details,parameters,evidence');
    expect(csv).toHaveLength(RULE_IDS.length + 2); // header, one line per rule, final line end
  });

  it('ignores data committed after the heads it is pinned to', async () => {
    await commit(societyA, cast.societyA.id, 'distribution-lines', '2025Q2', [
      distribution({ line_id: 'L-LATER', rights_holder_ipi: cast.holderA.ipi, use_from: '2025-04-01', use_to: '2025-06-30', status: 'unpaid', paid_on: '' }),
    ]);
    const later = await auditAndWait(admin, { societyId: cast.societyA.id, financialYear: 2025 });
    expect(later.reportSha256).not.toBe(first.reportSha256);
    expect(findingOf(later, 'payout.outstanding').evidence.unpaid).toEqual([{ currency: 'EUR', amount: '500', lines: 1 }]);
    expect(findingOf(first, 'payout.outstanding').evidence.unpaid).toEqual([]);

    // Re-run on the first audit's heads: the later package is not seen, the bytes are the first report's.
    const stored = parseCanonicalJson((await download(first.id, 'json')).bytes.toString('utf8')) as unknown as AuditReport;
    const pinnedHeads = (await regulator.get(`/v1/audits/${first.id}`)).body.heads;
    const rerun = await t.app.get(AuditEngine).evaluate({ society: stored.society, financialYear: 2025, heads: pinnedHeads });
    expect(sha256(reportBytes(rerun))).toBe(first.reportSha256);
  });

  it("keeps a society out of another society's audits (404) and rights holders out of all (403)", async () => {
    expect((await societyB.get(`/v1/audits/${first.id}`)).status).toBe(404);
    for (const format of ['json', 'csv', 'pdf'] as const) expect((await download(first.id, format, cast.tokens.societyB)).status).toBe(404);
    const before = await auditRows();
    const intrusion = await societyB.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025 });
    expect(intrusion.status).toBe(404);
    expect(intrusion.body.errors).toEqual([{ field: 'societyId', message: expect.any(String) }]);
    expect((await holder.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025 })).status).toBe(403);
    expect((await holder.get(`/v1/audits/${first.id}`)).status).toBe(403);
    expect(await auditRows()).toBe(before);
    expect((await regulator.get(`/v1/audits/${first.id}`)).status).toBe(200);
  });

  it('refuses bad input with a 4xx naming the field, and records nothing', async () => {
    const before = await auditRows();
    const id = cast.societyA.id;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ societyId: id, financialYear: 2025, rules: ['payout.outstanding', 'payout.no-such-rule'] }, 400, 'rules[1]'],
      [{ societyId: id, financialYear: 2025, rules: ['payout.outstanding', 'payout.outstanding'] }, 400, 'rules[1]'],
      [{ societyId: id, financialYear: 2025, rules: [] }, 400, 'rules'],
      [{ societyId: id, financialYear: 2025, rules: 'payout.outstanding' }, 400, 'rules'],
      [{ societyId: id, financialYear: 'twenty' }, 400, 'financialYear'],
      [{ societyId: id, financialYear: 1800 }, 400, 'financialYear'],
      [{ societyId: id, financialYear: 2025.5 }, 400, 'financialYear'],
      [{ societyId: id }, 400, 'financialYear'],
      [{ societyId: 'not-a-uuid', financialYear: 2025 }, 400, 'societyId'],
      [{ societyId: '00000000-0000-4000-8000-000000000000', financialYear: 2025 }, 404, 'societyId'],
      [{ societyId: id, financialYear: 2025, extra: 1 }, 400, 'extra'],
    ];
    for (const [body, status, field] of cases) {
      const res = await admin.post('/v1/audits', body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await auditRows()).toBe(before);
    for (const suffix of ['', '/report.json', '/report.csv', '/report.pdf']) {
      expect((await admin.get(`/v1/audits/not-a-uuid${suffix}`)).body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      expect((await admin.get(`/v1/audits/00000000-0000-4000-8000-000000000000${suffix}`)).status).toBe(404);
    }
  });

  it('serves no report before the audit is done, and picks unfinished audits up again at boot', async () => {
    const [row] = await t.dataSource.query(`INSERT INTO audits (society_id, financial_year, rules, requested_by) VALUES ($1, 2025, $2, 'test') RETURNING id`, [
      cast.societyA.id,
      ['payout.conservation'],
    ]);
    const early = await admin.get(`/v1/audits/${row.id}/report.json`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/is queued/);
    expect(await t.app.get(AuditsService).requeueUnfinished()).toBeGreaterThanOrEqual(1);
    const done = await waitAudit(admin, row.id);
    expect(done).toMatchObject({ status: 'done', summary: { rules: 1 }, findings: [{ rule: 'payout.conservation', passed: false }] });
  });

  it('records why an audit failed', async () => {
    const society = await givenSociety(admin, { country: 'MT' });
    // Parameters written around the API's checks make the rule unusable: the audit says so.
    await t.dataSource.query(`INSERT INTO audit_parameters (jurisdiction, rule_id, params, updated_by) VALUES ('MT', 'payout.outstanding', '{"monthsAfterYearEnd": "nine"}', 'test')`);
    const failed = await auditAndWait(admin, { societyId: society.id, financialYear: 2025 });
    expect(failed).toMatchObject({ status: 'failed', findings: [], reportSha256: null });
    expect(failed.error).toMatch(/payout\.outstanding.*monthsAfterYearEnd/);
    expect((await admin.get(`/v1/audits/${failed.id}/report.pdf`)).status).toBe(409);
  });

  it('shows the regulator every society side by side', async () => {
    const res = await regulator.get('/v1/regulator/overview?financialYear=2025');
    expect(res.status).toBe(200);
    const a = res.body.societies.find((s: { societyId: string }) => s.societyId === cast.societyA.id);
    expect(a).toMatchObject({ costRatioPercent: '15.00', treeSize: 4, latestAudit: { id: expect.any(String) }, findings: { failed: expect.any(Number) } });
    expect(a.findings.rules).toEqual(expect.arrayContaining(['payout.outstanding', 'governance.board-representation']));
    expect(res.body.societies.find((s: { societyId: string }) => s.societyId === cast.societyB.id)).toMatchObject({ treeSize: 0, costRatioPercent: null, latestAudit: null });
    expect((await societyA.get('/v1/regulator/overview?financialYear=2025')).status).toBe(403);
    for (const q of ['', '?financialYear=twenty', '?financialYear=99999']) {
      const bad = await regulator.get(`/v1/regulator/overview${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('financialYear');
    }
  });

  it("lists the catalogue and lets a regulator set a jurisdiction's parameters, checked", async () => {
    const catalogue = await societyA.get('/v1/audit-rules?jurisdiction=FR');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.rules).toHaveLength(RULE_IDS.length);
    expect(catalogue.body.rules[0]).toMatchObject({ id: 'payout.distribution-deadline', defaults: { monthsAfterYearEnd: 9 }, effective: { monthsAfterYearEnd: 9 }, overrides: null });
    expect((await societyA.get('/v1/audit-rules?jurisdiction=XX')).body.errors).toEqual([{ field: 'jurisdiction', message: expect.any(String) }]);

    const path = '/v1/audit-rules/payout.distribution-deadline/parameters/FR';
    expect((await put(societyA, path, { params: { monthsAfterYearEnd: 6 } })).status).toBe(403);
    const bad = await put(regulator, path, { params: { monthsAfterYearEnd: 99, speed: 'fast' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['params.monthsAfterYearEnd', 'params.speed']);
    expect((await put(regulator, '/v1/audit-rules/payout.nothing/parameters/FR', { params: {} })).status).toBe(404);
    expect((await put(regulator, '/v1/audit-rules/payout.distribution-deadline/parameters/XX', { params: {} })).body.errors).toEqual([{ field: 'jurisdiction', message: expect.any(String) }]);
    expect((await put(regulator, path, {})).body.errors.map((e: { field: string }) => e.field)).toEqual(['params']);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_parameters WHERE jurisdiction = 'FR'`))[0].n).toBe(0);

    const set = await put(regulator, path, { params: { monthsAfterYearEnd: 6 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ effective: { monthsAfterYearEnd: 6 }, overrides: { params: { monthsAfterYearEnd: 6 }, updatedBy: expect.stringMatching(/^regulator: /) } });
    const audit = await auditAndWait(admin, { societyId: cast.societyA.id, financialYear: 2025, rules: ['payout.distribution-deadline'] });
    expect(audit.findings[0]).toMatchObject({ parameters: { monthsAfterYearEnd: 6 }, evidence: { deadline: '2026-06-30' } });
    expect((await put(regulator, path, { params: {} })).body.overrides).toBeNull();
  });

  it('lets an admin audit any society too', async () => {
    const other = await givenSociety(admin);
    const token = await tokenFor(admin, 'society', { societyId: other.id });
    const own = await auditAndWait(admin.as(token), { societyId: other.id, financialYear: 2024, rules: ['governance.transparency-report'] });
    expect(own.status).toBe('done');
    expect((await admin.get(`/v1/audits/${own.id}`)).status).toBe(200);
  });
});
