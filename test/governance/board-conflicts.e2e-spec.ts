import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditAndWait, findingOf } from '../audit/support.js';
import { boardMember, commit, distribution, income } from '../ledger/support.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 18: board members as parties (IPI, organisation), their annual declarations
 * (Art. 10(2): append-only, public) and the three audit rules on conflicts of interest,
 * each failing on a RAO-like society and passing on a clean one.
 */
describe('board conflicts of interest: parties, declarations, audit rules', () => {
  let t: TestApp;
  let admin: Http;
  let anonymous: Http;
  let rao: { id: string; cisacCode: string };
  let clean: { id: string; cisacCode: string };
  let raoToken: Http;
  let cleanToken: Http;
  let members: Record<'rao' | 'clean' | 'other1' | 'other2', { id: string; ipi: string; name: string }>;
  const RULES = ['governance.board-declarations', 'governance.board-member-licensee', 'governance.board-self-dealing'];
  const declaration = (o: Record<string, unknown> = {}) => ({ memberId: 'B-1', year: 2025, interests: 'Member since 2004', remuneration: '1200000.00', currency: 'RUB', amountsAsRightholder: '0', conflicts: 'none', ...o });

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    anonymous = new Http(t.baseUrl);
    rao = await givenSociety(admin, { country: 'RU', currency: 'RUB' });
    clean = await givenSociety(admin, { country: 'FR', currency: 'EUR' });
    raoToken = admin.as(await tokenFor(admin, 'society', { societyId: rao.id }));
    cleanToken = admin.as(await tokenFor(admin, 'society', { societyId: clean.id }));
    members = {
      rao: await givenRightsHolder(admin, { kind: 'author', country: 'RU', name: 'Orlov, Pavel' }),
      clean: await givenRightsHolder(admin, { kind: 'composer', country: 'FR', name: 'Lune, Claire' }),
      other1: await givenRightsHolder(admin, { kind: 'composer', country: 'RU' }),
      other2: await givenRightsHolder(admin, { kind: 'author', country: 'FR' }),
    };
    const q1 = { use_from: '2025-01-01', use_to: '2025-03-31', paid_on: '2025-03-30' };
    // RAO-like: B-1 sits on the board, works for a publishing house that licenses from the society, and pays half the usual fee.
    await commit(raoToken, rao.id, 'board', '2025Q1', [
      { ...boardMember({ member_id: 'B-1', name: 'Orlov, Pavel', seat_from: '2024-06-01' }), rights_holder_ipi: members.rao.ipi, organisation: 'Nota Bene Publishing House LLC' },
      { ...boardMember({ member_id: 'B-2', name: 'Sokolova, Anna', constituency: 'composers', seat_from: '2024-06-01' }), rights_holder_ipi: '', organisation: '' },
    ]);
    await commit(raoToken, rao.id, 'income', '2025Q1', [
      income({ income_id: 'I-NB', licensee: 'NOTA-BENE Publishing House, ООО', territory: 'RU', currency: 'RUB', amount: '50000.00' }),
      income({ income_id: 'I-R1', licensee: 'Radio Volna LLC', territory: 'RU', currency: 'RUB', amount: '90000.00' }),
    ]);
    await commit(raoToken, rao.id, 'distribution-lines', '2025Q1', [
      distribution({ ...q1, line_id: 'R-B1', territory: 'RU', currency: 'RUB', rights_holder_ipi: members.rao.ipi, rights_holder_name: members.rao.name, gross: '1000.00', management_fee: '75.00', other_deductions: '0', net: '925.00' }),
      distribution({ ...q1, line_id: 'R-O1', territory: 'RU', currency: 'RUB', rights_holder_ipi: members.other1.ipi, rights_holder_name: members.other1.name, gross: '1000.00', management_fee: '150.00', other_deductions: '0', net: '850.00' }),
    ]);
    // Clean: the member pays the usual fee, declares what the ledger paid them, and no organisation of theirs licenses.
    await commit(cleanToken, clean.id, 'board', '2025Q1', [
      { ...boardMember({ member_id: 'C-1', name: 'Lune, Claire', constituency: 'composers', seat_from: '2024-06-01' }), rights_holder_ipi: members.clean.ipi, organisation: 'Éditions Lune SARL' },
      { ...boardMember({ member_id: 'C-2', name: 'Martin, Paul', seat_from: '2024-06-01' }), rights_holder_ipi: '', organisation: '' },
    ]);
    await commit(cleanToken, clean.id, 'income', '2025Q1', [income({ income_id: 'I-1', licensee: 'Radio One SA' })]);
    await commit(cleanToken, clean.id, 'distribution-lines', '2025Q1', [
      distribution({ ...q1, line_id: 'C-L1', rights_holder_ipi: members.clean.ipi, rights_holder_name: members.clean.name }),
      distribution({ ...q1, line_id: 'C-L2', rights_holder_ipi: members.other2.ipi, rights_holder_name: members.other2.name }),
    ]);
  });
  afterAll(async () => t?.close());

  /**
   * An audit pins signed heads and reads registry rows and declarations recorded by the
   * latest head's time: a package committed to a spare society moves that time past what
   * was just recorded.
   */
  let ticks = 0;
  const moveHeads = async () => {
    const spare = await givenSociety(admin);
    await commit(admin, spare.id, 'deductions', '2025Q1', [{ deduction_id: `T-${++ticks}`, kind: 'management', category: 'performing', currency: 'EUR', amount: '1.00', description: 'tick' }]);
  };

  it('keeps the leaf of a board line without the new columns what it was: absent or empty, no key', async () => {
    const old = await givenSociety(admin);
    const plain = boardMember({ member_id: 'P-1', name: 'Plain, Member', seat_from: '2024-06-01' });
    const a = await commit(admin, old.id, 'board', '2025Q1', [plain]);
    const b = await commit(admin, old.id, 'board', '2025Q2', [{ ...plain, rights_holder_ipi: '', organisation: '' }]);
    const c = await commit(admin, old.id, 'board', '2025Q3', [{ ...plain, rights_holder_ipi: members.rao.ipi, organisation: 'Volga Songs Ltd' }]);
    const leaves = await t.dataSource.query(
      `SELECT submission_id AS id, encode(leaf_hash, 'hex') AS h, rights_holder_ipi AS ipi, organisation FROM board_lines WHERE society_id = $1`,
      [old.id],
    );
    const leaf = (id: string) => leaves.find((l: { id: string }) => l.id === id);
    const json = '{"constituency":"authors","member_id":"P-1","name":"Plain, Member","seat_from":"2024-06-01","seat_to":null}';
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(json)])).digest('hex');
    expect(leaf(a.id).h).toBe(expected);
    expect(leaf(b.id).h).toBe(expected);
    expect(leaf(c.id)).toMatchObject({ ipi: members.rao.ipi, organisation: 'Volga Songs Ltd' });
    expect(leaf(c.id).h).not.toBe(expected);
    const bad = await commit(admin, old.id, 'board', '2025Q4', [{ ...plain, rights_holder_ipi: '12345678901', organisation: '' }]).catch((e: Error) => e.message);
    expect(bad).toContain('rights_holder_ipi');
  });

  it('records a registry board member with the organisation they work for, checked as a name', async () => {
    const seat = { memberId: 'R-1', name: 'Registry, Member', constituency: 'authors', seatFrom: '2024-01-01' };
    const ok = await raoToken.post(`/v1/societies/${rao.id}/board-members`, { ...seat, organisation: 'Volga Songs Ltd' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ memberId: 'R-1', organisation: 'Volga Songs Ltd', rightsHolderId: null });
    const bad = await raoToken.post(`/v1/societies/${rao.id}/board-members`, { ...seat, memberId: 'R-2', organisation: '=HYPERLINK("x")' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'organisation' })]);
  });

  it('records a declaration append-only: a second one is the next version, both public', async () => {
    const first = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ memberId: 'B-1', year: 2025, version: 1, current: true, remuneration: '1200000', amountsAsRightholder: '0', currency: 'RUB' });
    const second = await admin.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ remuneration: '1250000.50' }));
    expect(second.body).toMatchObject({ version: 2, current: true, remuneration: '1250000.5', recordedBy: expect.stringMatching(/^admin: /) });
    const all = await anonymous.get(`/v1/societies/${rao.id}/board/declarations?year=2025`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: { version: number; current: boolean }) => [d.version, d.current]).sort()).toEqual([[1, false], [2, true]]);
    const current = await anonymous.get(`/v1/societies/${rao.id}/board/declarations?year=2025&current=true`);
    expect(current.body.items.map((d: { version: number }) => d.version)).toEqual([2]);
    expect((await anonymous.get(`/v1/societies/${rao.id}/board/declarations?year=2024`)).body.items).toEqual([]);
    // The database refuses to rewrite one.
    await expect(t.dataSource.query(`UPDATE board_declarations SET remuneration = 0 WHERE society_id = $1`, [rao.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM board_declarations WHERE society_id = $1`, [rao.id])).rejects.toThrow(/append-only/);
  });

  it('names the field of bad input and keeps nothing; refuses an unknown member, another society and a year not begun', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM board_declarations WHERE society_id = $1`, [rao.id]))[0].n;
    const before = await count();
    const bad = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, { memberId: 'B-1', year: 'x', interests: '', remuneration: '-5', currency: 'XXX', amountsAsRightholder: '1.123456789' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amountsAsRightholder', 'conflicts', 'currency', 'interests', 'remuneration', 'year']);
    const odd = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, { ...declaration(), memberId: { $ne: 1 }, interests: ['a'], remuneration: 1200, conflicts: 'none\u0000' });
    expect(odd.status).toBe(400);
    expect(odd.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['conflicts', 'interests', 'memberId', 'remuneration']);
    expect((await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, [declaration()])).status).toBe(400);
    const extra = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ salary: '1' }));
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'salary' })]);
    const future = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ year: 2999 }));
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'year', message: expect.stringContaining('has not begun') })]);
    const unknown = await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ memberId: 'NOBODY' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'memberId' })]);
    expect((await cleanToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration())).status).toBe(404);
    expect((await anonymous.post(`/v1/societies/${rao.id}/board/declarations`, declaration())).status).toBe(401);
    expect(await count()).toBe(before);
    expect((await anonymous.get(`/v1/societies/00000000-0000-4000-8000-000000000000/board/declarations`)).status).toBe(404);
    const badYear = await anonymous.get(`/v1/societies/${rao.id}/board/declarations?year=20x5`);
    expect(badYear.status).toBe(400);
    expect(new Set(badYear.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['year']));
  });

  it('fails the three rules on the RAO-like society, naming members, money, the licensee match and the fee rates', async () => {
    await moveHeads();
    const audit = await auditAndWait(admin, { societyId: rao.id, financialYear: 2025, rules: RULES });
    const declarations = findingOf(audit, 'governance.board-declarations');
    expect(declarations).toMatchObject({ passed: false, source: expect.stringContaining('Art. 10(2)') });
    const byMember = Object.fromEntries(declarations.evidence.members.map((m: { memberId: string }) => [m.memberId, m]));
    expect(byMember['B-1']).toMatchObject({ rightsHolderIpi: members.rao.ipi, declaration: { version: 2, amountsAsRightholder: '0' }, paidAsRightsHolder: [{ currency: 'RUB', amount: '925', lines: 1 }], leftOut: [{ currency: 'RUB', amount: '925' }] });
    expect(byMember['B-2']).toMatchObject({ declaration: null });
    expect(declarations.details).toContain('Sokolova, Anna (B-2)');
    const licensee = findingOf(audit, 'governance.board-member-licensee');
    expect(licensee.passed).toBe(false);
    expect(licensee.evidence.matches).toEqual([
      expect.objectContaining({ memberId: 'B-1', organisation: 'Nota Bene Publishing House LLC', licensee: 'NOTA-BENE Publishing House, ООО', matchedAs: 'nota bene publishing house', exact: false, currency: 'RUB', amount: '50000', incomeIds: ['I-NB'], declaredConflicts: 'none' }),
    ]);
    const selfDealing = findingOf(audit, 'governance.board-self-dealing');
    expect(selfDealing).toMatchObject({ passed: false, severity: 'high' });
    expect(selfDealing.evidence).toMatchObject({ board: { feeRatePercent: '7.50', gross: '1000' }, others: { feeRatePercent: '15.00' }, grossSharePercent: '50.00', paidSharePercent: '52.11' });
    expect(selfDealing.details).toContain('7.50% against 15.00%');
  });

  it('passes the three rules on the clean society, and the first rule once the RAO-like members declare in full', async () => {
    await cleanToken.post(`/v1/societies/${clean.id}/board/declarations`, { ...declaration({ memberId: 'C-1', currency: 'EUR', amountsAsRightholder: '500', remuneration: '0' }) });
    await cleanToken.post(`/v1/societies/${clean.id}/board/declarations`, { ...declaration({ memberId: 'C-2', currency: 'EUR', remuneration: '0' }) });
    await moveHeads();
    const audit = await auditAndWait(admin, { societyId: clean.id, financialYear: 2025, rules: RULES });
    for (const id of RULES) expect({ id, passed: findingOf(audit, id).passed, details: findingOf(audit, id).details }).toEqual({ id, passed: true, details: expect.any(String) });
    expect(findingOf(audit, 'governance.board-self-dealing').evidence).toMatchObject({ board: { feeRatePercent: '15.00' }, others: { feeRatePercent: '15.00' } });
    // A later version that declares what the ledger paid makes B-1's declaration whole; B-2 still has none.
    await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ amountsAsRightholder: '925' }));
    await raoToken.post(`/v1/societies/${rao.id}/board/declarations`, declaration({ memberId: 'B-2' }));
    await moveHeads();
    const again = await auditAndWait(admin, { societyId: rao.id, financialYear: 2025, rules: ['governance.board-declarations'] });
    expect(findingOf(again, 'governance.board-declarations').passed).toBe(true);
  });

  it("shows the regulator each society's declarations, licensee matches and board members' fee rate against everyone else's", async () => {
    const overview = await admin.get('/v1/regulator/overview?financialYear=2025');
    expect(overview.status).toBe(200);
    const row = (id: string) => overview.body.societies.find((s: { societyId: string }) => s.societyId === id).boardConflicts;
    expect(row(rao.id)).toEqual({ members: 2, declared: 2, missingDeclarations: 0, understatedDeclarations: 0, licenseeMatches: 1, boardFeeRatePercent: '7.50', othersFeeRatePercent: '15.00' });
    expect(row(clean.id)).toEqual({ members: 2, declared: 2, missingDeclarations: 0, understatedDeclarations: 0, licenseeMatches: 0, boardFeeRatePercent: '15.00', othersFeeRatePercent: '15.00' });
  });

  it('renders the declarations in the transparency report (JSON, CSV, PDF) as recorded by the head', async () => {
    const json = await admin.get(`/v1/societies/${rao.id}/transparency-report?financialYear=2025`);
    expect(json.status).toBe(200);
    // The report is pinned to the society's own head: declarations recorded after its last package are not in it yet.
    expect(json.body.governance.declarations).toEqual({ legalBasis: expect.stringContaining('Art. 10(2)'), items: [], undeclared: ['B-1', 'B-2'], totals: [] });
    await commit(raoToken, rao.id, 'deductions', '2025Q2', [{ deduction_id: 'D-1', kind: 'management', category: 'performing', currency: 'RUB', amount: '225.00', description: 'fee' }]);
    const pinned = await admin.get(`/v1/societies/${rao.id}/transparency-report?financialYear=2025`);
    const d = pinned.body.governance.declarations;
    expect(d.undeclared).toEqual([]);
    expect(d.items).toEqual([
      expect.objectContaining({ memberId: 'B-1', version: 3, remuneration: '1200000', amountsAsRightholder: '925', currency: 'RUB', conflicts: 'none' }),
      expect.objectContaining({ memberId: 'B-2', version: 1, remuneration: '1200000', amountsAsRightholder: '0' }),
    ]);
    expect(d.totals).toEqual([{ currency: 'RUB', remuneration: '2400000', amountsAsRightholder: '925', declarations: 2 }]);
    const csvText = (await admin.get(`/v1/societies/${rao.id}/transparency-report?financialYear=2025&format=csv`)).text;
    expect(csvText).toContain('governance,board-declaration-remuneration,,,B-1,RUB,1200000,3,');
    expect(csvText).toContain('governance,board-remuneration-declared,,,,RUB,2400000,2,');
    const pdf = await admin.request('GET', `/v1/societies/${rao.id}/transparency-report?financialYear=2025&format=pdf`);
    expect(pdf.status).toBe(200);
  });
});
