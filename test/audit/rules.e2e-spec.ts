import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RULE_IDS } from '../../libs/audit/src/index.js';
import { Clock } from '../../libs/config/src/index.js';
import { boardMember, commit, deduction, distribution, income, transfer, undistributed } from '../ledger/support.js';
import { backdateRequest, givenMandate, mandateBody, put } from '../mandates/factories.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { startTestWitness, type TestWitness } from '../support/witness.js';
import { givenWorksMoneySociety } from '../works-money/fixtures.js';
import { auditAndWait, findingOf } from './support.js';

/**
 * Every rule of the catalogue against a passing fixture and a failing one:
 *  - a well-run society ("good", Luxembourg, financial year 2030): every quarter's
 *    packages reconcile, everything is paid within the quarter, its board matches the
 *    money shares, an accreditation covers the year, money received from a Swedish
 *    society is paid on, and all its packages entered the log long before the
 *    transparency deadline;
 *  - a badly run one ("bad", Belgium, financial year 2024, all deadlines long past),
 *    built so that each rule fails for a reason of its own.
 * Both logs are followed by a witness (LOG_WITNESSES); the operator showed it another
 * history of the bad society's log first (a split view), so it refuses the ledger's own.
 */
describe('audit rules: a passing and a failing fixture each', () => {
  let t: TestApp;
  let admin: Http;
  let good: Awaited<ReturnType<typeof auditAndWait>>;
  let bad: Awaited<ReturnType<typeof auditAndWait>>;
  let boardBad: Awaited<ReturnType<typeof auditAndWait>>;
  let worksGood: Awaited<ReturnType<typeof auditAndWait>>;
  let worksBad: Awaited<ReturnType<typeof auditAndWait>>;
  let witness: TestWitness;
  const BOARD_RULES = ['governance.board-declarations', 'governance.board-member-licensee', 'governance.board-self-dealing'];
  /** Following a work's money (issue 16 item 3): judged on a pair of societies with a works register and DSR income (test/works-money/fixtures.ts). */
  const WORKS_RULES = ['payout.reported-money-distributed', 'payout.registered-shares', 'payout.unregistered-works'];

  beforeAll(async () => {
    witness = await startTestWitness();
    t = await bootTestApp({ env: { LOG_WITNESSES: witness.policy, LOG_SIGNING_KEY: witness.logKey.env, LOG_WITNESS_RETRY_MS: '20' } });
    admin = new Http(t.baseUrl, t.adminToken);
    const goodSociety = await givenSociety(admin, { country: 'LU', currency: 'EUR' });
    const badSociety = await givenSociety(admin, { country: 'BE', currency: 'EUR' });
    // governance.log-consistency: the witness follows both logs; before the bad society's first
    // commit, the operator (the log key's holder) shows it another root for size 1.
    witness.follow([goodSociety.id, badSociety.id]);
    expect(await witness.showForgedCheckpoint(badSociety.id, 1, Buffer.alloc(32, 7))).toBe(200);
    const domestic = await givenRightsHolder(admin, { kind: 'composer', country: 'LU' });
    const foreign = await givenRightsHolder(admin, { kind: 'author', country: 'FR' });
    const badDomestic = await givenRightsHolder(admin, { kind: 'composer', country: 'BE' });
    const badForeign = await givenRightsHolder(admin, { kind: 'author', country: 'SE' });
    const choseGood = await givenRightsHolder(admin, { kind: 'composer', country: 'BE' });
    const left = await givenRightsHolder(admin, { kind: 'author', country: 'BE' });

    // --- the good society, financial year 2030 ---
    // Its packages are facts of 2030: the ledger's clock reads 2031 while they are sent (no facts from the future).
    t.app.get(Clock).set('2031-03-01T00:00:00Z');
    // Its holders gave it their mandates (governance.mandate-declared-without-mandate).
    for (const h of [domestic, foreign]) await givenMandate(admin, h.id, goodSociety.id, { territories: ['LU', 'SE'], validFrom: '2029-01-01' });
    // Its accreditation covers performing rights, the category of all its lines (governance.accreditation-categories).
    expect((await admin.post(`/v1/societies/${goodSociety.id}/accreditations`, { authority: 'Ministry', scope: 'Music', categories: ['performing'], validFrom: '2025-01-01', validTo: '2034-12-31' })).body.categories).toEqual(['performing']);
    // The board and its declarations for 2030 (Art. 10(2)) before the quarterly packages,
    // whose heads then pin them; B-1 is the domestic composer, paid the usual fee.
    await commit(admin, goodSociety.id, 'board', '2030Q1', [
      { ...boardMember({ member_id: 'B-1', constituency: 'composers', seat_from: '2029-01-01' }), rights_holder_ipi: domestic.ipi, organisation: 'Kirsch Musikverlag SARL' },
      boardMember({ member_id: 'B-2', name: 'Kirsch, Anne', constituency: 'authors', seat_from: '2029-01-01' }),
    ]);
    for (const [memberId, received] of [['B-1', '1600.00'], ['B-2', '0']] as const) {
      const declared = await admin.post(`/v1/societies/${goodSociety.id}/board/declarations`, {
        memberId, year: 2030, interests: 'none', remuneration: '1000.00', currency: 'EUR', amountsAsRightholder: received, conflicts: 'none',
      });
      expect(declared.status).toBe(201);
    }
    for (const [q, from, to, mid, pay] of [
      [1, '2030-01-01', '2030-03-31', '2030-02-15', '2030-03-30'],
      [2, '2030-04-01', '2030-06-30', '2030-05-15', '2030-06-29'],
      [3, '2030-07-01', '2030-09-30', '2030-08-15', '2030-09-29'],
      [4, '2030-10-01', '2030-12-31', '2030-11-15', '2030-12-30'],
    ] as const) {
      const period = `2030Q${q}`;
      await commit(admin, goodSociety.id, 'income', period, [income({ period_from: from, period_to: to, received_on: mid, amount: '1000.00', territory: 'LU' })]);
      await commit(admin, goodSociety.id, 'deductions', period, [
        deduction({ amount: '100.00' }),
        deduction({ deduction_id: 'DED-2', kind: 'social-cultural', amount: '20.00', description: 'Young composers fund (GA 2029-06-12)' }),
      ]);
      await commit(admin, goodSociety.id, 'distribution-lines', period, [
        distribution({ line_id: `G${q}-1`, rights_holder_ipi: domestic.ipi, territory: 'LU', use_from: from, use_to: to, gross: '450.00', management_fee: '45.00', other_deductions: '5.00', net: '400.00', paid_on: pay }),
        // The foreign holder's line of Q1 is for uses in Sweden: it pays on what the Swedish society sent.
        distribution({ line_id: `G${q}-2`, rights_holder_ipi: foreign.ipi, territory: q === 1 ? 'SE' : 'LU', use_from: from, use_to: to, gross: '340.00', management_fee: '34.00', other_deductions: '6.00', net: '300.00', paid_on: pay }),
      ]);
      await commit(admin, goodSociety.id, 'inter-society', period, [
        transfer({ transfer_id: `TR-${q}`, fy_of_collection: '2030', amount: '100.00', paid_on: pay }),
        ...(q === 1 ? [transfer({ transfer_id: 'TR-IN', direction: 'in', territory: 'SE', fy_of_collection: '2029', amount: '100.00', paid_on: '2030-02-20' })] : []),
      ]);
      await commit(admin, goodSociety.id, 'undistributed', period, [undistributed({ fy_of_collection: '2030', amount: q === 1 ? '180.00' : '80.00' })]);
    }
    t.app.get(Clock).set(null);

    // --- the bad society, financial year 2024 ---
    // Its jurisdiction caps management costs at 20 % of income.
    expect((await put(admin, '/v1/audit-rules/payout.management-cost-ratio/parameters/BE', { params: { maxPercent: '20' } })).status).toBe(200);
    // A holder who chose the good society for performing rights everywhere, and one whose mandate with the bad one ended.
    await givenMandate(admin, choseGood.id, goodSociety.id, { territories: ['WORLD'], validFrom: '2020-01-01' });
    await givenMandate(admin, left.id, badSociety.id, { territories: ['BE'], validFrom: '2020-01-01', validTo: '2024-03-31', exclusive: false });
    const q1 = { use_from: '2024-01-01', use_to: '2024-03-31', territory: 'BE' };
    await commit(admin, badSociety.id, 'income', '2024Q1', [income({ period_from: '2024-01-01', period_to: '2024-03-31', received_on: '2024-02-15', amount: '1000.00', territory: 'BE' })]);
    await commit(admin, badSociety.id, 'deductions', '2024Q1', [
      deduction({ amount: '500.00' }),
      deduction({ deduction_id: 'DED-2', kind: 'social-cultural', amount: '150.00', description: 'Fund' }),
    ]);
    await commit(admin, badSociety.id, 'distribution-lines', '2024Q1', [
      // Declared contractual, no mandate (governance.mandate-declared-without-mandate).
      distribution({ ...q1, line_id: 'B-PAID', rights_holder_ipi: badDomestic.ipi, paid_on: '2024-03-30' }),
      distribution({ ...q1, line_id: 'B-UNPAID', rights_holder_ipi: badForeign.ipi, status: 'unpaid', paid_on: '' }),
      // Entrusted exclusively to the good society (governance.mandate-entrusted-elsewhere).
      distribution({ ...q1, line_id: 'B-CHOSE', rights_holder_ipi: choseGood.ipi, mandate_basis: 'non-contractual', paid_on: '2024-03-30' }),
    ]);
    await commit(admin, badSociety.id, 'distribution-lines', '2024Q3', [
      distribution({ line_id: 'B-LEFT', rights_holder_ipi: left.ipi, territory: 'BE', use_from: '2024-07-01', use_to: '2024-09-30', paid_on: '2024-09-28' }),
    ]);
    await commit(admin, badSociety.id, 'distribution-lines', '2025Q4', [
      distribution({ line_id: 'B-LATE', rights_holder_ipi: badDomestic.ipi, territory: 'BE', use_from: '2024-10-01', use_to: '2024-12-31', paid_on: '2025-10-15' }),
    ]);
    await commit(admin, badSociety.id, 'inter-society', '2024Q1', [
      transfer({ transfer_id: 'TR-OWED', fy_of_collection: '2024', amount: '50.00', paid_on: '' }),
      transfer({ transfer_id: 'TR-RECEIVED', direction: 'in', territory: 'SE', fy_of_collection: '2023', amount: '500.00', paid_on: '2024-02-20' }),
    ]);
    await commit(admin, badSociety.id, 'undistributed', '2024Q1', [undistributed({ fy_of_collection: '2020', amount: '50.00' })]);
    // It reports receiving money of FY 2024 from the good society, which never reports paying it (payout.inter-society-matching).
    await commit(admin, badSociety.id, 'inter-society', '2025Q1', [
      transfer({ transfer_id: 'TR-FROM-GOOD', counterparty_cisac: goodSociety.cisacCode, direction: 'in', territory: 'BE', fy_of_collection: '2024', amount: '75.00', paid_on: '2025-02-10' }),
    ]);
    // A holder asked the bad society for a mandate on 2024-05-02 and never had an answer (governance.mandate-requests-answered).
    const asLeft = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: left.id }));
    const request = await asLeft.post(`/v1/rights-holders/${left.id}/mandates`, mandateBody(badSociety.id, { category: 'mechanical', territories: ['DE'], validFrom: '2024-06-01' }));
    expect(request.body.status).toBe('requested');
    await backdateRequest(t.dataSource, request.body.id, '2024-05-02');
    // A holder claimed an unidentified line of the bad society's 2023Q4 package on 2024-05-02 and never had an answer (payout.claims-answered).
    const orphan = await commit(admin, badSociety.id, 'distribution-lines', '2023Q4', [
      distribution({ line_id: 'B-ORPHAN', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 7)', territory: 'BE', use_from: '2023-10-01', use_to: '2023-12-31', status: 'unidentified', paid_on: '' }),
    ]);
    t.app.get(Clock).set('2024-05-02T12:00:00Z');
    expect((await admin.post(`/v1/rights-holders/${badDomestic.id}/claims`, { submissionId: orphan.id, lineId: 'B-ORPHAN' })).status).toBe(201);
    t.app.get(Clock).set(null);

    // The board rules' failing fixture is a society of its own (the bad one has no board,
    // which other rules' findings name): its one board member works for a licensee, pays
    // half the usual fee on his lines, and declared nothing for 2024 (Art. 10(2)).
    const boardSociety = await givenSociety(admin, { country: 'BE', currency: 'EUR' });
    const boardHolder = await givenRightsHolder(admin, { kind: 'publisher', country: 'BE' });
    const otherHolder = await givenRightsHolder(admin, { kind: 'composer', country: 'BE' });
    await commit(admin, boardSociety.id, 'board', '2024Q1', [
      { ...boardMember({ member_id: 'BB-1', name: 'Dupont, Luc', constituency: 'publishers', seat_from: '2023-01-01' }), rights_holder_ipi: boardHolder.ipi, organisation: 'Radio One SA' },
    ]);
    await commit(admin, boardSociety.id, 'income', '2024Q1', [
      income({ period_from: '2024-01-01', period_to: '2024-03-31', received_on: '2024-02-15', amount: '1200.00', territory: 'BE', licensee: 'RADIO ONE, S.A.' }),
    ]);
    await commit(admin, boardSociety.id, 'distribution-lines', '2024Q1', [
      distribution({ ...q1, line_id: 'BB-L1', rights_holder_ipi: boardHolder.ipi, management_fee: '45.00', net: '545.00', paid_on: '2024-03-30' }),
      distribution({ ...q1, line_id: 'BB-L2', rights_holder_ipi: otherHolder.ipi, paid_on: '2024-03-30' }),
    ]);

    // The ledger's own checkpoints of the bad society's log reach the witness: refused, an alarm.
    for (const end = Date.now() + 30_000; ; ) {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM log_witness_alarms WHERE society_id = $1`, [badSociety.id]);
      if (n > 0) break;
      if (Date.now() > end) throw new Error('no witness alarm for the bad society');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The works rules' pair, financial year 2025: one pays its registered works by the register and in time, the other does not.
    const worksGoodSociety = await givenWorksMoneySociety(admin, 'good', 2025, 'LU');
    const worksBadSociety = await givenWorksMoneySociety(admin, 'bad', 2025, 'BE');
    good = await auditAndWait(admin, { societyId: goodSociety.id, financialYear: 2030 });
    bad = await auditAndWait(admin, { societyId: badSociety.id, financialYear: 2024 });
    boardBad = await auditAndWait(admin, { societyId: boardSociety.id, financialYear: 2024 });
    worksGood = await auditAndWait(admin, { societyId: worksGoodSociety.society.id, financialYear: 2025 });
    worksBad = await auditAndWait(admin, { societyId: worksBadSociety.society.id, financialYear: 2025 });
  });
  afterAll(async () => {
    await t?.close();
    await witness?.close();
  });

  it('runs every rule of the catalogue on both', () => {
    expect(good.status).toBe('done');
    expect(bad.status).toBe('done');
    expect(good.findings.map((f: { rule: string }) => f.rule)).toEqual(RULE_IDS);
    expect(bad.findings.map((f: { rule: string }) => f.rule)).toEqual(RULE_IDS);
  });

  it.each(RULE_IDS.map((id) => [id]))('%s passes on the good society and fails on the bad one', (id) => {
    const pass = findingOf(WORKS_RULES.includes(id) ? worksGood : good, id);
    const fail = findingOf(BOARD_RULES.includes(id) ? boardBad : WORKS_RULES.includes(id) ? worksBad : bad, id);
    expect({ rule: id, passed: pass.passed, details: pass.details }).toEqual({ rule: id, passed: true, details: pass.details });
    expect({ rule: id, passed: fail.passed, details: fail.details }).toEqual({ rule: id, passed: false, details: fail.details });
    for (const f of [pass, fail]) {
      expect(f.source).toMatch(/Art\./);
      expect(['high', 'medium', 'low']).toContain(f.severity);
    }
  });

  it('names the late line, with its submission, period and line number', () => {
    const f = findingOf(bad, 'payout.distribution-deadline');
    expect(f.evidence).toMatchObject({ deadline: '2025-09-30', late: [{ currency: 'EUR', amount: '500', lines: 1 }] });
    expect(f.evidence.lateLines).toEqual([expect.objectContaining({ lineId: 'B-LATE', period: '2025Q4', lineNo: 2, paidOn: '2025-10-15', submissionId: expect.any(String) })]);
    expect(findingOf(good, 'payout.distribution-deadline').evidence.histogram[0]).toEqual({ bucket: 'by year end', lines: 8, net: '2800' });
  });

  it('lists the unpaid line and the unpaid foreign holder against the paid domestic ones', () => {
    expect(findingOf(bad, 'payout.outstanding').evidence.unpaidLines.map((l: { lineId: string }) => l.lineId)).toEqual(['B-UNPAID']);
    const foreign = findingOf(bad, 'payout.foreign-share').evidence;
    expect(foreign.byOrigin.find((o: { origin: string }) => o.origin === 'foreign')).toMatchObject({ gross: '600', paidGross: '0', paidSharePercent: '0.00' });
    expect(foreign.paidShareGapPoints).toBe('100.00');
  });

  it('finds the undistributed amount held past three years and the money left unaccounted for', () => {
    expect(findingOf(bad, 'payout.undistributed-over-3-years').evidence.problemLines).toEqual([
      expect.objectContaining({ fyOfCollection: 2020, amount: '50', problem: 'held-past-limit' }),
    ]);
    // Collected 1000 + 500 received; deducted 650, distributed net 4 × 500 (three lines of 2024Q1, one of 2024Q3;
    // the 2025Q4 package belongs to FY 2025), 50 owed to another society, 50 set aside: 1250 more went out than came in.
    const conservation = findingOf(bad, 'payout.conservation').evidence;
    expect(conservation.differences).toEqual([{ category: 'performing', currency: 'EUR', collected: '1500', deductions: '650', distributed: '2000', toOtherSocieties: '50', undistributed: '50', difference: '-1250' }]);
    expect(findingOf(good, 'payout.conservation').evidence.moneyFlow).toEqual([
      { currency: 'EUR', collected: '4100', management: '400', socialCultural: '80', otherDeductions: '0', toOtherSocieties: '400', undistributed: '420', distributed: '2800', paid: '2800', outstanding: '0', difference: '0' },
    ]);
  });

  it('applies the jurisdiction cap on management costs and the social-cultural limit', () => {
    expect(findingOf(bad, 'payout.management-cost-ratio')).toMatchObject({ parameters: { maxPercent: '20' }, evidence: { ratioPercent: '50.00', capPercent: '20' } });
    expect(findingOf(good, 'payout.management-cost-ratio')).toMatchObject({ parameters: { maxPercent: null }, evidence: { ratioPercent: '10.00' } });
    expect(findingOf(bad, 'payout.social-cultural-deductions').evidence).toMatchObject({ sharePercent: '15.00', limitPercent: '10' });
  });

  it('judges transfers to and money from other societies', () => {
    expect(findingOf(bad, 'payout.inter-society-transfer').evidence.failing).toEqual([expect.objectContaining({ transferId: 'TR-OWED', state: 'overdue', amount: '50' })]);
    expect(findingOf(bad, 'payout.inter-society-onward').evidence.receipts).toEqual([
      expect.objectContaining({ territory: 'SE', received: '500', paidOnward: '0', deadline: '2024-08-20', state: 'short' }),
    ]);
    expect(findingOf(good, 'payout.inter-society-onward').evidence.receipts).toEqual([expect.objectContaining({ territory: 'SE', received: '100', paidOnward: '300', state: 'paid-on' })]);
  });

  it('compares the board with the money shares, and finds no board where none is recorded', () => {
    const board = findingOf(good, 'governance.board-representation').evidence;
    expect(board.board).toMatchObject({ kind: 'board-package', period: '2030Q1' });
    expect(board.constituencies.filter((c: { actualSeats: number }) => c.actualSeats > 0).map((c: { constituency: string; entitledSeats: number; gap: number }) => [c.constituency, c.entitledSeats, c.gap])).toEqual([
      ['authors', 1, 0],
      ['composers', 1, 0],
    ]);
    expect(findingOf(bad, 'governance.board-representation').details).toMatch(/No board is on record/);
  });

  it('finds non-contractual management outside any valid accreditation, naming the lines, and the request left unanswered', () => {
    expect(findingOf(bad, 'governance.accreditation-categories').evidence.outside).toEqual([expect.objectContaining({ category: 'performing', currency: 'EUR' })]);
    expect(findingOf(good, 'governance.accreditation-categories').evidence.accreditations).toEqual([expect.objectContaining({ categories: ['performing'] })]);
    expect(findingOf(bad, 'governance.mandate-requests-answered').evidence).toMatchObject({ requests: 1, pending: 0, unanswered: [expect.objectContaining({ requestedOn: '2024-05-02', answerDueBy: '2024-06-01', answeredOn: null })] });
  });

  it('finds the claim to unidentified money left unanswered past the policy deadline', () => {
    expect(findingOf(bad, 'payout.claims-answered')).toMatchObject({
      parameters: { answerDays: 60 },
      evidence: { claims: 1, pending: 0, byStatus: { open: 1 }, unanswered: [expect.objectContaining({ lineId: 'B-ORPHAN', claimedOn: '2024-05-02', answerDueBy: '2024-07-01', answeredOn: null })], unansweredTotal: 1, answeredLateTotal: 0 },
    });
    expect(findingOf(good, 'payout.claims-answered').evidence).toMatchObject({ claims: 0, unanswered: [], answeredLate: [] });
  });

  it('finds management without accreditation, for a holder who chose another society, and after a mandate ended', () => {
    expect(findingOf(bad, 'governance.accreditation').evidence).toMatchObject({ uncovered: [{ from: '2024-01-01', to: '2024-12-31' }], nonContractualLines: 1 });
    expect(findingOf(good, 'governance.accreditation').evidence.uncovered).toEqual([]);
    const chosen = findingOf(bad, 'governance.non-contractual-management').evidence;
    expect(chosen.mandatedElsewhereLines).toEqual([expect.objectContaining({ lineId: 'B-CHOSE', mandatedWith: expect.stringMatching(/^\d{3}$/) })]);
    const left = findingOf(bad, 'governance.post-termination-activity').evidence;
    expect(left.lines).toEqual([expect.objectContaining({ lineId: 'B-LEFT', mandateEnded: '2024-03-31' })]);
    expect(left.endedMandateCount).toBe(1);
  });

  it('checks that every quarter of the year is in the log by the transparency deadline', () => {
    const missing = findingOf(bad, 'governance.transparency-report').evidence.packages.filter((p: { state: string }) => p.state === 'missing');
    expect(missing.map((p: { type: string; period: string }) => `${p.type} ${p.period}`)).toEqual(
      expect.arrayContaining(['income 2024Q2', 'deductions 2024Q2', 'distribution-lines 2024Q2', 'distribution-lines 2024Q4']),
    );
    expect(findingOf(good, 'governance.transparency-report').evidence.packages.every((p: { state: string }) => p.state === 'on-time')).toBe(true);
  });

  it("fails the bad society's log for the witness's alarm (a split view), and passes the good one's, cosigned", async () => {
    const f = findingOf(bad, 'governance.log-consistency');
    expect(f.evidence).toMatchObject({ counted: 'all', cleared: 0, alarms: [expect.objectContaining({ witness: witness.name, status: 422, standing: true, oldSize: 1 })], alarmsTotal: 1 });
    expect(f.details).toMatch(/^1 witness \(witness\.test\.example\) refused a checkpoint of the society's log as inconsistent/);
    expect(findingOf(good, 'governance.log-consistency').evidence.alarms).toEqual([]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM log_cosignatures WHERE society_id = $1`, [good.societyId]);
    expect(n).toBeGreaterThan(0);
    // An operator clearing the alarm (to send again) does not erase it: with 'standing', it passes; by default it still fails.
    await t.dataSource.query(`UPDATE log_witness_states SET alarm = NULL WHERE society_id = $1`, [bad.societyId]);
    expect((await put(admin, '/v1/audit-rules/governance.log-consistency/parameters/BE', { params: { alarms: 'standing' } })).status).toBe(200);
    const standing = await auditAndWait(admin, { societyId: bad.societyId, financialYear: 2024, rules: ['governance.log-consistency'] });
    expect(findingOf(standing, 'governance.log-consistency')).toMatchObject({ passed: true, evidence: { counted: 'standing', cleared: 1, alarms: [] } });
    expect((await put(admin, '/v1/audit-rules/governance.log-consistency/parameters/BE', { params: { alarms: 'all' } })).status).toBe(200);
    const all = await auditAndWait(admin, { societyId: bad.societyId, financialYear: 2024, rules: ['governance.log-consistency'] });
    expect(findingOf(all, 'governance.log-consistency')).toMatchObject({ passed: false, evidence: { cleared: 1 } });
  });
});
