import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CwrWork, type SampleWork, sampleWork, sampleWorkRecords, workOfRecords } from '../../libs/cwr/src/index.js';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { recordRegistration, type RegistrationInput } from '../../libs/works/src/index.js';
import { givenRightsHolder, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * The works register (issue 16 item 1) as the API shows it, written the way a CWR
 * package's commit writes it (libs/works recordRegistration): versions, current shares,
 * conflicts between submitters, duplicates, the database refusing to rewrite history,
 * queries and their 400s, and who sees which work.
 */
describe('works register: GET /v1/works, GET /v1/works/{id}', () => {
  let t: TestApp;
  let http: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let submissionA: string;
  let submissionB: string;
  let nextLine = 1000;
  const register = (input: Partial<RegistrationInput> & { work: CwrWork; submitter: string }, societyId = cast.societyA.id, submissionId = submissionA) =>
    recordRegistration((sql, params) => t.dataSource.query(sql, params as unknown[]), {
      societyId,
      submissionId,
      recordedAt: new Date(),
      line: (nextLine += 20),
      lastLine: nextLine + 9,
      groupId: 1,
      transactionSequence: 0,
      changed: false,
      ...input,
    });
  const workOf = (w: SampleWork, type: 'NWR' | 'REV' = 'NWR') => workOfRecords(sampleWorkRecords(w, 0, type, '2.2'))!;
  const PUBLISHER_X = '00234567803';
  const PUBLISHER_Y = makeIpi('008765432');

  beforeAll(async () => {
    t = await bootTestApp();
    http = new Http(t.baseUrl);
    cast = await givenTenants(http.as(t.adminToken));
    const csv = 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,works\n';
    submissionA = (await submitAndWait(http.as(cast.tokens.societyA), cast.societyA.id, 'deductions', '2025Q1', csv)).final.id;
    submissionB = (await submitAndWait(http.as(cast.tokens.societyB), cast.societyB.id, 'deductions', '2025Q1', csv)).final.id;
  });
  afterAll(async () => t?.close());

  it('registers a work (AS), shows it with its titles, recordings, parties and shares; a REV is a new version', async () => {
    const w = sampleWork(11);
    const first = await register({ submitter: PUBLISHER_X, work: workOf(w), line: 3, lastLine: 12 });
    expect(first).toMatchObject({ status: 'AS', version: 1, workNumber: '1', conflicts: [] });
    const a = http.as(cast.tokens.societyA);
    const work = (await a.get(`/v1/works/${first.workId}`)).body;
    expect(work).toMatchObject({ id: first.workId, societyId: cast.societyA.id, number: '1', iswc: w.iswc, title: 'SAMPLE WORK 11', submitter: PUBLISHER_X, submitterWorkNumber: w.submitterWorkNumber, currentVersion: 1, version: 1, currentVersions: [1], inConflict: false });
    expect(work.titles).toEqual([
      { title: 'SAMPLE WORK 11', titleType: 'OT', language: 'EN' },
      { title: 'SAMPLE WORK 11 (RADIO EDIT)', titleType: 'AT', language: null },
    ]);
    expect(work.recordings[0]).toMatchObject({ isrc: 'GBAAA2400000', releaseDate: '2024-05-17' });
    expect(work.parties.map((p: { kind: string; name: string; role: string; ownership: { PR: { share: string } } }) => [p.kind, p.name, p.role, p.ownership.PR.share])).toEqual([
      ['publisher', 'SAMPLE MUSIC PUBLISHING', 'E', '50.00'],
      ['writer', 'SMITH, ANNA 11', 'CA', '25.00'],
      ['writer', 'IVANOV, PETR', 'CA', '25.00'],
    ]);
    expect(work.parties[0].collection).toEqual([{ tis: '2136', territory: expect.stringMatching(/WORLD/i), include: true, PR: '50.00', MR: '50.00', SR: '50.00' }]);
    expect(work.parties[1].ipiNameNumber).toBe(w.writers[0]!.ipiNameNumber);

    const rev = await register({ submitter: PUBLISHER_X, work: { ...workOf(w, 'REV'), title: 'SAMPLE WORK 11 (NEW TITLE)' }, line: 20, lastLine: 29 });
    expect(rev).toMatchObject({ status: 'AS', workId: first.workId, version: 2 });
    const after = (await a.get(`/v1/works/${first.workId}`)).body;
    expect(after).toMatchObject({ title: 'SAMPLE WORK 11 (NEW TITLE)', currentVersion: 2, currentVersions: [2] });
    expect(after.versions.map((v: { version: number; transactionType: string; status: string; line: number }) => [v.version, v.transactionType, v.status, v.line])).toEqual([
      [2, 'REV', 'AS', 20],
      [1, 'NWR', 'AS', 3],
    ]);
    expect((await a.get(`/v1/works/${first.workId}?version=1`)).body).toMatchObject({ version: 1, titles: [{ title: 'SAMPLE WORK 11' }, expect.anything()] });
    expect((await a.get(`/v1/works/${first.workId}?version=3`)).status).toBe(404);
  });

  it('a registration that exactly repeats the submitter’s current one is a duplicate (DU): no new version', async () => {
    const w = sampleWork(12);
    const first = await register({ submitter: PUBLISHER_X, work: workOf(w) });
    const again = await register({ submitter: PUBLISHER_X, work: workOf(w) });
    expect(again).toMatchObject({ status: 'DU', workId: first.workId, version: null });
  });

  it('a field replaced by its default: accepted with changes (AC)', async () => {
    const d = await register({ submitter: PUBLISHER_X, work: workOf(sampleWork(13)), changed: true });
    expect(d.status).toBe('AC');
  });

  it('another submitter registering the same ISWC with the whole work: conflict (CO), flagged with its evidence', async () => {
    const w = sampleWork(14);
    const first = await register({ submitter: PUBLISHER_X, work: workOf(w) });
    const other = await register({ submitter: PUBLISHER_Y, work: { ...workOf(w), submitterWorkNumber: 'Y-14' } });
    expect(other).toMatchObject({ status: 'CO', workId: first.workId, version: 2 });
    expect(other.conflictWith?.submitterWorkNumber).toBe(w.submitterWorkNumber);
    const work = (await http.as(cast.tokens.societyA).get(`/v1/works/${first.workId}`)).body;
    expect(work).toMatchObject({ inConflict: true, currentVersions: [1, 2] });
    expect(work.conflicts.map((c: { reason: string; right: string; tis: string; total: string; otherVersions: number[]; version: number }) => [c.reason, c.right, c.tis, c.total, c.version, c.otherVersions])).toEqual(
      expect.arrayContaining([
        ['shares-over-100', 'PR', '2136', '200.00', 2, [1]],
        ['shares-over-100', 'MR', '2136', '200.00', 2, [1]],
      ]),
    );
    expect(work.versions[0]).toMatchObject({ version: 2, status: 'CO', submitter: PUBLISHER_Y });
  });

  it('two registrations of one ISWC naming different writers: conflict (writers-differ)', async () => {
    const w = sampleWork(15);
    await register({ submitter: PUBLISHER_X, work: workOf(w) });
    const other: SampleWork = { ...w, writers: [w.writers[0]!, { ...w.writers[1]!, ipiNameNumber: makeIpi('055555555') }] };
    const y = workOf(other);
    // Y declares no collection, so no shares collide: the writers do.
    const second = await register({ submitter: PUBLISHER_Y, work: { ...y, publishers: [], writers: y.writers.map((x) => ({ ...x, territories: [] })) } });
    expect(second.status).toBe('CO');
    expect(second.conflicts.map((c) => c.reason)).toEqual(['writers-differ']);
  });

  it('the database refuses to rewrite a registration', async () => {
    await expect(t.dataSource.query(`UPDATE work_versions SET title = 'X'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM work_shares`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM works`)).rejects.toThrow(/append-only/);
  });

  it('finds works by ISWC, title (any spelling, alternative titles too) and a party’s IPI; paginates by title', async () => {
    const a = http.as(cast.tokens.societyA);
    const w = sampleWork(11);
    const byIswc = (await a.get(`/v1/works?iswc=${encodeURIComponent(w.iswc!)}`)).body.items;
    expect(byIswc.map((x: { title: string }) => x.title)).toEqual(['SAMPLE WORK 11 (NEW TITLE)']);
    const byTitle = (await a.get(`/v1/works?q=${encodeURIComponent('radio edit')}`)).body.items;
    expect(byTitle.length).toBeGreaterThanOrEqual(4);
    expect((await a.get(`/v1/works?q=${encodeURIComponent('sample work 11')}`)).body.items.length).toBeGreaterThanOrEqual(1);
    const byIpi = (await a.get(`/v1/works?ipi=${w.writers[0]!.ipiNameNumber}`)).body.items;
    expect(byIpi.map((x: { iswc: string }) => x.iswc)).toEqual([w.iswc]);
    const page1 = (await a.get('/v1/works?limit=2')).body;
    expect(page1.items).toHaveLength(2);
    const page2 = (await a.get(`/v1/works?limit=2&cursor=${page1.nextCursor}`)).body;
    expect(page2.items[0].title >= page1.items[1].title).toBe(true);
    expect(page2.items.map((x: { id: string }) => x.id)).not.toContain(page1.items[1].id);
  });

  it('GET /v1/search finds registered works (by ISWC and by any title) with their register id', async () => {
    const a = http.as(cast.tokens.societyA);
    const w = sampleWork(11);
    const mine = (await a.get(`/v1/works?iswc=${w.iswc}`)).body.items[0];
    const byIswc = (await a.get(`/v1/search?kind=work&q=${w.iswc}`)).body.items;
    expect(byIswc).toEqual([expect.objectContaining({ kind: 'work', id: w.iswc, match: 'iswc', workId: mine.id, societyId: cast.societyA.id })]);
    const byOldTitle = (await a.get(`/v1/search?kind=work&q=${encodeURIComponent('sample work 11 radio edit')}`)).body.items;
    expect(byOldTitle.map((i: { workId: string }) => i.workId)).toContain(mine.id);
    expect((await http.as(cast.tokens.societyB).get(`/v1/search?kind=work&q=${w.iswc}`)).body.items.map((i: { workId: string }) => i.workId)).not.toContain(mine.id);
  });

  it('says which parameter is wrong (400)', async () => {
    const a = http.as(cast.tokens.societyA);
    const bad = await a.get('/v1/works?iswc=T-034.524.680-9&ipi=123&cursor=nope');
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['iswc', 'ipi']));
    expect((await a.get('/v1/works?cursor=nope')).status).toBe(400);
    expect((await a.get('/v1/works/not-a-uuid')).status).toBe(400);
    expect((await a.get('/v1/works?q=%20%20')).status).toBe(400);
    expect((await a.get('/v1/works?q=!!!')).status).toBe(400);
  });

  it('tenancy: a society its own works, a rights holder the works naming her IPI, regulators all', async () => {
    const w = sampleWork(11);
    const mine = (await http.as(cast.tokens.societyA).get(`/v1/works?iswc=${w.iswc}`)).body.items[0];
    // Society B registers the same ISWC in its own register: a work of its own, no conflict with society A's.
    const b = await register({ submitter: PUBLISHER_Y, work: workOf(w) }, cast.societyB.id, submissionB);
    expect(b).toMatchObject({ status: 'AS', version: 1, workNumber: '1' });
    expect(b.workId).not.toBe(mine.id);
    expect((await http.as(cast.tokens.societyB).get(`/v1/works/${mine.id}`)).status).toBe(404);
    expect((await http.as(cast.tokens.societyB).get(`/v1/works?iswc=${w.iswc}`)).body.items.map((x: { id: string }) => x.id)).toEqual([b.workId]);
    const regulator = (await http.as(cast.tokens.regulator).get(`/v1/works?iswc=${w.iswc}`)).body.items.map((x: { id: string }) => x.id);
    expect(regulator.sort()).toEqual([mine.id, b.workId].sort());
    // A writer of the work, registered as a rights holder, sees it in both societies; another holder sees none.
    const writer = await givenRightsHolder(http.as(t.adminToken), { ipi: w.writers[0]!.ipiNameNumber, name: 'Smith, Anna' });
    const token = await tokenFor(http.as(t.adminToken), 'rights-holder', { rightsHolderId: writer.id });
    const seen = (await http.as(token).get('/v1/works')).body.items.map((x: { id: string }) => x.id);
    expect(seen.sort()).toEqual([mine.id, b.workId].sort());
    expect((await http.as(token).get(`/v1/works/${mine.id}`)).status).toBe(200);
    expect((await http.as(cast.tokens.holderA).get(`/v1/works/${mine.id}`)).status).toBe(404);
    expect((await http.as(cast.tokens.holderA).get('/v1/works')).body.items).toEqual([]);
  });

  it('GET /v1/submissions/{id}/ack: 404 for a package that is not CWR', async () => {
    const res = await http.as(cast.tokens.societyA).get(`/v1/submissions/${submissionA}/ack`);
    expect(res.status).toBe(404);
    expect(res.body.detail ?? res.body.title).toMatch(/not a CWR file/);
    expect((await http.as(cast.tokens.societyB).get(`/v1/submissions/${submissionA}/ack`)).status).toBe(404);
  });
});
