import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditAndWait, findingOf } from '../audit/support.js';
import { loadDemoAndSettle } from '../support/demo.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 18's demo: a RAO-like board member (RAO-B1, the rights holder "Orlov, Pavel")
 * whose publishing house licenses from the society and whose lines carry half the usual
 * fee, without a declaration; the other members declared. The VOIS-like society's board
 * declared in full and has no member linked to a rights holder or an organisation.
 */
describe('demo: board conflicts of interest', () => {
  let t: TestApp;
  let http: Http;
  let ids: Record<string, string>;
  const RULES = ['governance.board-declarations', 'governance.board-member-licensee', 'governance.board-self-dealing'];

  beforeAll(async () => {
    t = await bootTestApp();
    ids = (await loadDemoAndSettle(t)).societyIds;
    http = new Http(t.baseUrl, t.adminToken);
  });
  afterAll(async () => t?.close());

  it('publishes the declarations of every member but the conflicted one', async () => {
    const res = await new Http(t.baseUrl).get(`/v1/societies/${ids.rao}/board/declarations?year=2025&current=true`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { memberId: string }) => d.memberId).sort()).toEqual(['RAO-B2', 'RAO-B3', 'RAO-B4', 'RAO-B5', 'RAO-B6', 'RAO-B7']);
  });

  it('fails the three rules on the RAO-like society and passes them on the VOIS-like one', async () => {
    const rao = await auditAndWait(http, { societyId: ids.rao, financialYear: 2025, rules: RULES });
    const declarations = findingOf(rao, 'governance.board-declarations');
    expect(declarations.passed).toBe(false);
    expect(declarations.details).toContain('Orlov, Pavel (RAO-B1)');
    expect(declarations.evidence.members.find((m: { memberId: string }) => m.memberId === 'RAO-B1')).toMatchObject({ declaration: null, paidAsRightsHolder: [expect.objectContaining({ currency: 'RUB' })] });
    const licensee = findingOf(rao, 'governance.board-member-licensee');
    expect(licensee.passed).toBe(false);
    expect(licensee.evidence.matches).toEqual([
      expect.objectContaining({ memberId: 'RAO-B1', organisation: 'Nota Bene Publishing House (demo) LLC', licensee: 'NOTA BENE PUBLISHING HOUSE (DEMO), ООО', matchedAs: 'nota bene publishing house demo', exact: false, lines: 4 }),
    ]);
    const selfDealing = findingOf(rao, 'governance.board-self-dealing');
    expect(selfDealing.passed).toBe(false);
    expect(selfDealing.evidence.board.feeRatePercent).toBe('7.50');
    expect(Number(selfDealing.evidence.others.feeRatePercent)).toBeGreaterThanOrEqual(15);

    const vois = await auditAndWait(http, { societyId: ids.vois, financialYear: 2025, rules: RULES });
    for (const id of RULES) expect({ id, passed: findingOf(vois, id).passed }).toEqual({ id, passed: true });
  });

  it("keeps the RAO-like society's totals: the discount is charged to another payee (cost ratio 12.00 %)", async () => {
    const rao = await auditAndWait(http, { societyId: ids.rao, financialYear: 2025, rules: ['payout.management-cost-ratio'] });
    expect(findingOf(rao, 'payout.management-cost-ratio').evidence.ratioPercent).toBe('12.00');
  });
});
