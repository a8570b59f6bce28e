import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../libs/config/src/index.js';
import { commit, csv, deduction, distribution } from '../ledger/support.js';
import { givenMandate } from '../mandates/factories.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { auditAndWait, findingOf } from './support.js';

/**
 * Issue 14, items 1, 2 and 5: each committed line's mandate status derived from the
 * register as known at commit, shown beside the declared basis (lines, non-contractual
 * shares), the two audit rules on it (a failing society and a passing one), a notice
 * recorded later that changes no earlier verdict, and facts from the future refused.
 */
describe('derived mandate status: lines, shares, audit rules, facts from the future', () => {
  let t: TestApp;
  let admin: Http;
  let society: Http;
  let regulator: Http;
  let rao: { id: string; cisacCode: string };
  let nordic: { id: string; cisacCode: string };
  let holders: Record<'mandated' | 'none' | 'nordic', { id: string; ipi: string; name: string }>;
  let mandateOfMandated: string;
  let mandateAtNordic: string;
  let submissionId: string;

  const year = { use_from: '2025-01-01', use_to: '2025-03-31', territory: 'RU', paid_on: '2025-03-30' };

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    rao = await givenSociety(admin, { country: 'RU', currency: 'RUB' });
    nordic = await givenSociety(admin, { country: 'SE', currency: 'SEK' });
    society = admin.as(await tokenFor(admin, 'society', { societyId: rao.id }));
    regulator = admin.as(await tokenFor(admin, 'regulator'));
    holders = {
      mandated: await givenRightsHolder(admin, { kind: 'composer', country: 'RU' }),
      none: await givenRightsHolder(admin, { kind: 'author', country: 'RU' }),
      nordic: await givenRightsHolder(admin, { kind: 'composer', country: 'SE' }),
    };
    mandateOfMandated = (await givenMandate(admin, holders.mandated.id, rao.id, { territories: ['RU'], validFrom: '2024-01-01' })).id;
    mandateAtNordic = (await givenMandate(admin, holders.nordic.id, nordic.id, { territories: ['WORLD'], validFrom: '2020-01-01' })).id;
    const lines = [
      { ...distribution({ ...year, line_id: 'R-MANDATED', rights_holder_ipi: holders.mandated.ipi, rights_holder_name: holders.mandated.name, gross: '600.00' }), work_type: 'musical' },
      { ...distribution({ ...year, line_id: 'R-NONE', rights_holder_ipi: holders.none.ipi, rights_holder_name: holders.none.name }), work_type: '' },
      { ...distribution({ ...year, line_id: 'R-NORDIC', rights_holder_ipi: holders.nordic.ipi, rights_holder_name: holders.nordic.name, mandate_basis: 'non-contractual' }), work_type: '' },
      { ...distribution({ ...year, line_id: 'R-ORPHAN', rights_holder_ipi: '', rights_holder_name: 'Unknown', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual' }), work_type: '' },
    ];
    submissionId = (await commit(admin, rao.id, 'distribution-lines', '2025Q1', lines)).id;
    // The Nordic bureau pays its own holder under its mandate: it passes both rules.
    await commit(admin, nordic.id, 'distribution-lines', '2025Q1', [
      distribution({ ...year, territory: 'SE', currency: 'SEK', line_id: 'N-1', rights_holder_ipi: holders.nordic.ipi, rights_holder_name: holders.nordic.name }),
    ]);
  });
  afterAll(async () => t?.close());

  it('lists the lines with the declared basis beside the derived status and the mandates that decided it', async () => {
    const res = await society.get(`/v1/submissions/${submissionId}/lines`);
    expect(res.status).toBe(200);
    expect(res.body.mandatesKnownAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const byId = Object.fromEntries(res.body.items.map((l: { lineId: string }) => [l.lineId, l]));
    expect(byId['R-MANDATED']).toMatchObject({ mandateBasis: 'contractual', mandateStatus: 'mandated', mandateIds: [mandateOfMandated], workType: 'musical', workTypeMatched: 'exact' });
    expect(byId['R-NONE']).toMatchObject({ mandateBasis: 'contractual', mandateStatus: 'no-mandate', mandateIds: [], workType: null, workTypeMatched: 'any' });
    expect(byId['R-NORDIC']).toMatchObject({ mandateBasis: 'non-contractual', mandateStatus: 'entrusted-elsewhere', mandateIds: [mandateAtNordic] });
    expect(byId['R-ORPHAN']).toMatchObject({ mandateStatus: 'unidentified', mandateIds: [] });
    const filtered = await regulator.get(`/v1/submissions/${submissionId}/lines?mandateStatus=no-mandate`);
    expect(filtered.body.items.map((l: { lineId: string }) => l.lineId)).toEqual(['R-NONE']);
    const found = await regulator.get(`/v1/submissions/${submissionId}/lines?q=${encodeURIComponent(holders.nordic.name)}`);
    expect(found.body.items.map((l: { lineId: string }) => l.lineId)).toEqual(['R-NORDIC']);
    const page = await regulator.get(`/v1/submissions/${submissionId}/lines?limit=3`);
    const next = await regulator.get(`/v1/submissions/${submissionId}/lines?limit=3&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((l: { lineId: string }) => l.lineId)).toEqual(['R-ORPHAN']);
    expect((await regulator.get(`/v1/submissions/${submissionId}/lines?mandateStatus=maybe`)).status).toBe(400);
    expect((await regulator.get(`/v1/submissions/${submissionId}/lines?cursor=bogus`)).status).toBe(400);
  });

  it('shows the declared and the verified non-contractual share side by side', async () => {
    const res = await regulator.get(`/v1/societies/${rao.id}/non-contractual?financialYear=2025`);
    expect(res.status).toBe(200);
    expect(res.body.financialYear).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
    // Declared: the Nordic holder's line and the orphan (1200 of 2400); verified: the unmandated and the Nordic holder's lines.
    expect(res.body.declared).toEqual([{ currency: 'EUR', amount: '1200', holders: 1, lines: 2, total: '2400', sharePercent: '50.00' }]);
    expect(res.body.verified).toEqual([
      { currency: 'EUR', amount: '1200', holders: 2, lines: 2, total: '2400', sharePercent: '50.00', entrustedElsewhere: '600', notDerivedLines: 0 },
    ]);
    expect((await regulator.get(`/v1/societies/${rao.id}/non-contractual?financialYear=20x5`)).status).toBe(400);
    const other = admin.as(await tokenFor(admin, 'society', { societyId: nordic.id }));
    expect((await other.get(`/v1/societies/${rao.id}/non-contractual?financialYear=2025`)).status).toBe(404);
  });

  it('finds the line declared contractual without a mandate and the one entrusted to the Nordic bureau, naming lines, holders, amounts and asKnownAt', async () => {
    const rules = ['governance.mandate-declared-without-mandate', 'governance.mandate-entrusted-elsewhere'];
    const failing = await auditAndWait(admin, { societyId: rao.id, financialYear: 2025, rules });
    const declared = findingOf(failing, rules[0]!);
    expect(declared).toMatchObject({ passed: false, severity: 'high' });
    expect(declared.evidence.found).toEqual([{ currency: 'EUR', amount: '600', lines: 1, holders: 1 }]);
    expect(declared.evidence.examples).toEqual([expect.objectContaining({ lineId: 'R-NONE', rightsHolderIpi: holders.none.ipi, gross: '600', mandateStatus: 'no-mandate', asKnownAt: expect.any(String) })]);
    expect(declared.evidence.asKnownAt).toEqual([expect.objectContaining({ submissionId, period: '2025Q1', derived: true, asKnownAt: expect.any(String) })]);
    const elsewhere = findingOf(failing, rules[1]!);
    expect(elsewhere).toMatchObject({ passed: false, severity: 'high' });
    expect(elsewhere.evidence.examples).toEqual([
      expect.objectContaining({ lineId: 'R-NORDIC', rightsHolderIpi: holders.nordic.ipi, mandateIds: [mandateAtNordic], entrustedTo: nordic.cisacCode }),
    ]);
    const passing = await auditAndWait(admin, { societyId: nordic.id, financialYear: 2025, rules });
    for (const id of rules) expect(findingOf(passing, id).passed).toBe(true);
  });

  it('judges a payment on what was known when its package committed: a notice recorded later changes no verdict', async () => {
    const rules = ['governance.post-termination-activity', 'governance.mandate-declared-without-mandate', 'governance.non-contractual-management'];
    const before = await auditAndWait(admin, { societyId: rao.id, financialYear: 2025, rules });
    // The holder's mandate is recorded as ended on 2024-12-31, after the package committed
    // (a back-dated end, as the register could once take it)…
    await t.dataSource.query(
      `INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, valid_to,
         basis, exclusive, consent_recorded_at, consent_recorded_by, consent_evidence, change, change_detail, recorded_at, recorded_by)
       SELECT society_id, mandate_id, version + 1, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, DATE '2024-12-31',
              basis, exclusive, consent_recorded_at, consent_recorded_by, consent_evidence, 'terminated', '{}', clock_timestamp(), 'test: a later notice'
       FROM mandate_versions WHERE mandate_id = $1 ORDER BY version DESC LIMIT 1`,
      [mandateOfMandated],
    );
    // …and a later package moves the society's log head past it.
    await commit(admin, rao.id, 'deductions', '2025Q2', [deduction({ currency: 'RUB' })]);
    const after = await auditAndWait(admin, { societyId: rao.id, financialYear: 2025, rules });
    for (const id of rules) expect({ id, passed: findingOf(after, id).passed }).toEqual({ id, passed: findingOf(before, id).passed });
    expect(findingOf(after, 'governance.post-termination-activity').passed).toBe(true);
    expect(findingOf(after, 'governance.post-termination-activity').evidence.asKnownAt).toEqual([expect.objectContaining({ submissionId })]);
    const lines = await regulator.get(`/v1/submissions/${submissionId}/lines?q=R-MANDATED`);
    expect(lines.body.items[0].mandateStatus).toBe('mandated');
  });

  it('refuses facts from the future: a period not yet begun (400 naming period), a date after today (line and column)', async () => {
    const clock = t.app.get(Clock);
    clock.set('2025-02-10T12:00:00Z');
    try {
      const early = await admin.post(`/v1/societies/${rao.id}/submissions?type=distribution-lines&period=2025Q2`, csv([distribution({ ...year, line_id: 'F-1' })]), { 'content-type': 'text/csv' });
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual([expect.objectContaining({ field: 'period', message: expect.stringContaining('after today (2025-02-10)') })]);
      const dated = csv([
        distribution({ line_id: 'F-1', use_from: '2025-01-01', use_to: '2025-02-01', paid_on: '2025-02-05' }),
        distribution({ line_id: 'F-2', use_from: '2025-01-01', use_to: '2025-03-31', paid_on: '2025-02-05' }),
        distribution({ line_id: 'F-3', use_from: '2025-01-01', use_to: '2025-02-01', paid_on: '2025-03-01' }),
      ]);
      const { final } = await submitAndWait(admin, rao.id, 'distribution-lines', '2025Q1', dated);
      expect(final.status).toBe('rejected');
      expect(final.errors).toEqual([
        { line: 3, column: 'use_to', message: '2025-03-31 is after today (2025-02-10): facts from the future are refused' },
        { line: 4, column: 'paid_on', message: '2025-03-01 is after today (2025-02-10): facts from the future are refused' },
      ]);
    } finally {
      clock.set(null);
    }
  });
});
