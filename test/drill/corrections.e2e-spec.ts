import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { pdfText } from '../../libs/audit/src/report/test-support/pdf-text.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const PETROV = makeIpi('000522101');
const pkg = (...lines: string[]) => [DIST_HEADER, ...lines].join('\n') + '\n';

describe('corrections shown (issue 17 item 4): supersedes and supersededBy, the line-level diff', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let regulator: Http;
  let v1: { id: string };
  let v2: { id: string; supersedes: string };

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    regulator = admin.as(cast.tokens.regulator);
    v1 = (
      await submitAndWait(
        society,
        cast.societyA.id,
        'distribution-lines',
        '2025Q1',
        pkg(
          distLine({ line_id: 'L-1' }),
          distLine({ line_id: 'L-2' }),
          distLine({ line_id: 'L-3', work_title: 'Gone Tomorrow' }),
          distLine({ line_id: 'L-4' }),
          distLine({ line_id: 'L-5', status: 'unpaid', paid_on: '' }),
        ),
      )
    ).final;
    // L-1 moves to the end (same values), L-2's gross is corrected, L-3 is withdrawn, L-4 is written with other zeros, L-5 is paid, L-6 is new.
    v2 = (
      await submitAndWait(
        society,
        cast.societyA.id,
        'distribution-lines',
        '2025Q1',
        pkg(
          distLine({ line_id: 'L-2', gross: '1200.00', management_fee: '180.00', net: '1000.00' }),
          distLine({ line_id: 'L-4', gross: '1000', management_fee: '150.0', other_deductions: '20', net: '830.000' }),
          distLine({ line_id: 'L-5' }),
          distLine({ line_id: 'L-6', rights_holder_name: 'Petrov, Ivan', rights_holder_ipi: PETROV }),
          distLine({ line_id: 'L-1' }),
        ),
      )
    ).final;
    expect(v2).toMatchObject({ status: 'committed', supersedes: v1.id });
  });
  afterAll(async () => t?.close());

  it('names the correction on the package it replaced (supersededBy) and the replaced one on the correction (supersedes)', async () => {
    expect((await regulator.get(`/v1/submissions/${v1.id}`)).body).toMatchObject({ status: 'superseded', supersedes: null, supersededBy: v2.id });
    expect((await regulator.get(`/v1/submissions/${v2.id}`)).body).toMatchObject({ status: 'committed', supersedes: v1.id, supersededBy: null });
    const list = await regulator.get(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines`);
    const byId = Object.fromEntries(list.body.items.map((s: { id: string; supersedes: string | null; supersededBy: string | null }) => [s.id, [s.supersedes, s.supersededBy]]));
    expect(byId).toEqual({ [v1.id]: [null, v2.id], [v2.id]: [v1.id, null] });
  });

  it('diffs the correction against the package it replaced, line by line by line id, changed fields from → to', async () => {
    const res = await society.get(`/v1/submissions/${v2.id}/diff`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      submissionId: v2.id,
      supersedes: v1.id,
      type: 'distribution-lines',
      idColumn: 'line_id',
      added: [
        {
          lineId: 'L-6',
          lineNo: 5,
          fields: expect.objectContaining({ lineId: 'L-6', rightsHolderIpi: PETROV, rightsHolderName: 'Petrov, Ivan', gross: '1000', net: '830', workType: null }),
        },
      ],
      removed: [{ lineId: 'L-3', lineNo: 4, fields: expect.objectContaining({ lineId: 'L-3', workTitle: 'Gone Tomorrow' }) }],
      changed: [
        { lineId: 'L-2', fromLineNo: 3, toLineNo: 2, fields: { gross: { from: '1000', to: '1200' }, managementFee: { from: '150', to: '180' }, net: { from: '830', to: '1000' } } },
        { lineId: 'L-5', fromLineNo: 6, toLineNo: 4, fields: { status: { from: 'unpaid', to: 'paid' }, paidOn: { from: null, to: '2025-03-30' } } },
      ],
      counts: { added: 1, removed: 1, changed: 2 },
    });
    // ?limit keeps the first items of each list and still counts them all.
    const limited = await society.get(`/v1/submissions/${v2.id}/diff?limit=1`);
    expect(limited.body).toMatchObject({ added: [{ lineId: 'L-6' }], removed: [{ lineId: 'L-3' }], changed: [{ lineId: 'L-2' }], counts: { added: 1, removed: 1, changed: 2 } });
    expect(limited.body.changed).toHaveLength(1);
    for (const bad of ['0', '10001', 'x']) {
      const res = await society.get(`/v1/submissions/${v2.id}/diff?limit=${bad}`);
      expect({ bad, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ bad, status: 400, field: 'limit' });
    }
  });

  it("shows the holders whose lines changed what changed, on their statements (JSON, CSV, PDF), as the diff says", async () => {
    const [ivanova] = await t.dataSource.query(`SELECT id FROM rights_holders WHERE ipi = '00052210040'`);
    const [petrov] = await t.dataSource.query(`SELECT id FROM rights_holders WHERE ipi = $1`, [PETROV]);
    const statement = await regulator.get(`/v1/rights-holders/${ivanova.id}/statement?year=2025&currency=RUB`);
    expect(statement.status).toBe(200);
    const common = { societyId: cast.societyA.id, submissionId: v2.id, supersedes: v1.id, period: '2025Q1', currency: 'RUB', committedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) };
    expect(statement.body.corrections).toEqual({
      lines: 3,
      items: [
        { ...common, lineId: 'L-2', change: 'changed', fields: { gross: { from: '1000', to: '1200' }, managementFee: { from: '150', to: '180' }, net: { from: '830', to: '1000' } } },
        { ...common, lineId: 'L-3', change: 'removed', fields: { gross: { from: '1000', to: null }, managementFee: { from: '150', to: null }, otherDeductions: { from: '20', to: null }, net: { from: '830', to: null }, status: { from: 'paid', to: null }, paidOn: { from: '2025-03-30', to: null } } },
        { ...common, lineId: 'L-5', change: 'changed', fields: { status: { from: 'unpaid', to: 'paid' }, paidOn: { from: null, to: '2025-03-30' } } },
      ],
    });
    // The same changes as the package's diff.
    const diff = (await regulator.get(`/v1/submissions/${v2.id}/diff`)).body;
    for (const c of statement.body.corrections.items.filter((i: { change: string }) => i.change === 'changed')) {
      expect(diff.changed.find((d: { lineId: string }) => d.lineId === c.lineId).fields).toEqual(c.fields);
    }
    // The holder itself reads the same; the new holder of the added line is told of it.
    expect((await society.as(cast.tokens.admin).get(`/v1/rights-holders/${petrov.id}/statement?year=2025&currency=RUB`)).body.corrections).toEqual({
      lines: 1,
      items: [{ ...common, lineId: 'L-6', change: 'added', fields: { gross: { from: null, to: '1000' }, managementFee: { from: null, to: '150' }, otherDeductions: { from: null, to: '20' }, net: { from: null, to: '830' }, status: { from: null, to: 'paid' }, paidOn: { from: null, to: '2025-03-30' } } }],
    });
    const csv = await regulator.get(`/v1/rights-holders/${ivanova.id}/statement?year=2025&currency=RUB&format=csv`);
    expect(csv.text.split('\r\n')[0]!.endsWith(',rates,corrections')).toBe(true);
    expect(csv.text).toContain(`L-2 changed by package ${v2.id} (2025Q1, RUB): gross 1000 → 1200, managementFee 150 → 180, net 830 → 1000`);
    const pdf = await fetch(`${t.baseUrl}/v1/rights-holders/${ivanova.id}/statement?year=2025&currency=RUB&format=pdf`, { headers: { authorization: `Bearer ${cast.tokens.regulator}` } });
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/ \n/g, ' ');
    expect(text).toContain('Corrections: 3 lines changed by a later package');
    expect(text).toContain('gross 1,000.00\u00a0RUB → 1,200.00\u00a0RUB\nmanagement fee 150.00\u00a0RUB → 180.00\u00a0RUB\nnet 830.00\u00a0RUB → 1,000.00\u00a0RUB');
    // A year without corrected lines says none.
    expect((await regulator.get(`/v1/rights-holders/${ivanova.id}/statement?year=2024&currency=RUB`)).body.corrections).toEqual({ lines: 0, items: [] });
  });

  it('diffs a package that has since been superseded itself, and packages of other types by their id column', async () => {
    const v3 = (await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', pkg(distLine({ line_id: 'L-2', gross: '1200.00', management_fee: '180.00', net: '1000.00' })))).final;
    expect((await regulator.get(`/v1/submissions/${v2.id}`)).body).toMatchObject({ status: 'superseded', supersedes: v1.id, supersededBy: v3.id });
    expect((await regulator.get(`/v1/submissions/${v2.id}/diff`)).body.counts).toEqual({ added: 1, removed: 1, changed: 2 });
    expect((await regulator.get(`/v1/submissions/${v3.id}/diff`)).body).toMatchObject({ supersedes: v2.id, added: [], changed: [], counts: { added: 0, removed: 4, changed: 0 } });
    expect((await regulator.get(`/v1/submissions/${v3.id}/diff`)).body.removed.map((l: { lineId: string }) => l.lineId)).toEqual(['L-1', 'L-4', 'L-5', 'L-6']);

    const header = 'deduction_id,kind,category,currency,amount,description\n';
    await submitAndWait(society, cast.societyA.id, 'deductions', '2025Q1', `${header}D-1,management,performing,EUR,100.00,fee\nD-2,other,performing,EUR,5.00,bank\n`);
    const d2 = (await submitAndWait(society, cast.societyA.id, 'deductions', '2025Q1', `${header}D-1,management,performing,EUR,120.00,fee corrected\nD-2,other,performing,EUR,5,bank\n`)).final;
    expect((await society.get(`/v1/submissions/${d2.id}/diff`)).body).toMatchObject({
      idColumn: 'deduction_id',
      added: [],
      removed: [],
      changed: [{ lineId: 'D-1', fromLineNo: 2, toLineNo: 2, fields: { amount: { from: '100', to: '120' }, description: { from: 'fee', to: 'fee corrected' } } }],
      counts: { added: 0, removed: 0, changed: 1 },
    });
  });

  it('answers 409 when there is nothing to compare: the first package of its period, one not committed, a type without line ids', async () => {
    const first = await society.get(`/v1/submissions/${v1.id}/diff`);
    expect(first.status).toBe(409);
    expect(first.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(first.body).toMatchObject({ status: 409, supersedes: null });
    expect(first.body.detail).toMatch(/supersedes nothing/);

    const rejected = (await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', pkg(distLine({ line_id: 'L-1', gross: 'abc' })))).final;
    const notCommitted = await society.get(`/v1/submissions/${rejected.id}/diff`);
    expect(notCommitted.status).toBe(409);
    expect(notCommitted.body).toMatchObject({ status: 409 });
    expect(notCommitted.body.detail).toMatch(/is rejected/);

    const header = 'category,fy_of_collection,currency,amount,reason,non_distributable,decided_use\n';
    await submitAndWait(society, cast.societyA.id, 'undistributed', '2025Q1', `${header}performing,2024,EUR,10.00,Unclaimed,false,\n`);
    const u2 = (await submitAndWait(society, cast.societyA.id, 'undistributed', '2025Q1', `${header}performing,2024,EUR,12.00,Unclaimed,false,\n`)).final;
    expect(u2.supersedes).not.toBeNull();
    const noIds = await society.get(`/v1/submissions/${u2.id}/diff`);
    expect(noIds.status).toBe(409);
    expect(noIds.body.detail).toMatch(/no line id/);
  });
});
