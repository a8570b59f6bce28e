import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parseCanonicalJson } from '../../libs/merkle/src/index.js';
import { TransparencyRepository, TransparencyService } from '../../libs/transparency/src/index.js';
import { boardMember, commit, deduction, distribution, income, transfer, undistributed } from '../ledger/support.js';
import { givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The annual transparency report of a small known year, committed through the API:
 * society A (EUR, financial year = calendar year) sends every package of 2025Q1, the
 * income, deductions, distribution lines and board of 2025Q2, and nothing for 2025Q3
 * and 2025Q4; a 2024Q4 income package lies outside the year. Society B has sent nothing.
 */
describe('the transparency report: exact figures pinned to a signed head, formats, tenancy and bad input', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let societyA: Http;
  let first: { json: Buffer; report: any; treeSize: number };

  /** The report as served: status, headers and bytes. */
  /** `token` null: no Authorization header (the report is public). */
  async function download(query: string, token: string | null = t.adminToken, society = cast.societyA.id) {
    const res = await fetch(`${t.baseUrl}/v1/societies/${society}/transparency-report${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), sha: res.headers.get('x-report-sha256'), bytes };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    societyA = admin.as(cast.tokens.societyA);
    const id = cast.societyA.id;
    const { holderA, holderB } = cast;

    // Outside the financial year: never counted.
    await commit(societyA, id, 'income', '2024Q4', [income({ income_id: 'INC-OLD', period_from: '2024-10-01', period_to: '2024-12-31', amount: '9999.00', received_on: '2024-12-01' })]);

    await commit(societyA, id, 'income', '2025Q1', [
      income({ income_id: 'INC-1', amount: '1000.00' }),
      income({ income_id: 'INC-2', use_type: 'tv', licensee: 'TV Two', amount: '500.00' }),
      income({ income_id: 'INC-3', category: 'mechanical', use_type: 'online', licensee: 'StreamCo', amount: '200.00' }),
    ]);
    await commit(societyA, id, 'deductions', '2025Q1', [
      deduction({ deduction_id: 'DED-1', amount: '150.00' }),
      deduction({ deduction_id: 'DED-2', kind: 'social-cultural', amount: '30.00', description: 'Young composers fund (GA decision 2024-06-12)' }),
      deduction({ deduction_id: 'DED-3', kind: 'other', category: 'mechanical', amount: '5.00', description: 'Bank charges' }),
    ]);
    await commit(societyA, id, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name }),
      distribution({ line_id: 'L-2', rights_holder_ipi: holderB.ipi, rights_holder_name: holderB.name, use_type: 'tv', gross: '300.00', management_fee: '45.00', other_deductions: '0.00', net: '255.00', status: 'unpaid', paid_on: '' }),
      distribution({ line_id: 'U-1', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 7)', work_iswc: '', use_type: 'tv', gross: '100.00', management_fee: '15.00', other_deductions: '0.00', net: '85.00', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual' }),
      distribution({ line_id: 'L-3', rights_holder_ipi: holderB.ipi, rights_holder_name: holderB.name, category: 'mechanical', use_type: 'online', gross: '150.00', management_fee: '22.50', other_deductions: '0.00', net: '127.50', paid_on: '2025-03-15', mandate_basis: 'non-contractual' }),
    ]);
    await commit(societyA, id, 'inter-society', '2025Q1', [
      transfer({ transfer_id: 'TR-1', counterparty_cisac: '904', direction: 'out', amount: '50.00', paid_on: '2025-03-20' }),
      transfer({ transfer_id: 'TR-2', counterparty_cisac: '902', direction: 'in', territory: 'FR', amount: '40.00', paid_on: '' }),
    ]);
    await commit(societyA, id, 'undistributed', '2025Q1', [
      undistributed({ amount: '100.00', reason: 'Rights holders not identified', decided_use: '' }),
      undistributed({ fy_of_collection: '2021', amount: '20.00', reason: 'Unclaimed after 3 years', non_distributable: 'true', decided_use: 'Cultural fund (GA 2025-06-10)' }),
    ]);
    await commit(societyA, id, 'income', '2025Q2', [income({ income_id: 'INC-4', period_from: '2025-04-01', period_to: '2025-06-30', amount: '400.00', received_on: '2025-05-15' })]);
    await commit(societyA, id, 'deductions', '2025Q2', [deduction({ deduction_id: 'DED-4', amount: '60.00' })]);
    await commit(societyA, id, 'distribution-lines', '2025Q2', [
      distribution({ line_id: 'L-4', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name, use_from: '2025-04-01', use_to: '2025-06-30', gross: '300.00', management_fee: '45.00', other_deductions: '5.00', net: '250.00', paid_on: '2025-06-27' }),
    ]);
    await commit(societyA, id, 'board', '2025Q2', [
      boardMember({ member_id: 'B-1', name: 'Orlov, Pavel', constituency: 'authors', seat_from: '2024-06-01' }),
      boardMember({ member_id: 'B-2', name: 'Melodiya Publishing', constituency: 'publishers', seat_from: '2022-06-01', seat_to: '2025-06-30' }),
      boardMember({ member_id: 'B-3', name: 'Petrova, Anna', constituency: 'composers', seat_from: '2025-07-01' }),
    ]);
    const json = await download('?financialYear=2025');
    expect(json.status).toBe(200);
    first = { json: json.bytes, report: JSON.parse(json.bytes.toString('utf8')), treeSize: 10 };
  });
  afterAll(async () => t?.close());

  it('is pinned to the latest signed head of the log and says so', async () => {
    const r = first.report;
    const head = await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`);
    expect(r.head).toEqual({ societyId: cast.societyA.id, cisacCode: cast.societyA.cisacCode, treeSize: 10, rootHash: head.body.rootHash, timestamp: head.body.timestamp, origin: head.body.origin, signature: head.body.signature, keyId: head.body.keyId });
    expect(r).toMatchObject({
      format: 'collective-ledger/transparency-report/1',
      legalBasis: 'Directive 2014/26/EU Art. 22 and Annex',
      financialYear: 2025,
      period: { from: '2025-01-01', to: '2025-12-31' },
      quarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
      publicationDeadline: '2026-08-31',
    });
  });

  it('gives revenue per category and use, deductions per kind, the management-cost ratio and the social-cultural report', () => {
    const r = first.report;
    expect(r.revenue.byCategoryAndUse).toEqual([
      { category: 'mechanical', useType: 'online', currency: 'EUR', amount: '200', lines: 1 },
      { category: 'performing', useType: 'radio', currency: 'EUR', amount: '1400', lines: 2 },
      { category: 'performing', useType: 'tv', currency: 'EUR', amount: '500', lines: 1 },
    ]);
    expect(r.revenue.totals).toEqual([{ currency: 'EUR', amount: '2100', lines: 4 }]);
    expect(r.deductions.byKindAndCategory).toEqual([
      { kind: 'management', category: 'performing', currency: 'EUR', amount: '210', lines: 2 },
      { kind: 'other', category: 'mechanical', currency: 'EUR', amount: '5', lines: 1 },
      { kind: 'social-cultural', category: 'performing', currency: 'EUR', amount: '30', lines: 1 },
    ]);
    expect(r.deductions.managementCosts).toEqual([{ currency: 'EUR', managementCosts: '210', revenue: '2100', ratioPercent: '10.00', ratioPercentPrecise: '10.000000' }]);
    expect(r.socialCultural.totals).toEqual([{ currency: 'EUR', amount: '30', lines: 1, sharePercentOfRevenue: '1.43' }]);
    expect(r.socialCultural.lines).toEqual([
      { period: '2025Q1', submissionId: expect.any(String), lineNo: 3, deductionId: 'DED-2', category: 'performing', currency: 'EUR', amount: '30', description: 'Young composers fund (GA decision 2024-06-12)' },
    ]);
  });

  it('gives the amounts due to rights holders: attributed, paid per use, unpaid, unidentified and the payment days', () => {
    const r = first.report;
    expect(r.rightsHolders.byCategoryAndUse).toEqual([
      { category: 'mechanical', useType: 'online', currency: 'EUR', gross: '150', managementFees: '22.5', otherDeductions: '0', net: '127.5', paid: '127.5', unpaid: '0', unidentified: '0', lines: 1 },
      { category: 'performing', useType: 'radio', currency: 'EUR', gross: '900', managementFees: '135', otherDeductions: '15', net: '750', paid: '750', unpaid: '0', unidentified: '0', lines: 2 },
      { category: 'performing', useType: 'tv', currency: 'EUR', gross: '400', managementFees: '60', otherDeductions: '0', net: '340', paid: '0', unpaid: '255', unidentified: '85', lines: 2 },
    ]);
    expect(r.rightsHolders.totals).toEqual([
      { currency: 'EUR', gross: '1450', managementFees: '217.5', otherDeductions: '15', net: '1217.5', paid: '877.5', paidLines: 3, unpaid: '255', unpaidLines: 1, unidentified: '85', unidentifiedLines: 1, lines: 5 },
    ]);
    expect(r.rightsHolders.payments).toEqual({
      days: 3,
      dates: [
        { paidOn: '2025-03-15', category: 'mechanical', useType: 'online', currency: 'EUR', net: '127.5', lines: 1 },
        { paidOn: '2025-03-30', category: 'performing', useType: 'radio', currency: 'EUR', net: '500', lines: 1 },
        { paidOn: '2025-06-27', category: 'performing', useType: 'radio', currency: 'EUR', net: '250', lines: 1 },
      ],
    });
  });

  it('gives undistributed amounts with reasons, non-distributable ones with their use, other societies, non-contractual management and the board', () => {
    const r = first.report;
    expect(r.undistributed.items).toEqual([
      { category: 'performing', fyOfCollection: 2021, currency: 'EUR', nonDistributable: true, reason: 'Unclaimed after 3 years', decidedUse: 'Cultural fund (GA 2025-06-10)', amount: '20', lines: 1 },
      { category: 'performing', fyOfCollection: 2025, currency: 'EUR', nonDistributable: false, reason: 'Rights holders not identified', decidedUse: null, amount: '100', lines: 1 },
    ]);
    expect(r.undistributed.totals).toEqual([{ currency: 'EUR', undistributed: '100', nonDistributable: '20', lines: 2 }]);
    expect(r.otherSocieties.flows).toEqual([
      { counterpartyCisac: '902', direction: 'in', category: 'performing', currency: 'EUR', amount: '40', paid: '0', due: '40', lines: 1 },
      { counterpartyCisac: '904', direction: 'out', category: 'performing', currency: 'EUR', amount: '50', paid: '50', due: '0', lines: 1 },
    ]);
    expect(r.nonContractual).toEqual({
      coverage: { type: 'distribution-lines', periods: ['2025Q1', '2025Q2'], missing: ['2025Q3', '2025Q4'] },
      byCurrency: [{ currency: 'EUR', gross: '250', net: '212.5', lines: 2, sharePercentOfGross: '17.24' }],
      rightsHolders: 1,
      identifiedRightsHolders: 2,
      unidentifiedLines: 1,
      // Verified against the mandate register: neither identified holder has a mandate, so all their lines are managed without one.
      verifiedByCurrency: [{ currency: 'EUR', gross: '1350', net: '1132.5', lines: 4, sharePercentOfGross: '93.10' }],
      verifiedRightsHolders: 2,
      linesWithoutDerivedStatus: 0,
    });
    expect(r.governance.board).toMatchObject({
      date: '2025-12-31',
      source: { kind: 'board-package', period: '2025Q2' },
      seats: 2,
      byConstituency: [
        { constituency: 'authors', seats: 1 },
        { constituency: 'composers', seats: 1 },
      ],
    });
    expect(r.governance.board.members.map((m: { memberId: string }) => m.memberId)).toEqual(['B-1', 'B-3']);
  });

  it('reports the missing quarters instead of printing zeros for them', () => {
    const r = first.report;
    expect(r.completeness.complete).toBe(false);
    expect(r.completeness.missing).toEqual(['income', 'deductions', 'distribution-lines'].flatMap((type) => ['2025Q3', '2025Q4'].map((period) => ({ type, period }))));
    expect(r.revenue.coverage).toEqual({ type: 'income', periods: ['2025Q1', '2025Q2'], missing: ['2025Q3', '2025Q4'] });
    expect(r.undistributed.coverage.missing).toEqual(['2025Q2', '2025Q3', '2025Q4']);
    expect(r.completeness.packages.find((p: { type: string; period: string }) => p.type === 'income' && p.period === '2025Q1')).toMatchObject({ present: true, required: true, submissions: 1 });
    expect(r.completeness.packages.find((p: { type: string; period: string }) => p.type === 'income' && p.period === '2025Q3')).toMatchObject({ present: false, required: true, submissionId: null });
  });

  it("agrees with the journal's reconciliation of the year", async () => {
    const rec = await societyA.get(`/v1/societies/${cast.societyA.id}/reconciliation?financialYear=2025`);
    expect(rec.status).toBe(200);
    expect(first.report.conservation.categories).toEqual(rec.body.categories);
    expect(first.report.conservation.categories).toEqual([
      { category: 'mechanical', currency: 'EUR', collected: '200', deductions: '5', distributed: '127.5', toOtherSocieties: '0', undistributed: '0', difference: '67.5' },
      { category: 'performing', currency: 'EUR', collected: '1940', deductions: '240', distributed: '1090', toOtherSocieties: '50', undistributed: '120', difference: '440' },
    ]);
  });

  it('serves the same bytes for the same head in every format, with the right content types and the JSON hash', async () => {
    const json = await download('?financialYear=2025&format=json');
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(json.bytes.equals(first.json)).toBe(true);
    expect(() => parseCanonicalJson(json.bytes.toString('utf8'))).not.toThrow();
    expect(json.sha).toBe(sha256(json.bytes));

    // Each download computes the report afresh (none kept from an earlier one): the bytes are the data's, not a copy's.
    const forget = () => t.app.get(TransparencyService).forgetReports();
    forget();
    const csv1 = await download('?financialYear=2025&format=csv');
    forget();
    const csv2 = await download('?financialYear=2025&format=csv', cast.tokens.regulator);
    expect(csv1.status).toBe(200);
    expect(csv1.type).toBe('text/csv; charset=utf-8');
    expect(csv1.disposition).toBe(`attachment; filename="transparency-report-${cast.societyA.cisacCode}-FY2025-tree10.csv"`);
    expect(csv1.bytes.equals(csv2.bytes)).toBe(true);
    expect(csv1.sha).toBe(json.sha);
    const rows = csv1.bytes.toString('utf8').split('\r\n');
    expect(rows[0]).toBe('society_cisac,financial_year,head_tree_size,section,figure,category,use_type,qualifier,currency,amount,count,note');
    expect(rows).toContain(`${cast.societyA.cisacCode},2025,10,rights-holders,paid,performing,radio,,EUR,750,,`);
    expect(rows).toContain(`${cast.societyA.cisacCode},2025,10,completeness,missing,,,income,,,0,2025Q3`);

    forget();
    const pdf1 = await download('?financialYear=2025&format=pdf');
    forget();
    const pdf2 = await download('?financialYear=2025&format=pdf', cast.tokens.societyA);
    expect(pdf1.status).toBe(200);
    expect(pdf1.type).toBe('application/pdf');
    expect(pdf1.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf1.bytes.equals(pdf2.bytes)).toBe(true);
    expect(pdf1.bytes.toString('latin1')).toContain(`(Transparency report ${json.sha})`);
  });

  it('changes with a superseding resubmission, pinned to the new head, and reproduces the old report with asOfTreeSize', async () => {
    await commit(societyA, cast.societyA.id, 'income', '2025Q1', [
      income({ income_id: 'INC-1', amount: '1100.00' }),
      income({ income_id: 'INC-2', use_type: 'tv', licensee: 'TV Two', amount: '500.00' }),
    ]);
    const now = await download('?financialYear=2025');
    const r = JSON.parse(now.bytes.toString('utf8'));
    expect(r.head.treeSize).toBe(11);
    expect(r.head.rootHash).not.toBe(first.report.head.rootHash);
    expect(r.revenue.byCategoryAndUse).toEqual([
      { category: 'performing', useType: 'radio', currency: 'EUR', amount: '1500', lines: 2 },
      { category: 'performing', useType: 'tv', currency: 'EUR', amount: '500', lines: 1 },
    ]);
    expect(r.revenue.totals).toEqual([{ currency: 'EUR', amount: '2000', lines: 3 }]);
    expect(r.deductions.managementCosts[0]).toMatchObject({ ratioPercent: '10.50', ratioPercentPrecise: '10.500000' });
    expect(r.completeness.packages.find((p: { type: string; period: string }) => p.type === 'income' && p.period === '2025Q1')).toMatchObject({ present: true, submissions: 2, leafIndex: 10 });
    // The journal's reconciliation of the corrected year still agrees (the superseded package reversed).
    const rec = await societyA.get(`/v1/societies/${cast.societyA.id}/reconciliation?financialYear=2025`);
    const nonZero = rec.body.categories.filter((c: Record<string, string>) => ['collected', 'deductions', 'distributed', 'toOtherSocieties', 'undistributed'].some((k) => c[k] !== '0'));
    expect(r.conservation.categories).toEqual(nonZero);

    // The old head gives the old report, byte for byte (computed again, not kept).
    t.app.get(TransparencyService).forgetReports();
    const old = await download(`?financialYear=2025&asOfTreeSize=${first.treeSize}`);
    expect(old.status).toBe(200);
    expect(old.bytes.equals(first.json)).toBe(true);
  });

  it('lets anyone read it, without a token too (public by law, Art. 22(1)), in every format', async () => {
    for (const token of [cast.tokens.admin, cast.tokens.regulator, cast.tokens.societyA, cast.tokens.holderA, cast.tokens.holderB, cast.tokens.societyB, null]) {
      const res = await download('?financialYear=2025', token);
      expect(res.status).toBe(200);
    }
    // Only sums and the board: no rights holder's name or IPI.
    const asHolder = (await download('?financialYear=2025&format=csv', cast.tokens.holderB)).bytes.toString('utf8');
    for (const secret of [cast.holderA.name, cast.holderA.ipi, cast.holderB.ipi, 'Unknown (cue sheet 7)']) expect(asHolder).not.toContain(secret);

    for (const format of ['json', 'csv', 'pdf']) {
      const res = await download(`?financialYear=2025&format=${format}`, null);
      expect({ format, status: res.status }).toEqual({ format, status: 200 });
    }
    expect((await download('', null)).status).toBe(400);
    expect((await download('?financialYear=2025', null, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // Society B's own report: an empty log, every required package missing.
    const own = await download('?financialYear=2025', cast.tokens.societyB, cast.societyB.id);
    expect(own.status).toBe(200);
    const r = JSON.parse(own.bytes.toString('utf8'));
    expect(r.head).toMatchObject({ treeSize: 0, rootHash: null, signature: null });
    expect(r.completeness.missing).toHaveLength(12);
    expect(r.revenue.totals).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, and an unknown society with a 404 naming it', async () => {
    const problem = async (query: string, society = cast.societyA.id) => {
      const res = await admin.get(`/v1/societies/${society}/transparency-report${query}`);
      return { status: res.status, type: res.headers.get('content-type')?.split(';')[0], fields: [...new Set((res.body.errors ?? []).map((e: { field: string }) => e.field))], body: res.body };
    };
    for (const [query, field] of [
      ['', 'financialYear'],
      ['?financialYear=abc', 'financialYear'],
      ['?financialYear=2025.5', 'financialYear'],
      ['?financialYear=20255', 'financialYear'],
      ['?financialYear=1899', 'financialYear'],
      ['?financialYear=2025&format=xml', 'format'],
      ['?financialYear=2025&asOfTreeSize=0', 'asOfTreeSize'],
      ['?financialYear=2025&asOfTreeSize=x', 'asOfTreeSize'],
      ['?financialYear=2025&asOfTreeSize=999', 'asOfTreeSize'],
      ['?financialYear=2025&colour=blue', 'colour'],
    ] as const) {
      const p = await problem(query);
      expect({ query, status: p.status, type: p.type, fields: p.fields }).toEqual({ query, status: 400, type: 'application/problem+json', fields: [field] });
    }
    expect((await problem('?financialYear=2025&asOfTreeSize=999')).body.errors[0].message).toMatch(/no signed head .* tree size 999 \(the latest has 11\)/);
    const badId = await problem('?financialYear=2025', 'not-a-uuid');
    expect({ status: badId.status, fields: badId.fields }).toEqual({ status: 400, fields: ['id'] });
    const unknown = await problem('?financialYear=2025', '00000000-0000-4000-8000-000000000000');
    expect({ status: unknown.status, fields: unknown.fields }).toEqual({ status: 404, fields: ['id'] });
    expect(unknown.body.detail).toContain('00000000-0000-4000-8000-000000000000');
    // A read: nothing was recorded by any of it.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [cast.societyA.id]);
    expect(n).toBe(11);
  });

  it("takes the quarters ending in a society's own financial year (one ending on 30 June)", async () => {
    const society = await givenSociety(admin, { fyEndMonth: 6, fyEndDay: 30 });
    const own = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    await commit(own, society.id, 'income', '2024Q3', [income({ income_id: 'IN-2024Q3', period_from: '2024-07-01', period_to: '2024-09-30', amount: '10.00', received_on: '2024-08-01' })]);
    await commit(own, society.id, 'income', '2025Q3', [income({ income_id: 'IN-2025Q3', period_from: '2025-07-01', period_to: '2025-09-30', amount: '99.00', received_on: '2025-08-01' })]);
    const res = await download('?financialYear=2025', t.adminToken, society.id);
    const r = JSON.parse(res.bytes.toString('utf8'));
    expect(r).toMatchObject({ period: { from: '2024-07-01', to: '2025-06-30' }, quarters: ['2024Q3', '2024Q4', '2025Q1', '2025Q2'], publicationDeadline: '2026-02-28' });
    expect(r.revenue).toEqual({
      coverage: { type: 'income', periods: ['2024Q3'], missing: ['2024Q4', '2025Q1', '2025Q2'] },
      byCategoryAndUse: [{ category: 'performing', useType: 'radio', currency: 'EUR', amount: '10', lines: 1 }],
      totals: [{ currency: 'EUR', amount: '10', lines: 1 }],
    });
  });

  it('is in the OpenAPI document with its roles and shape', () => {
    const op = t.openApi.paths['/v1/societies/{id}/transparency-report']?.get as Record<string, any>;
    expect(op['x-public']).toBe(true); // public by law (Art. 22(1)): no token
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'financialYear', 'format', 'asOfTreeSize']));
    expect(JSON.stringify(t.openApi.components?.schemas?.TransparencyReportDto)).toContain('conservation');
  });

  it('keeps a computed report for the next reader of the same head, and computes a new head afresh', async () => {
    const service = t.app.get(TransparencyService);
    const computed = jest.spyOn(t.app.get(TransparencyRepository), 'distribution');
    try {
      service.forgetReports();
      // And the answers the HTTP edge keeps (docs/answer-cache.md): this is about the service's own.
      await t.dataSource.query('DELETE FROM answer_cache');
      const a = await download('?financialYear=2025');
      const b = await download('?financialYear=2025&format=csv', cast.tokens.regulator);
      expect(computed).toHaveBeenCalledTimes(1);
      expect(b.sha).toBe(a.sha);
      // Another year is another report; a new head (a commit) too.
      await download('?financialYear=2024');
      expect(computed).toHaveBeenCalledTimes(2);
      await commit(societyA, cast.societyA.id, 'board', '2025Q4', [boardMember({ member_id: 'B-CACHE' })]);
      const c = await download('?financialYear=2025');
      expect(computed).toHaveBeenCalledTimes(3);
      expect(JSON.parse(c.bytes.toString('utf8')).head.treeSize).toBe(JSON.parse(a.bytes.toString('utf8')).head.treeSize + 1);
    } finally {
      computed.mockRestore();
    }
  });
});
