import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { commit, deduction, distribution, income, transfer, undistributed } from './support.js';

describe('journal: balanced entries, balances as of a date, reconciliation per financial year', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  /** A society whose financial year ends on 30 June: FY 2025 is 2024-07-01 to 2025-06-30. */
  let societyId: string;
  let society: Http;
  let firstIncome: { id: string };

  const balances = (asOf: string, as: Http = society) => as.get(`/v1/societies/${societyId}/balances?asOf=${asOf}`);
  const reconciliation = (year: number | string, as: Http = society) => as.get(`/v1/societies/${societyId}/reconciliation?financialYear=${year}`);

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    societyId = (await givenSociety(admin, { fyEndMonth: 6, fyEndDay: 30 })).id;
    society = admin.as(await tokenFor(admin, 'society', { societyId }));

    firstIncome = await commit(society, societyId, 'income', '2025Q1', [income(), income({ income_id: 'INC-2', category: 'mechanical', use_type: 'physical', amount: '500.00' })]);
    await commit(society, societyId, 'deductions', '2025Q1', [deduction()]);
    await commit(society, societyId, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: cast.holderA.ipi }),
      distribution({ line_id: 'L-2', rights_holder_ipi: cast.holderB.ipi, gross: '240.00', management_fee: '36.00', other_deductions: '4.00', net: '200.00', status: 'unpaid', paid_on: '' }),
    ]);
    await commit(society, societyId, 'inter-society', '2025Q1', [
      transfer(),
      transfer({ transfer_id: 'TR-2', direction: 'in', category: 'mechanical', currency: 'EUR', amount: '30.00', paid_on: '2025-02-20' }),
    ]);
    await commit(society, societyId, 'undistributed', '2025Q1', [undistributed()]);
  });
  afterAll(async () => t?.close());

  it('posts entries that each sum to zero per currency, one per economic event', async () => {
    const unbalanced = await t.dataSource.query(
      `SELECT entry_id, currency, sum(amount)::text FROM journal_postings WHERE society_id = $1 GROUP BY entry_id, currency HAVING sum(amount) <> 0`,
      [societyId],
    );
    expect(unbalanced).toEqual([]);
    const kinds = await t.dataSource.query(`SELECT kind, count(*)::int AS n FROM journal_entries WHERE society_id = $1 GROUP BY kind ORDER BY kind`, [societyId]);
    expect(kinds).toEqual([
      { kind: 'deductions', n: 1 },
      { kind: 'distribution-lines', n: 1 },
      { kind: 'distribution-lines:payment', n: 1 },
      { kind: 'income', n: 1 },
      { kind: 'inter-society:in', n: 1 },
      { kind: 'inter-society:out', n: 1 },
      { kind: 'undistributed', n: 1 },
    ]);
  });

  it("refuses a posting whose entry does not exist, whichever row of a statement it is, and keeps nothing of that statement", async () => {
    // The entries' check runs once per statement (migration 1765101400100), in place of a foreign key checked row by row.
    const [entry] = await t.dataSource.query(`SELECT id FROM journal_entries WHERE society_id = $1 AND kind = 'income'`, [societyId]);
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM journal_postings WHERE society_id = $1`, [societyId]);
    const missing = '00000000-0000-4000-8000-000000000001';
    const attempts = [
      // One row, its entry unknown.
      [[missing, 1]],
      // The entry of another society (keys pair society_id with the entry).
      [[(await commit(admin, cast.societyA.id, 'income', '2025Q1', [income()])) && (await t.dataSource.query(`SELECT id FROM journal_entries WHERE society_id = $1 LIMIT 1`, [cast.societyA.id]))[0].id, 1]],
      // Many rows, one of them (the last) without its entry.
      [...Array.from({ length: 50 }, (_, i) => [entry.id, 100 + i]), [missing, 1]],
    ];
    for (const rows of attempts) {
      const error = await t.dataSource
        .query(
          `INSERT INTO journal_postings (society_id, entry_id, posting_no, account, currency, amount)
           SELECT $1, e, n, 'cash', 'RUB', 0 FROM unnest($2::uuid[], $3::int[]) AS x(e, n)`,
          [societyId, rows.map((r) => r[0]), rows.map((r) => r[1])],
        )
        .then(() => null, (e: { message: string; driverError?: { code?: string; detail?: string; constraint?: string } }) => e);
      expect(error?.driverError?.code).toBe('23503');
      expect(error?.driverError?.constraint).toBe('journal_postings_society_id_entry_id_fkey');
      expect(error?.driverError?.detail).toMatch(/^Key \(society_id, entry_id\)=\([0-9a-f-]{36}, [0-9a-f-]{36}\) is not present in table "journal_entries"\.$/);
    }
    const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM journal_postings WHERE society_id = $1`, [societyId]);
    expect(after).toBe(before);
  });

  it('gives the balance of every account as of a date, as decimal strings', async () => {
    const res = await balances('2025-03-31');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      societyId,
      asOf: '2025-03-31',
      balances: [
        { account: 'cash', currency: 'EUR', balance: '1030' },
        { account: 'deductions:management', currency: 'EUR', balance: '-150' },
        { account: 'due-to:904', currency: 'EUR', balance: '-50' },
        ...[
          { account: `payable:${cast.holderA.id}`, currency: 'EUR', balance: '0' },
          { account: `payable:${cast.holderB.id}`, currency: 'EUR', balance: '-200' },
        ].sort((a, b) => (a.account < b.account ? -1 : 1)),
        { account: 'pool:mechanical', currency: 'EUR', balance: '-530' },
        { account: 'pool:performing', currency: 'EUR', balance: '0' },
        { account: 'undistributed:performing', currency: 'EUR', balance: '-100' },
      ],
    });
    expect((await balances('2025-03-30')).body.balances).toEqual([]);
  });

  it('reconciles a financial year per category: collected = deductions + distributed + to other societies + undistributed, listing every difference', async () => {
    const res = await reconciliation(2025);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      societyId,
      financialYear: 2025,
      from: '2024-07-01',
      to: '2025-06-30',
      categories: [
        { category: 'mechanical', currency: 'EUR', collected: '530', deductions: '0', distributed: '0', toOtherSocieties: '0', undistributed: '0', difference: '530' },
        { category: 'performing', currency: 'EUR', collected: '1000', deductions: '150', distributed: '700', toOtherSocieties: '50', undistributed: '100', difference: '0' },
      ],
      differences: [{ category: 'mechanical', currency: 'EUR', difference: '530' }],
      balanced: false,
    });
    // The quarter after the year end belongs to the next financial year.
    await commit(society, societyId, 'income', '2025Q3', [income({ category: 'mechanical', period_from: '2025-07-01', period_to: '2025-09-30', received_on: '2025-08-01', amount: '10.25' })]);
    expect((await reconciliation(2026)).body.categories).toEqual([
      { category: 'mechanical', currency: 'EUR', collected: '10.25', deductions: '0', distributed: '0', toOtherSocieties: '0', undistributed: '0', difference: '10.25' },
    ]);
    expect((await reconciliation(2025)).body.categories[0].collected).toBe('530');
    expect((await reconciliation(2024)).body).toMatchObject({ from: '2023-07-01', to: '2024-06-30', categories: [], differences: [], balanced: true });
  });

  it('corrects a quarter by reversing entries with a reason, never by editing them', async () => {
    const corrected = await commit(society, societyId, 'income', '2025Q1', [income({ amount: '1200.00' }), income({ income_id: 'INC-2', category: 'mechanical', use_type: 'physical', amount: '500.00' })]);
    const entries = await t.dataSource.query(
      `SELECT e.submission_id AS "submissionId", e.reverses IS NOT NULL AS reversal, e.reason, e.entry_date::text AS date
       FROM journal_entries e WHERE e.society_id = $1 AND e.kind = 'income' AND e.entry_date = '2025-03-31' ORDER BY e.recorded_at, e.reverses IS NULL`,
      [societyId],
    );
    expect(entries).toEqual([
      { submissionId: firstIncome.id, reversal: false, reason: null, date: '2025-03-31' },
      { submissionId: corrected.id, reversal: true, reason: `superseded by submission ${corrected.id}`, date: '2025-03-31' },
      { submissionId: corrected.id, reversal: false, reason: null, date: '2025-03-31' },
    ]);
    const performing = (await reconciliation(2025)).body.categories.find((c: { category: string }) => c.category === 'performing');
    expect(performing).toMatchObject({ collected: '1200', difference: '200' });
    expect((await balances('2025-03-31')).body.balances.find((b: { account: string }) => b.account === 'cash').balance).toBe('1230');
    const totals = await t.dataSource.query(`SELECT currency, sum(amount)::text AS total FROM journal_postings WHERE society_id = $1 GROUP BY currency`, [societyId]);
    expect(totals).toEqual([{ currency: 'EUR', total: '0.00000000' }]);
  });

  it('answers bad queries with a 400 naming the parameter', async () => {
    const fields = async (res: Promise<{ status: number; body: { errors?: { field: string }[] } }>) => {
      const r = await res;
      return [r.status, [...new Set(r.body.errors?.map((e) => e.field))]];
    };
    expect(await fields(society.get(`/v1/societies/${societyId}/reconciliation`))).toEqual([400, ['financialYear']]);
    expect(await fields(reconciliation('abc'))).toEqual([400, ['financialYear']]);
    expect(await fields(reconciliation(1899))).toEqual([400, ['financialYear']]);
    expect(await fields(balances('2025-02-30'))).toEqual([400, ['asOf']]);
    expect(await fields(balances('yesterday'))).toEqual([400, ['asOf']]);
    expect(await fields(society.get(`/v1/societies/${societyId}/balances?asOf=2025-01-01&extra=1`))).toEqual([400, ['extra']]);
    // Without asOf: today.
    const today = await society.get(`/v1/societies/${societyId}/balances`);
    expect(today.body.asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  it("shows a society only its own journal; regulators and admins any; rights holders none", async () => {
    for (const get of [(as: Http) => balances('2025-03-31', as), (as: Http) => reconciliation(2025, as)]) {
      expect((await get(admin.as(cast.tokens.societyA))).status).toBe(404);
      expect((await get(admin.as(cast.tokens.holderA))).status).toBe(403);
      expect((await get(admin.as(cast.tokens.regulator))).status).toBe(200);
      expect((await get(admin)).status).toBe(200);
      expect((await get(admin.as(undefined))).status).toBe(401);
    }
  });
});
