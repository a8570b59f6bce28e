import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DomainError } from '../../libs/errors/src/index.js';
import { type BulkMandateRow, MandatesService } from '../../libs/mandates/src/index.js';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenMandate, mandateBody, put } from './factories.js';
import { createEmptySubmissionPartition } from '../../libs/submissions/src/storage/line-partitions.js';

describe('mandates: append-only history, concurrency, non-contractual visibility, bulk load', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
  });
  afterAll(async () => t?.close());

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('refuses UPDATE, DELETE and TRUNCATE on mandates, their versions and the policies in the database itself', async () => {
    const m = await givenMandate(admin, cast.holderA.id, cast.societyA.id, { category: 'producers', workType: 'sound-recording' });
    await put(admin, `/v1/societies/${cast.societyA.id}/mandate-policy`, { noticeMonths: 1, terminateAtFinancialYearEnd: false });
    const attempts = [
      [`UPDATE mandate_versions SET valid_to = '2000-01-01' WHERE mandate_id = $1`, [m.id]],
      [`DELETE FROM mandate_versions WHERE mandate_id = $1`, [m.id]],
      [`UPDATE mandates SET rights_holder_id = $2 WHERE id = $1`, [m.id, cast.holderB.id]],
      [`DELETE FROM mandates WHERE id = $1`, [m.id]],
      [`UPDATE mandate_policies SET notice_months = 6 WHERE society_id = $1`, [cast.societyA.id]],
      [`DELETE FROM mandate_policies WHERE society_id = $1`, [cast.societyA.id]],
      [`TRUNCATE mandate_versions`, []],
      [`TRUNCATE mandate_policies`, []],
    ] as const;
    // A plain client (the app's DataSource would log each refusal).
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      for (const [sql, params] of attempts) {
        await expect(client.query(sql, [...params])).rejects.toThrow(/mandate history is append-only/);
      }
    } finally {
      await client.end();
    }
    const after = await admin.get(`/v1/mandates/${m.id}`);
    expect(after.body).toMatchObject({ rightsHolderId: cast.holderA.id, validTo: null, version: 1 });
    expect((await admin.get(`/v1/societies/${cast.societyA.id}/mandate-policy`)).body.noticeMonths).toBe(1);
  });

  it('lets only one of many concurrent exclusive mandates for the same right through (the holder is locked during the check)', async () => {
    const holder = await givenRightsHolder(admin);
    const societies = await Promise.all(Array.from({ length: 8 }, () => givenSociety(admin)));
    const results = await Promise.all(
      societies.map((s) => admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(s.id, { territories: ['WORLD'], validFrom: '2024-01-01' }))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const stored = await admin.get(`/v1/rights-holders/${holder.id}/mandates`);
    expect(stored.body.items).toHaveLength(1);
  });

  describe('non-contractual management made visible', () => {
    /** Lines as a package leaves them: `derived` is the mandate status derived at commit (null: committed before the derivation existed). */
    async function committedLines(societyId: string, status: string, lines: { holder: string | null; currency: string; gross: string; basis: string; derived: string | null }[]) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO submissions (society_id, type, period, status, sha256, byte_size, storage_path) VALUES ($1, 'distribution-lines', '2025Q1', $2, $3, 0, 'test') RETURNING id`,
        [societyId, status, randomBytes(32)],
      );
      const runner = t.dataSource.createQueryRunner();
      await createEmptySubmissionPartition(runner, 'distribution_lines', societyId, id).finally(() => runner.release());
      for (const [i, l] of lines.entries()) {
        await t.dataSource.query(
          `INSERT INTO distribution_lines (society_id, submission_id, line_no, line_id, rights_holder_id, rights_holder_name, work_title, category, use_type, territory,
             use_from, use_to, currency, gross, management_fee, other_deductions, net, status, mandate_basis, mandate_status, leaf_hash)
           VALUES ($1, $2, $3, $4, $5, 'Name', 'Work', 'performing', 'radio', 'RU', '2025-01-01', '2025-03-31', $6, $7, 0, 0, $7, 'unpaid', $8, $9, $10)`,
          [societyId, id, i + 1, `L${i + 1}`, l.holder, l.currency, l.gross, l.basis, l.derived, randomBytes(32)],
        );
      }
    }

    it('counts the rights holders and sums the money a society manages without a mandate, per currency, against the total', async () => {
      const society = await givenSociety(admin);
      const other = await givenSociety(admin);
      const [h1, h2, h3] = [await givenRightsHolder(admin), await givenRightsHolder(admin), await givenRightsHolder(admin)];
      await givenMandate(admin, h1.id, society.id, { validFrom: '2020-01-01' });
      await givenMandate(admin, h2.id, society.id, { basis: 'non-contractual', exclusive: false, validFrom: '2020-01-01' });
      await givenMandate(admin, h3.id, society.id, { basis: 'non-contractual', exclusive: false, validFrom: '2020-01-01', validTo: '2024-12-31' });
      // Declared (mandate_basis) and verified (the status derived from the register) differ:
      // h1's second line is labelled contractual but its rights were entrusted to another
      // society; h2's EUR line was committed before statuses were derived (in neither verified amount).
      await committedLines(society.id, 'committed', [
        { holder: h1.id, currency: 'RUB', gross: '100.50', basis: 'contractual', derived: 'mandated' },
        { holder: h2.id, currency: 'RUB', gross: '200.25', basis: 'non-contractual', derived: 'no-mandate' },
        { holder: h3.id, currency: 'EUR', gross: '10', basis: 'non-contractual', derived: 'no-mandate' },
        { holder: null, currency: 'RUB', gross: '0.00000001', basis: 'non-contractual', derived: 'unidentified' },
        { holder: h1.id, currency: 'RUB', gross: '50', basis: 'contractual', derived: 'entrusted-elsewhere' },
        { holder: h2.id, currency: 'EUR', gross: '5', basis: 'non-contractual', derived: null },
      ]);
      // None of these count: not committed, or another society's.
      await committedLines(society.id, 'superseded', [{ holder: h2.id, currency: 'RUB', gross: '1000', basis: 'non-contractual', derived: 'no-mandate' }]);
      await committedLines(society.id, 'rejected', [{ holder: h1.id, currency: 'USD', gross: '5', basis: 'non-contractual', derived: 'no-mandate' }]);
      await committedLines(other.id, 'committed', [{ holder: h1.id, currency: 'RUB', gross: '7', basis: 'non-contractual', derived: 'no-mandate' }]);

      const regulator = admin.as(cast.tokens.regulator);
      const report = await regulator.get(`/v1/societies/${society.id}/non-contractual?at=2025-06-01`);
      expect(report.status).toBe(200);
      expect(report.body).toEqual({
        societyId: society.id,
        at: '2025-06-01',
        rightsHolders: { nonContractual: 1, total: 2 },
        paidRightsHolders: { nonContractual: 2, total: 3 },
        money: [
          { currency: 'EUR', nonContractual: '15', total: '15', lines: 2, nonContractualLines: 2 },
          { currency: 'RUB', nonContractual: '200.25000001', total: '350.75000001', lines: 4, nonContractualLines: 2 },
        ],
        financialYear: null,
        declared: [
          { currency: 'EUR', amount: '15', holders: 2, lines: 2, total: '15', sharePercent: '100.00' },
          { currency: 'RUB', amount: '200.25000001', holders: 1, lines: 2, total: '350.75000001', sharePercent: '57.09' },
        ],
        verified: [
          { currency: 'EUR', amount: '10', holders: 1, lines: 1, total: '15', sharePercent: '66.67', entrustedElsewhere: '0', notDerivedLines: 1 },
          { currency: 'RUB', amount: '250.25', holders: 2, lines: 2, total: '350.75000001', sharePercent: '71.35', entrustedElsewhere: '50', notDerivedLines: 0 },
        ],
      });
      // The shares of one financial year: the lines whose use ended in it (all of them ended in 2025).
      const fy2025 = (await regulator.get(`/v1/societies/${society.id}/non-contractual?at=2025-06-01&financialYear=2025`)).body;
      expect(fy2025.financialYear).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
      expect({ declared: fy2025.declared, verified: fy2025.verified }).toEqual({ declared: report.body.declared, verified: report.body.verified });
      const fy2024 = (await regulator.get(`/v1/societies/${society.id}/non-contractual?financialYear=2024`)).body;
      expect({ financialYear: fy2024.financialYear, declared: fy2024.declared, verified: fy2024.verified }).toEqual({
        financialYear: { year: 2024, from: '2024-01-01', to: '2024-12-31' },
        declared: [],
        verified: [],
      });
      expect((await regulator.get(`/v1/societies/${society.id}/non-contractual?at=2024-06-01`)).body.rightsHolders).toEqual({ nonContractual: 2, total: 3 });
      // The society reads its own; another society, a rights holder or a bad date does not get through.
      const own = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
      expect((await own.get(`/v1/societies/${society.id}/non-contractual`)).status).toBe(200);
      expect((await admin.as(cast.tokens.societyB).get(`/v1/societies/${society.id}/non-contractual`)).status).toBe(404);
      expect((await admin.as(cast.tokens.holderA).get(`/v1/societies/${society.id}/non-contractual`)).status).toBe(403);
      const bad = await regulator.get(`/v1/societies/${society.id}/non-contractual?at=June`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('at');
      const badYear = await regulator.get(`/v1/societies/${society.id}/non-contractual?financialYear=25`);
      expect(badYear.status).toBe(400);
      expect(badYear.body.errors[0].field).toBe('financialYear');
    });
  });

  describe('bulk load for the mandates package (MandatesService.bulkRecord)', () => {
    let service: MandatesService;
    let society: { id: string };
    let h1: { id: string; ipi: string };
    let h2: { id: string; ipi: string };
    const row = (line: number, externalId: string, ipi: string, overrides: Partial<BulkMandateRow> = {}): BulkMandateRow => ({
      line,
      externalId,
      rightsHolderIpi: ipi,
      category: 'performing',
      workType: 'musical',
      territories: ['RU'],
      validFrom: '2022-01-01',
      validTo: null,
      basis: 'contractual',
      exclusive: true,
      ...overrides,
    });
    const load = (rows: BulkMandateRow[]) =>
      t.dataSource.transaction((m) => service.bulkRecord(m, society.id, rows, { recordedBy: 'society: bulk test', consentEvidence: 'submission S-1' }));
    const failure = async (rows: BulkMandateRow[]) => {
      try {
        await load(rows);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('bulkRecord accepted rows it should refuse');
    };

    beforeAll(async () => {
      service = t.app.get(MandatesService);
      society = await givenSociety(admin);
      h1 = await givenRightsHolder(admin);
      h2 = await givenRightsHolder(admin);
    });

    it('names every bad line and column, and writes nothing', async () => {
      const before = await count('mandate_versions');
      const e = await failure([
        row(2, 'M-1', h1.ipi, { workType: 'poem' }),
        row(3, 'M-2', '00000000000'),
        row(4, 'M-3', h2.ipi, { territories: ['RU', 'RU'] }),
        row(5, 'M-3', h2.ipi, { validFrom: '2025-01-01', validTo: '2024-01-01' }),
        row(6, 'M-4', h2.ipi, { basis: 'non-contractual', exclusive: true }),
      ]);
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe('validation');
      expect(e.errors).toEqual(
        expect.arrayContaining([
          { line: 2, column: 'work_type', message: expect.stringContaining('must be one of') },
          { line: 3, column: 'rights_holder_ipi', message: expect.stringContaining('no rights holder with IPI 00000000000') },
          { line: 4, column: 'territory', message: 'RU is listed twice' },
          { line: 5, column: 'valid_to', message: expect.stringContaining('must not be before valid_from') },
          { line: 5, column: 'mandate_id', message: 'mandate M-3 already appears on line 4' },
          { line: 6, column: 'exclusive', message: expect.stringContaining('cannot be exclusive') },
        ]),
      );
      expect(await count('mandate_versions')).toBe(before);
    });

    it('records a package, loads it again without duplicates, and amends a changed mandate as a new version', async () => {
      const first = await load([row(2, 'M-10', h1.ipi), row(3, 'M-11', h2.ipi, { basis: 'non-contractual', exclusive: false, territories: ['WORLD'], excludedTerritories: ['US'] })]);
      expect(first).toMatchObject({ created: 2, amended: 0, unchanged: 0 });
      const again = await load([row(2, 'M-10', h1.ipi), row(3, 'M-11', h2.ipi, { basis: 'non-contractual', exclusive: false, territories: ['WORLD'], excludedTerritories: ['US'] })]);
      expect(again).toEqual({ created: 0, amended: 0, unchanged: 2, mandateIds: first.mandateIds });
      const amended = await load([row(2, 'M-10', h1.ipi, { validTo: '2026-12-31' })]);
      expect(amended).toMatchObject({ created: 0, amended: 1, unchanged: 0 });
      const versions = await admin.get(`/v1/mandates/${first.mandateIds[0]}/versions`);
      expect(versions.body.items.map((v: { change: string; validTo: string | null }) => [v.change, v.validTo])).toEqual([
        ['created', null],
        ['amended', '2026-12-31'],
      ]);
      expect(versions.body.items[0]).toMatchObject({ externalId: 'M-10', consent: { recordedBy: 'society: bulk test', evidence: 'submission S-1, line 2' } });
      // The society now sees these holders, and its mandates list shows them.
      const own = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
      expect((await own.get(`/v1/rights-holders/${h2.id}`)).status).toBe(200);
      const list = await own.get(`/v1/societies/${society.id}/mandates`);
      expect(list.body.items.map((m: { externalId: string }) => m.externalId).sort()).toEqual(['M-10', 'M-11']);
    });

    it('refuses, naming the line, a row that overlaps an exclusive mandate the holder gave another society, or changes holder', async () => {
      const holder = await givenRightsHolder(admin);
      const elsewhere = await givenMandate(admin, holder.id, cast.societyB.id, { territories: ['WORLD'], category: 'mechanical' });
      const before = await count('mandate_versions');
      const e = await failure([
        row(2, 'M-20', holder.ipi, { territories: ['SE'], category: 'performing' }),
        row(3, 'M-21', holder.ipi, { territories: ['SE'], category: 'mechanical' }),
        row(4, 'M-10', h2.ipi),
      ]);
      expect(e.code).toBe('conflict');
      expect(e.errors).toEqual([
        { line: 3, column: 'mandate_id', message: expect.stringContaining(elsewhere.id) },
        { line: 4, column: 'rights_holder_ipi', message: expect.stringContaining('another rights holder') },
      ]);
      expect(await count('mandate_versions')).toBe(before);
    });
  });
});
