import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditAndWait, findingOf } from '../audit/support.js';
import { commit, distribution } from '../ledger/support.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenWorksMoneySociety, iswcOf, sampleIsrc } from './fixtures.js';

const RULES = ['payout.reported-money-distributed', 'payout.registered-shares', 'payout.unregistered-works'];

/**
 * Following the money (issue 16 item 3): a work's reported revenue (DSR), the lines
 * distributed for it and each holder's registered share against the share paid, through
 * GET /v1/works/{id}/money, and the three audit rules on a society that follows its
 * register and one that does not.
 */
describe("a work's money, from use to payout", () => {
  let t: TestApp;
  let admin: Http;
  let good: Awaited<ReturnType<typeof givenWorksMoneySociety>>;
  let bad: Awaited<ReturnType<typeof givenWorksMoneySociety>>;
  const workId = async (societyId: string, iswc: string) =>
    ((await t.dataSource.query(`SELECT id FROM works WHERE society_id = $1 AND iswc = $2`, [societyId, iswc])) as { id: string }[])[0]!.id;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    good = await givenWorksMoneySociety(admin, 'good', 2025);
    bad = await givenWorksMoneySociety(admin, 'bad', 2025);
  });
  afterAll(async () => t?.close());

  it('follows a work reported by ISWC: the platform revenue, the lines that paid it, the registered shares met', async () => {
    const id = await workId(good.society.id, good.works[0]!.iswc!);
    const society = admin.as(await tokenFor(admin, 'society', { societyId: good.society.id }));
    const res = await society.get(`/v1/works/${id}/money?financialYear=2025`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workId: id, iswc: good.works[0]!.iswc, financialYear: 2025, from: '2025-01-01', to: '2025-12-31', distributeBy: '2026-09-30', tolerancePoints: '0.5' });
    expect(res.body.reported).toMatchObject({ totals: [{ currency: 'EUR', amount: '100', usages: '10', lines: 1 }], linesTotal: 1 });
    expect(res.body.reported.lines[0]).toMatchObject({ matchedBy: 'iswc', period: '2025Q2', dsp: 'Stream Co', territory: 'DE', category: 'making-available', amount: '100', periodStart: '2025-01-01', periodEnd: '2025-03-31' });
    expect(res.body.distributed).toMatchObject({ totals: [{ currency: 'EUR', gross: '100', net: '100', paidNet: '100', lines: 2 }], linesTotal: 2 });
    expect(res.body.shares.map((s: { ipi: string; right: string; registeredShare: string; paidShare: string; withinTolerance: boolean }) => [s.right, s.ipi, s.registeredShare, s.paidShare, s.withinTolerance]).filter((s: unknown[]) => s[0] === 'performing')).toEqual(
      [
        ['performing', good.publisher.ipi, '50.00', '50.00', true],
        ['performing', good.writer.ipi, '50.00', '50.00', true],
      ].sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1)),
    );
  });

  it("finds the revenue of a work the report names only by its recording's ISRC, and a holder paid off the register", async () => {
    const byIsrc = await workId(good.society.id, good.works[1]!.iswc!);
    const reported = (await admin.get(`/v1/works/${byIsrc}/money?financialYear=2025`)).body.reported;
    expect(reported.lines).toEqual([expect.objectContaining({ matchedBy: 'isrc', iswc: null, isrc: sampleIsrc(1), amount: '100' })]);
    const skewed = await workId(bad.society.id, bad.works[0]!.iswc!);
    const shares = (await admin.get(`/v1/works/${skewed}/money?financialYear=2025`)).body.shares.filter((s: { right: string }) => s.right === 'performing');
    expect(shares).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ipi: bad.writer.ipi, registeredShare: '50.00', paidShare: '70.00', differencePoints: '20.00', withinTolerance: false }),
        expect.objectContaining({ ipi: bad.publisher.ipi, registeredShare: '50.00', paidShare: '30.00', differencePoints: '-20.00', withinTolerance: false }),
      ]),
    );
    // A tolerance of 25 points lets it pass.
    const wide = (await admin.get(`/v1/works/${skewed}/money?financialYear=2025&tolerancePoints=25`)).body.shares;
    expect(wide.filter((s: { withinTolerance: boolean | null }) => s.withinTolerance === false)).toEqual([]);
  });

  it('answers 400 for a bad financial year or tolerance, and 404 for a work another society holds or none', async () => {
    const id = await workId(good.society.id, good.works[0]!.iswc!);
    for (const q of ['', '?financialYear=20x5', '?financialYear=1800', '?financialYear=2025&tolerancePoints=-1']) {
      const res = await admin.get(`/v1/works/${id}/money${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const other = await givenSociety(admin);
    const intruder = admin.as(await tokenFor(admin, 'society', { societyId: other.id }));
    expect((await intruder.get(`/v1/works/${id}/money?financialYear=2025`)).status).toBe(404);
    expect((await admin.get(`/v1/works/00000000-0000-4000-8000-000000000000/money?financialYear=2025`)).status).toBe(404);
    const regulator = admin.as(await tokenFor(admin, 'regulator'));
    expect((await regulator.get(`/v1/works/${id}/money?financialYear=2025`)).status).toBe(200);
  });

  it('the audit rules pass on the society that pays by its register and fail on the one that does not', async () => {
    const pass = await auditAndWait(admin, { societyId: good.society.id, financialYear: 2025, rules: RULES });
    const fail = await auditAndWait(admin, { societyId: bad.society.id, financialYear: 2025, rules: RULES });
    for (const rule of RULES) {
      expect({ rule, passed: findingOf(pass, rule).passed, details: findingOf(pass, rule).details }).toEqual({ rule, passed: true, details: expect.any(String) });
      expect({ rule, passed: findingOf(fail, rule).passed, details: findingOf(fail, rule).details }).toEqual({ rule, passed: false, details: expect.any(String) });
      expect(findingOf(fail, rule).source).toMatch(/Art\. 13\(1\)/);
    }
    // The DSR licence income is the society's collected income for the cost ratio too.
    const costs = await auditAndWait(admin, { societyId: good.society.id, financialYear: 2025, rules: ['payout.management-cost-ratio'] });
    expect(findingOf(costs, 'payout.management-cost-ratio').evidence).toMatchObject({ income: '200' });
    expect(findingOf(pass, 'payout.reported-money-distributed').evidence).toMatchObject({ deadline: '2026-09-30', registeredWorksReported: 2, reported: [{ currency: 'EUR', amount: '200' }], worksTotal: 0 });
    const late = findingOf(fail, 'payout.reported-money-distributed').evidence;
    expect(late.works.map((w: { iswc: string; reported: string; paidByDeadline: string; shortfall: string }) => [w.iswc, w.reported, w.paidByDeadline, w.shortfall])).toEqual([
      [bad.works[1]!.iswc, '100', '0', '100'],
      [bad.works[2]!.iswc, '100', '0', '100'],
    ]);
    expect(late.worksTotal).toBe(2);
    const shares = findingOf(fail, 'payout.registered-shares').evidence;
    expect(shares).toMatchObject({ tolerancePoints: '0.5', mismatchesTotal: 2 });
    expect(shares.mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ iswc: bad.works[0]!.iswc, ipi: bad.writer.ipi, registeredShare: '50.00', paidShare: '70.00' })]));
    const unregistered = findingOf(fail, 'payout.unregistered-works').evidence;
    expect(unregistered).toMatchObject({ unregistered: [{ currency: 'EUR', amount: '10', lines: 1 }], works: 1, linesTotal: 1 });
    expect(unregistered.lines).toEqual([expect.objectContaining({ lineId: 'UNREG', workIswc: iswcOf(999), period: '2025Q3' })]);
  });

  it('lists an unidentified line of a registered work among the unclaimed money of the holders its registration names', async () => {
    // Work 3 of the bad society is registered (publisher and writer) and paid to nobody identified; the line's use is in FY 2024.
    await commit(admin, bad.society.id, 'distribution-lines', '2025Q4', [
      distribution({
        line_id: 'ORPHAN', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 9)', work_iswc: bad.works[2]!.iswc!, work_title: 'Money work', category: 'making-available', use_type: 'online',
        territory: 'DE', use_from: '2024-10-01', use_to: '2024-12-31', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual',
      }),
    ]);
    const writer = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: bad.writer.id }));
    const listed = (await writer.get(`/v1/rights-holders/${bad.writer.id}/unclaimed`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ lineId: 'ORPHAN', workIswc: bad.works[2]!.iswc, matchedBy: ['register'] })]);
    const stranger = await givenRightsHolder(admin, { name: 'Nobody, In Particular' });
    expect((await admin.get(`/v1/rights-holders/${stranger.id}/unclaimed`)).body.items).toEqual([]);
  });
});
