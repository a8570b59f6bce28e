import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registeredShares, reportedMoneyDistributed, unregisteredWorks } from '../../libs/audit/src/rules/payout-works-money.js';
import type { RuleContext, Sql } from '../../libs/audit/src/rules/rule.js';
import { commit, distribution } from '../ledger/support.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { iswcOf } from './fixtures.js';

/**
 * GET /v1/works/{id}/money and the unclaimed lines' register match over a works register
 * and DSR lines written straight into their tables (as the cwr and dsr packages write
 * them), so the route's reads are checked on their own; test/works-money/money.e2e-spec.ts
 * follows the same money through real CWR and DSR uploads.
 */
describe('GET /v1/works/{id}/money over a seeded register', () => {
  let t: TestApp;
  let admin: Http;
  let societyId: string;
  let workId: string;
  let otherWorkId: string;
  let publisher: { id: string; ipi: string; name: string };
  let writer: { id: string; ipi: string; name: string };
  const ISWC = iswcOf(11);
  const OTHER = iswcOf(12);
  const ISRC = 'DEAAA2500001';

  async function submission(type: string, period: string): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO submissions (society_id, type, period, status, sha256, byte_size, storage_path, rows, root, finished_at)
       VALUES ($1, $2, $3, 'committed', $4, 1, 'seeded', 1, $4, now()) RETURNING id`,
      [societyId, type, period, randomBytes(32)],
    );
    return id;
  }

  async function work(iswc: string, cwr: string, shares: [string, string, string][], isrc: string | null): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO works (society_id, number, iswc, submitter, submitter_work_number, title, current_version, submission_id, created_at, updated_at)
       VALUES ($1, $5, $2, 'PB123', $3, 'SEEDED WORK', 1, $4, now(), now()) RETURNING id`,
      [societyId, iswc, `SW${iswc.slice(-6)}`, cwr, Number(iswc.slice(-4))],
    );
    await t.dataSource.query(
      `INSERT INTO work_versions (society_id, work_id, version, transaction_type, submission_id, line, last_line, group_id, transaction_sequence, submitter, submitter_work_number, iswc, title, status, registration, recorded_at)
       VALUES ($1, $2, 1, 'NWR', $3, $4, $4, 1, 0, 'PB123', $5, $6, 'SEEDED WORK', 'AS', '{}', now())`,
      [societyId, id, cwr, Number(iswc.slice(-3)), `SW${iswc.slice(-6)}`, iswc],
    );
    let seq = 0;
    for (const [ipi, name, share] of shares) {
      for (const right of ['PR', 'MR']) {
        await t.dataSource.query(
          `INSERT INTO work_shares (society_id, work_id, version, seq, party_no, party_kind, record_type, controlled, ip_number, ipi_name_number, name, role, kind, "right", society_code, share, line)
           VALUES ($1, $2, 1, $3, $4, $5, $6, true, $7, $8, $9, $10, 'ownership', $11, '052', $12, 2)`,
          [societyId, id, ++seq, seq, ipi === publisher.ipi ? 'publisher' : 'writer', ipi === publisher.ipi ? 'SPU' : 'SWR', `IP${seq}`, ipi, name, ipi === publisher.ipi ? 'E' : 'CA', right, share],
        );
      }
    }
    if (isrc) {
      await t.dataSource.query(`INSERT INTO work_recordings (society_id, work_id, version, seq, isrc, recording_title, line) VALUES ($1, $2, 1, 1, $3, 'SEEDED WORK', 3)`, [societyId, id, isrc]);
    }
    return id;
  }

  async function dsrLine(submissionId: string, lineNo: number, o: { iswc: string | null; isrc: string; amount: string; usages: string }) {
    await t.dataSource.query(
      `INSERT INTO dsr_lines (society_id, submission_id, line_no, upload_line, income_id, message_id, dsp_party_id, dsp_name, service, summary_record_id, block_id,
                              sales_transaction_id, iswc, work_title, contributors, isrc, recording_title, display_artist, dsp_resource_id, use_type, commercial_model,
                              territory, period_from, period_to, currency, usages, amount, revenue_basis, rights_type, category, leaf_hash)
       VALUES ($1, $2, $3, $4, $10, 'MSG-1', 'PADPIDA2013020802I', 'Stream Co', 'Premium', 'S1', 'B1', NULL, $5, NULL, NULL, $6, 'Seeded', 'Artist', NULL,
               'OnDemandStream', 'SubscriptionModel', 'DE', '2025-01-01', '2025-03-31', 'EUR', $7, $8, 'pro-rata', NULL, 'making-available', $9)`,
      [societyId, submissionId, lineNo, lineNo + 5, o.iswc, o.isrc, o.usages, o.amount, randomBytes(32), String(lineNo + 5)],
    );
  }

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    societyId = (await givenSociety(admin, { country: 'DE', currency: 'EUR' })).id;
    publisher = await givenRightsHolder(admin, { kind: 'publisher', country: 'DE' });
    writer = await givenRightsHolder(admin, { kind: 'composer', country: 'DE' });
    const cwr = await submission('cwr', '2025Q1');
    workId = await work(ISWC, cwr, [[publisher.ipi, 'PUBLISHER', '50'], [writer.ipi, 'WRITER', '50']], null);
    otherWorkId = await work(OTHER, cwr, [[publisher.ipi, 'PUBLISHER', '50'], [writer.ipi, 'WRITER', '50']], ISRC);
    const dsr = await submission('dsr', '2025Q2');
    await dsrLine(dsr, 1, { iswc: ISWC, isrc: 'DEAAA2500009', amount: '60.00', usages: '6' });
    await dsrLine(dsr, 2, { iswc: ISWC, isrc: 'DEAAA2500009', amount: '40.00', usages: '4' });
    await dsrLine(dsr, 3, { iswc: null, isrc: ISRC, amount: '10.00', usages: '1' });
    const paid = { category: 'making-available', use_type: 'online', territory: 'DE', use_from: '2025-01-01', use_to: '2025-03-31', management_fee: '0', other_deductions: '0', paid_on: '2025-08-01' };
    await commit(admin, societyId, 'distribution-lines', '2025Q3', [
      distribution({ ...paid, line_id: 'P', rights_holder_ipi: publisher.ipi, rights_holder_name: publisher.name, work_iswc: ISWC, gross: '30.00', net: '30.00' }),
      distribution({ ...paid, line_id: 'W', rights_holder_ipi: writer.ipi, rights_holder_name: writer.name, work_iswc: ISWC, gross: '70.00', net: '70.00' }),
      // Use in 2024: not this year's money, and overlapping no reported period.
      distribution({ ...paid, line_id: 'OLD', rights_holder_ipi: writer.ipi, rights_holder_name: writer.name, work_iswc: ISWC, use_from: '2024-01-01', use_to: '2024-03-31', gross: '5.00', net: '5.00' }),
      distribution({ ...paid, line_id: 'ORPHAN', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 4)', work_iswc: OTHER, status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual', gross: '3.00', net: '3.00' }),
    ]);
  });
  afterAll(async () => t?.close());

  it('gives the reported revenue, the distributed lines and each holder registered against paid', async () => {
    const society = admin.as(await tokenFor(admin, 'society', { societyId }));
    const res = await society.get(`/v1/works/${workId}/money?financialYear=2025`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workId, societyId, iswc: ISWC, financialYear: 2025, from: '2025-01-01', to: '2025-12-31', distributeBy: '2026-09-30', isrcs: [], tolerancePoints: '0.5' });
    expect(res.body.reported).toMatchObject({ totals: [{ currency: 'EUR', amount: '100', usages: '10', lines: 2 }], linesTotal: 2 });
    expect(res.body.reported.lines.map((l: { lineNo: number; matchedBy: string; amount: string; period: string }) => [l.lineNo, l.matchedBy, l.amount, l.period])).toEqual([
      [1, 'iswc', '60', '2025Q2'],
      [2, 'iswc', '40', '2025Q2'],
    ]);
    expect(res.body.distributed).toMatchObject({ totals: [{ currency: 'EUR', gross: '100', net: '100', paidNet: '100', lines: 2 }], linesTotal: 2 });
    expect(res.body.distributed.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['P', 'W']);
    const performing = res.body.shares.filter((s: { right: string }) => s.right === 'performing');
    expect(performing.map((s: { ipi: string; registeredShare: string; paidShare: string; differencePoints: string; withinTolerance: boolean }) => [s.ipi, s.registeredShare, s.paidShare, s.differencePoints, s.withinTolerance])).toEqual(
      [
        [publisher.ipi, '50.00', '30.00', '-20.00', false],
        [writer.ipi, '50.00', '70.00', '20.00', false],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    // Nothing was distributed as a mechanical right: the registered shares, nothing to compare.
    expect(res.body.shares.filter((s: { right: string }) => s.right === 'mechanical').every((s: { paidShare: null; withinTolerance: null }) => s.paidShare === null && s.withinTolerance === null)).toBe(true);
    const wide = await society.get(`/v1/works/${workId}/money?financialYear=2025&tolerancePoints=20`);
    expect(wide.body.shares.filter((s: { withinTolerance: boolean | null }) => s.withinTolerance === false)).toEqual([]);
  });

  it('finds revenue reported by ISRC only, through the recordings the register lists', async () => {
    const res = await admin.get(`/v1/works/${otherWorkId}/money?financialYear=2025`);
    expect(res.body.isrcs).toEqual([ISRC]);
    expect(res.body.reported.lines).toEqual([expect.objectContaining({ lineNo: 3, matchedBy: 'isrc', iswc: null, isrc: ISRC, amount: '10' })]);
    expect(res.body.distributed.lines).toEqual([expect.objectContaining({ lineId: 'ORPHAN', status: 'unidentified', rightsHolderIpi: null })]);
    const empty = await admin.get(`/v1/works/${workId}/money?financialYear=2024`);
    expect(empty.body.reported).toEqual({ totals: [], lines: [], linesTotal: 0 });
    expect(empty.body.distributed.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['OLD']);
  });

  it('answers 400 for a bad financial year or tolerance, and 404 for a work another society holds or none', async () => {
    for (const q of ['', '?financialYear=20x5', '?financialYear=1800', '?financialYear=2025&tolerancePoints=-1', '?financialYear=2025&tolerancePoints=101']) {
      const res = await admin.get(`/v1/works/${workId}/money${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const other = await givenSociety(admin);
    const intruder = admin.as(await tokenFor(admin, 'society', { societyId: other.id }));
    expect((await intruder.get(`/v1/works/${workId}/money?financialYear=2025`)).status).toBe(404);
    expect((await admin.get(`/v1/works/00000000-0000-4000-8000-000000000000/money?financialYear=2025`)).status).toBe(404);
    expect((await admin.as(await tokenFor(admin, 'regulator')).get(`/v1/works/${workId}/money?financialYear=2025`)).status).toBe(200);
    expect((await admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: writer.id })).get(`/v1/works/${workId}/money?financialYear=2025`)).status).toBe(403);
  });

  it("lists an unidentified line of a registered work among the unclaimed money of the holders its registration names", async () => {
    // The writer is paid for the first work only, so the orphan line of the other work is theirs by the register alone.
    const asWriter = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: writer.id }));
    const res = await asWriter.get(`/v1/rights-holders/${writer.id}/unclaimed`);
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
    const listed = res.body.items;
    expect(listed).toEqual([expect.objectContaining({ lineId: 'ORPHAN', workIswc: OTHER, matchedBy: ['register'] })]);
    const stranger = await givenRightsHolder(admin, { name: 'Nobody, In Particular' });
    expect((await admin.get(`/v1/rights-holders/${stranger.id}/unclaimed`)).body.items).toEqual([]);
    // A line naming no work but a recording (ISRC) of the registered work is the writer's by the register too; use in 2024, so no other test sees it.
    await commit(admin, societyId, 'distribution-lines', '2025Q4', [
      distribution({
        line_id: 'BY-ISRC', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 5)', work_iswc: '', work_title: 'Untitled', recording_isrc: 'DE-AAA-25-00001', category: 'making-available', use_type: 'online',
        territory: 'DE', use_from: '2024-10-01', use_to: '2024-12-31', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual', gross: '2.00', management_fee: '0', other_deductions: '0', net: '2.00',
      }),
    ]);
    const again = (await asWriter.get(`/v1/rights-holders/${writer.id}/unclaimed?year=2024`)).body.items;
    expect(again).toEqual([expect.objectContaining({ lineId: 'BY-ISRC', workIswc: null, recordingIsrc: ISRC, matchedBy: ['recording'] })]);
  });

  it('the audit rules read the same data, pinned by hand (every committed package of the society in its log)', async () => {
    const q = t.dataSource.createQueryRunner();
    await q.connect();
    await q.startTransaction('REPEATABLE READ');
    try {
      await q.query(
        `CREATE TEMP TABLE audit_pinned ON COMMIT DROP AS
         SELECT society_id, id AS submission_id, row_number() OVER (ORDER BY received_at)::bigint AS leaf_index, received_at AS committed_at, type, period::text AS period,
                (make_date(left(period, 4)::int, right(period, 1)::int * 3, 1) + interval '1 month - 1 day')::date AS quarter_end, true AS active
         FROM submissions WHERE society_id = $1 AND status = 'committed'`,
        [societyId],
      );
      const sql: Sql = (text, params) => q.query(text, params);
      const ctx = { society: { id: societyId, currency: 'EUR' }, year: { year: 2025, from: '2025-01-01', to: '2025-12-31' }, asOf: '2026-10-01', evidenceLimit: 20 } as unknown as RuleContext;
      const deadline = await reportedMoneyDistributed.run(sql, ctx, { monthsAfterYearEnd: 9 });
      expect(deadline).toMatchObject({ passed: false, evidence: { deadline: '2026-09-30', deadlinePassed: true, registeredWorksReported: 2, reported: [{ currency: 'EUR', amount: '110' }], paidByDeadline: [{ currency: 'EUR', amount: '100' }], worksTotal: 1 } });
      expect(deadline.evidence.works).toEqual([expect.objectContaining({ iswc: OTHER, reported: '10', paidByDeadline: '0', shortfall: '10', usageFrom: '2025-01-01', usageTo: '2025-03-31' })]);
      const early = await reportedMoneyDistributed.run(sql, { ...ctx, asOf: '2026-09-30' }, { monthsAfterYearEnd: 9 });
      expect(early).toMatchObject({ passed: true, evidence: { deadlinePassed: false, notYetDue: 1, worksTotal: 0 } });

      const shares = await registeredShares.run(sql, ctx, { tolerancePoints: '0.5' });
      expect(shares).toMatchObject({ passed: false, evidence: { worksJudged: 2, mismatchesTotal: 4 } });
      expect(shares.evidence.mismatches).toEqual(
        expect.arrayContaining([expect.objectContaining({ iswc: ISWC, ipi: writer.ipi, right: 'performing', registeredShare: '50.00', paidShare: '70.00', differencePoints: '20.00' })]),
      );
      expect((await registeredShares.run(sql, ctx, { tolerancePoints: '100' })).passed).toBe(true);

      const unregistered = await unregisteredWorks.run(sql, ctx, {});
      expect(unregistered).toMatchObject({ passed: true, evidence: { unregistered: [], withoutIswc: [] } });
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
