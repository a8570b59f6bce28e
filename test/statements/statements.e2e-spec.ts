import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type LineProofBundle, parseKeySet, verifyLineProof, verifyTreeHead } from '../../libs/merkle/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenStatementWorld, type StatementWorld, WORK_OF_A } from './support.js';

describe('rights-holder statements', () => {
  let t: TestApp;
  let w: StatementWorld;
  let admin: Http;
  let holderA: Http;
  const statementOf = (who: Http, id: string, query: string) => who.get(`/v1/rights-holders/${id}/statement?${query}`);

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    w = await givenStatementWorld(t);
    holderA = admin.as(w.tokens.holderA);
  });
  afterAll(async () => t?.close());

  it('gives, per society, the Art. 18 amounts converted line by line, totals exactly the sum of the lines', async () => {
    const res = await statementOf(holderA, w.holderA.id, 'year=2025&currency=EUR');
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({ rightsHolderId: w.holderA.id, rightsHolderName: w.holderA.name, year: 2025, currency: 'EUR' });
    const byId = Object.fromEntries(s.societies.map((x: { societyId: string }) => [x.societyId, x]));
    expect(Object.keys(byId).sort()).toEqual([w.societyA.id, w.societyB.id, w.societyC.id].sort());
    // Society A: L-1 paid 2025-03-30 at RUB 0.0105 (1000 → 10.50, 150 → 1.575 → 1.58, 20 → 0.21, net 8.71);
    // L-2 unpaid, last day of use 2025-02-28 at RUB 0.0100 (333.33 → 3.3333 → 3.33, 50 → 0.50, net 2.83).
    expect(byId[w.societyA.id]).toMatchObject({
      revenueAttributed: '13.83',
      managementFees: '2.08',
      otherDeductions: '0.21',
      paidTotal: '8.71',
      outstanding: '2.83',
      paid: [
        { category: 'performing', useType: 'radio', amount: '8.71' },
        { category: 'performing', useType: 'tv', amount: '0.00' },
      ],
      periodOfUse: { from: '2025-01-01', to: '2025-03-31' },
      lines: 2,
      nonContractual: { amount: '3.33', lines: 1 },
      // Only L-2 is declared non-contractual, but the holder's mandate at society A is for Russia and both lines are for uses in
      // France: according to the mandate register, both were managed without a mandate.
      verifiedNonContractual: { amount: '13.83', lines: 2 },
      rates: [
        { currency: 'RUB', rateDate: '2025-01-01', rateToEur: '0.01' },
        { currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' },
      ],
    });
    expect(byId[w.societyA.id].mandates).toEqual([expect.objectContaining({ category: 'performing', territories: ['RU'], basis: 'contractual', validTo: null })]);
    // Society B: 100 SEK at 0.09 → 9.00, fee 0.90, net 8.10.
    expect(byId[w.societyB.id]).toMatchObject({ revenueAttributed: '9.00', managementFees: '0.90', paidTotal: '8.10', outstanding: '0.00', lines: 1, mandates: [] });
    // Society C: a mandate and no line.
    expect(byId[w.societyC.id]).toMatchObject({ revenueAttributed: '0.00', lines: 0, byUse: [], head: null, mandates: [expect.objectContaining({ category: 'mechanical' })] });
    expect(s.totals).toEqual({ revenueAttributed: '22.83', managementFees: '2.98', otherDeductions: '0.21', paid: '16.81', outstanding: '2.83', lines: 3 });
    expect(s.rates.map((r: { currency: string; rateDate: string }) => `${r.currency} ${r.rateDate}`)).toEqual(['RUB 2025-01-01', 'RUB 2025-03-01', 'SEK 2025-01-01']);
  });

  it('names the signed head each society part was built from (a head that verifies)', async () => {
    const s = (await statementOf(holderA, w.holderA.id, 'year=2025')).body;
    const keys = parseKeySet((await admin.get('/v1/log/keys')).body);
    const a = s.societies.find((x: { societyId: string }) => x.societyId === w.societyA.id);
    const logHead = (await holderA.get(`/v1/societies/${w.societyA.id}/log/head`)).body;
    expect(a.head).toEqual(logHead);
    expect(a.head.treeSize).toBe(2);
    expect(verifyTreeHead(a.head, keys)).toEqual({ ok: true });
  });

  it('converts to a non-euro currency through the euro, lines in it untouched', async () => {
    const s = (await statementOf(holderA, w.holderA.id, 'year=2025&currency=RUB')).body;
    const a = s.societies.find((x: { societyId: string }) => x.societyId === w.societyA.id);
    const b = s.societies.find((x: { societyId: string }) => x.societyId === w.societyB.id);
    expect(a).toMatchObject({ revenueAttributed: '1333.33', managementFees: '200.00', otherDeductions: '20.00', paidTotal: '830.00', outstanding: '283.33', rates: [] });
    // 100 SEK × 0.09 / 0.0105 (RUB on 2025-03-15) = 857.142857… → 857.14; fee 85.714… → 85.71; net 771.43.
    expect(b).toMatchObject({ revenueAttributed: '857.14', managementFees: '85.71', paidTotal: '771.43' });
    expect(b.rates).toEqual([
      { currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' },
      { currency: 'SEK', rateDate: '2025-01-01', rateToEur: '0.09' },
    ]);
    expect(s.totals.revenueAttributed).toBe('2190.47');
  });

  it('takes the lines whose use ended in the year asked', async () => {
    const s = (await statementOf(holderA, w.holderA.id, 'year=2024&currency=RUB')).body;
    const a = s.societies.find((x: { societyId: string }) => x.societyId === w.societyA.id);
    expect(a).toMatchObject({ revenueAttributed: '500.00', lines: 1, periodOfUse: { from: '2024-10-01', to: '2024-12-31' } });
    expect(s.totals.lines).toBe(1);
  });

  it('lists every line with its conversion and a proof that verifies; the pages add up to the statement', async () => {
    const keys = parseKeySet((await admin.get('/v1/log/keys')).body);
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await holderA.get(`/v1/rights-holders/${w.holderA.id}/statement/lines?year=2025&currency=EUR&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(items).toHaveLength(3);
    const cents = (x: string) => BigInt(x.replace('.', ''));
    expect(items.reduce((n, i) => n + cents(i.converted.gross), 0n)).toBe(2283n);
    const l1 = items.find((i) => i.societyId === w.societyA.id && i.lineId === 'L-1');
    expect(l1).toMatchObject({
      original: { currency: 'RUB', gross: '1000.00', managementFee: '150.00', otherDeductions: '20.00', net: '830.00' },
      converted: { currency: 'EUR', gross: '10.50', managementFee: '1.58', otherDeductions: '0.21', net: '8.71' },
      workIswc: 'T0345246801',
      proof: `/v1/submissions/${w.submissions.a2025.id}/lines/L-1/proof`,
    });
    for (const item of items) {
      const proof = await holderA.get<LineProofBundle>(item.proof);
      expect(proof.status).toBe(200);
      expect(verifyLineProof(proof.body, keys)).toMatchObject({ ok: true });
      expect(JSON.parse(proof.body.leaf)).toMatchObject({ line_id: item.lineId, gross: item.original.gross.replace(/\.?0+$/, '') });
    }
    const onlyB = await holderA.get(`/v1/rights-holders/${w.holderA.id}/statement/lines?year=2025&societyId=${w.societyB.id}`);
    expect(onlyB.body.items.map((i: { societyId: string }) => i.societyId)).toEqual([w.societyB.id]);
  });

  it('serves CSV: one row per society × category × type of use', async () => {
    const res = await holderA.get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025&currency=EUR&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="statement-2025-EUR-/);
    const rows = res.text.trim().split('\r\n').map((r) => r.split(','));
    const header = rows[0];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const data = rows.slice(1);
    expect(data).toHaveLength(4); // A: radio, tv; B: online; C: mandate only
    const radio = data.find((r) => col(r, 'society_id') === w.societyA.id && col(r, 'use_type') === 'radio')!;
    expect([col(radio, 'revenue_attributed'), col(radio, 'management_fees'), col(radio, 'paid'), col(radio, 'head_tree_size')]).toEqual(['10.50', '1.58', '8.71', '2']);
    const sum = data.reduce((n, r) => n + BigInt(col(r, 'revenue_attributed').replace('.', '')), 0n);
    expect(sum).toBe(2283n);
  });

  it('serves a PDF', async () => {
    const res = await fetch(`${t.baseUrl}/v1/rights-holders/${w.holderA.id}/statement?year=2025&format=pdf`, { headers: { authorization: `Bearer ${w.tokens.holderA}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a bad year, currency or format with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['currency=EUR', 'year'],
      ['year=25', 'year'],
      ['year=2025x', 'year'],
      ['year=2025&currency=EURO', 'currency'],
      ['year=2025&currency=eur', 'currency'],
      ['year=2025&currency=XXX', 'currency'],
      ['year=2025&format=xlsx', 'format'],
      ['year=2025&lines=true', 'lines'],
    ];
    for (const [query, field] of cases) {
      const res = await statementOf(holderA, w.holderA.id, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const lines = await holderA.get(`/v1/rights-holders/${w.holderA.id}/statement/lines?year=2025&cursor=nonsense`);
    expect(lines.status).toBe(400);
    expect(lines.body.errors[0].field).toBe('cursor');
    expect((await holderA.get(`/v1/rights-holders/not-a-uuid/statement?year=2025`)).status).toBe(400);
  });

  it('answers 422 naming the currency and day when a rate is missing', async () => {
    const res = await statementOf(holderA, w.holderA.id, 'year=2025&currency=JPY');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/No exchange rate for JPY on or before 2025-0/);
    expect(res.body.errors).toEqual([{ field: 'currency', message: expect.stringMatching(/^no exchange rate for JPY on or before 2025-0\d-\d\d$/) }]);
    expect(res.body.missingRate).toMatchObject({ currency: 'JPY' });
  });

  it('counts only committed submissions: a resubmission replaces what it supersedes', async () => {
    await commit(admin.as(w.tokens.societyB), w.societyB.id, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: w.holderA.ipi, rights_holder_name: w.holderA.name, work_iswc: WORK_OF_A, use_type: 'online', currency: 'SEK', gross: '200.00', management_fee: '20.00', other_deductions: '0.00', net: '180.00', paid_on: '2025-03-15' }),
    ]);
    const s = (await statementOf(holderA, w.holderA.id, 'year=2025')).body;
    const b = s.societies.find((x: { societyId: string }) => x.societyId === w.societyB.id);
    expect(b).toMatchObject({ revenueAttributed: '18.00', lines: 1, head: expect.objectContaining({ treeSize: 2 }) });
  });
});
