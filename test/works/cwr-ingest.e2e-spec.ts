import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ackOf, readCwrAll, sampleCwrLines, sampleWork, type SampleWork } from '../../libs/cwr/src/index.js';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { Clock } from '../../libs/config/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const FIXTURES = new URL('../fixtures/cwr/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const PERIOD = '2026Q3';
const X = { ipiNameNumber: makeIpi('002345678'), name: 'SAMPLE MUSIC PUBLISHING' };
const Y = { ipiNameNumber: makeIpi('008765432'), name: 'OTHER SONGS LTD' };

/** A CWR file of sample works from a sender (CRLF, latin-1). */
function cwrFile(works: number | SampleWork[], options: Parameters<typeof sampleCwrLines>[1] = {}, edit: (lines: string[]) => void = () => undefined): Buffer {
  const lines = [...sampleCwrLines(works, { version: '2.2', sender: X, ...options })];
  edit(lines);
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}
/** Replace columns [start, start+text.length) of a line (1-based). */
const put = (line: string, start: number, text: string) => line.padEnd(start - 1 + text.length, ' ').slice(0, start - 1) + text + line.padEnd(start - 1 + text.length, ' ').slice(start - 1 + text.length);

/**
 * CWR files into the works register, answered with the ACK (issue 16 item 1): the public
 * parsers' real files, each rejection level with its ACK and MSG records, a REV, a
 * conflict between publishers, a duplicate, broken counts, a wrong encoding, a truncated
 * file — rejected naming line and column, nothing left behind — and tenancy.
 */
describe('type=cwr: CWR files into the works register, and the ACK', () => {
  let t: TestApp;
  let http: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    http = new Http(t.baseUrl);
    cast = await givenTenants(http.as(t.adminToken));
  });
  afterAll(async () => t?.close());

  async function upload(bytes: Buffer, fileName = 'CW260001ABC_052.V22', token = cast.tokens.societyA, societyId = cast.societyA.id) {
    const boundary = '----cwr' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await http.as(token).post(`/v1/societies/${societyId}/submissions?type=cwr&period=${PERIOD}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    if (res.status !== 202 && res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
    return waitFinished(http.as(token), res.body.id);
  }

  async function ackFile(submissionId: string, token = cast.tokens.societyA) {
    // The bytes as sent (latin-1), not text decoded as UTF-8.
    const res = await fetch(`${t.baseUrl}/v1/submissions/${submissionId}/ack`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const raw = Buffer.from(await res.arrayBuffer());
    const { transactions, summary } = await readCwrAll([raw]);
    // The society's answer is a file the CWR reader accepts (but for the test societies' made-up CISAC codes).
    expect(summary.problems.filter((p) => p.level === 'ER' && p.field !== 'senderId')).toEqual([]);
    return { res, text: raw.toString('latin1'), acks: transactions.map((tx) => ackOf(tx)!), summary };
  }

  const works = async (query = '') => (await http.as(cast.tokens.societyA).get(`/v1/works${query}`)).body.items as { id: string; iswc: string | null; title: string }[];
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE society_id = $1`, [cast.societyA.id]))[0].n);

  it('registers a publisher’s real NWR file (11-digit IPI sender) and answers it: ACK named after the file, AS per transaction', async () => {
    const s = await upload(fixture('CW220001DMP_000.V21'), 'CW220001DMP_000.V21');
    expect(s.status).toBe('committed');
    const { res, text, acks } = await ackFile(s.id);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; charset=iso-8859-1/);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`filename="CW220001${cast.societyA.cisacCode}_DMP.V21"`));
    expect(text.startsWith(`HDRSO000000${cast.societyA.cisacCode}`)).toBe(true);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) expect(['AS', 'AC']).toContain(a.status);
    expect(acks.every((a) => a.recipientWorkNumber)).toBe(true);
    const registered = await works();
    expect(registered.length).toBe(acks.length);
    const one = (await http.as(cast.tokens.societyA).get(`/v1/works/${registered[0]!.id}`)).body;
    expect(one.parties.length).toBeGreaterThan(0);
    expect(one.versions[0]).toMatchObject({ submissionId: s.id, transactionType: 'NWR' });
  });

  it('a REV file with ALT, PER, REC and ORN: titles and recordings', async () => {
    const s = await upload(fixture('revexample.V21'), 'revexample.V21');
    expect(s.status).toBe('committed');
    const { acks } = await ackFile(s.id);
    expect(acks.map((a) => a.status).every((x) => x === 'AS' || x === 'AC')).toBe(true);
  });

  it('NWR, then a REV (new version), then another publisher’s conflicting NWR (CO with EXC), then a duplicate (DU)', async () => {
    const w = sampleWork(501);
    const first = await upload(cwrFile([w]));
    expect(first.status).toBe('committed');
    const [id] = (await works(`?iswc=${w.iswc}`)).map((x) => x.id);
    const rev = await upload(cwrFile([{ ...w, title: 'SAMPLE WORK 501 REVISED' }], { transactionType: 'REV', creationDate: '2026-02-01' }));
    expect((await ackFile(rev.id)).acks.map((a) => a.status)).toEqual(['AS']);
    const afterRev = (await http.as(cast.tokens.societyA).get(`/v1/works/${id}`)).body;
    expect(afterRev).toMatchObject({ title: 'SAMPLE WORK 501 REVISED', currentVersion: 2 });
    expect(afterRev.versions.map((v: { transactionType: string }) => v.transactionType)).toEqual(['REV', 'NWR']);

    const other = await upload(cwrFile([{ ...w, submitterWorkNumber: 'Y501' }], { sender: Y }), 'CW260001OTH_052.V22');
    const conflict = await ackFile(other.id);
    expect(conflict.acks.map((a) => a.status)).toEqual(['CO']);
    expect(conflict.acks[0]!.messages.some((m) => /collection shares/i.test(m.text))).toBe(true);
    expect(conflict.acks[0]!.work?.submitterWorkNumber).toBe('Y501');
    expect(conflict.acks[0]!.conflict?.submitterWorkNumber).toBe(w.submitterWorkNumber);
    expect(conflict.res.headers.get('x-conflicts')).toBe('1');
    const flagged = (await http.as(cast.tokens.societyA).get(`/v1/works/${id}`)).body;
    expect(flagged.inConflict).toBe(true);
    expect(flagged.conflicts[0]).toMatchObject({ reason: 'shares-over-100', version: 3, otherVersions: [2], submissionId: other.id });

    const again = await upload(cwrFile([{ ...w, title: 'SAMPLE WORK 501 REVISED' }], { transactionType: 'REV', creationDate: '2026-03-01' }));
    expect((await ackFile(again.id)).acks.map((a) => a.status)).toEqual(['DU']);
    expect((await http.as(cast.tokens.societyA).get(`/v1/works/${id}`)).body.currentVersion).toBe(3);
  });

  it('one file registering a work twice (same ISWC): the second transaction is its next version, the rest are new works', async () => {
    const w = sampleWork(551);
    const s = await upload(cwrFile([sampleWork(550), w, { ...w, title: 'SAMPLE WORK 551 AGAIN' }, sampleWork(552)], { creationDate: '2026-05-01' }));
    const { acks } = await ackFile(s.id);
    expect(acks.map((a) => a.status)).toEqual(['AS', 'AS', 'AS', 'AS']);
    expect(new Set(acks.map((a) => a.recipientWorkNumber)).size).toBe(3);
    const [work] = await works(`?iswc=${w.iswc}`);
    const one = (await http.as(cast.tokens.societyA).get(`/v1/works/${work!.id}`)).body;
    expect(one).toMatchObject({ title: 'SAMPLE WORK 551 AGAIN', currentVersion: 2, currentVersions: [2] });
  });

  it('transaction level (TR): the transaction is answered RJ with a MSG naming record, field, line and column; the others register', async () => {
    const before = await count('works');
    const s = await upload(
      cwrFile([sampleWork(601), sampleWork(602)], {}, (lines) => {
        const spu = lines.findIndex((l) => l.startsWith('SPU'));
        lines[spu] = put(lines[spu]!, 116, '06000'); // SPU PR share 60 %: over 50 %
      }),
    );
    expect(s.status).toBe('committed');
    const { acks, res } = await ackFile(s.id);
    expect(acks.map((a) => a.status)).toEqual(['RJ', 'AS']);
    const msg = acks[0]!.messages.find((m) => m.recordType === 'SPU')!;
    expect(msg).toMatchObject({ messageType: 'T' });
    expect(msg.text).toMatch(/\(SPU PR SHARE, LINE 4 COL 116\)/);
    expect(res.headers.get('x-rejected')).toBe('1');
    expect(await count('works')).toBe(before + 1);
  });

  it('a file whose every transaction is refused still commits with no line: its ACK says RJ for each (the public CW220004DMP_000.V21)', async () => {
    const s = await upload(fixture('CW220004DMP_000.V21'), 'CW220004DMP_000.V21');
    expect(s).toMatchObject({ status: 'committed', rows: 0 });
    const { acks } = await ackFile(s.id);
    expect(acks.map((a) => a.status)).toEqual(['RJ']);
    expect(acks[0]!.messages.length).toBeGreaterThan(0);
  });

  it('field level (FR): the default replaces the field; accepted with changes (AC) and a MSG of type F', async () => {
    const s = await upload(cwrFile([sampleWork(701)], {}, (lines) => (lines[2] = put(lines[2]!, 107, '20261399'))));
    const { acks } = await ackFile(s.id);
    expect(acks[0]).toMatchObject({ status: 'AC' });
    expect(acks[0]!.messages.map((m) => [m.messageType, m.recordType])).toContainEqual(['F', 'NWR']);
  });

  it('record level (RR): an ALT without a title is left out; AC with a MSG of type R', async () => {
    const s = await upload(
      cwrFile([sampleWork(702)], {}, (lines) => {
        const alt = lines.findIndex((l) => l.startsWith('ALT'));
        lines[alt] = put(lines[alt]!, 20, ' '.repeat(60));
      }),
    );
    const { acks } = await ackFile(s.id);
    expect(acks[0]!.status).toBe('AC');
    expect(acks[0]!.messages.map((m) => [m.messageType, m.recordType])).toContainEqual(['R', 'ALT']);
    const [w] = await works(`?iswc=${sampleWork(702).iswc}`);
    const titles = (await http.as(cast.tokens.societyA).get(`/v1/works/${w!.id}`)).body.titles;
    expect(titles.map((x: { titleType: string }) => x.titleType)).toEqual(['OT']);
  });

  async function rejectedLeavesNothing(bytes: Buffer, expectProblem: (p: { line: number; column: string; message: string }[]) => void) {
    const before = await Promise.all(['works', 'work_versions', 'cwr_lines'].map(count));
    const s = await upload(bytes);
    expect(s.status).toBe('rejected');
    expectProblem(s.errors);
    expect(await Promise.all(['works', 'work_versions', 'cwr_lines'].map(count))).toEqual(before);
    const { acks, res } = await ackFile(s.id);
    expect(acks.every((a) => a.status === 'RJ')).toBe(true);
    return { s, acks, res };
  }

  it('group level (GR): a GRT count that is wrong rejects the package, at the GRT’s line and column; the ACK says RJ with G messages', async () => {
    let grt = 0;
    const { acks } = await rejectedLeavesNothing(
      cwrFile([sampleWork(801)], {}, (lines) => {
        grt = lines.findIndex((l) => l.startsWith('GRT'));
        lines[grt] = put(lines[grt]!, 9, '00000009');
      }),
      (errors) => expect(errors).toContainEqual(expect.objectContaining({ line: grt + 1, column: expect.stringMatching(/^9 \(GRT/) })),
    );
    expect(acks.some((a) => a.messages.some((m) => m.messageType === 'G'))).toBe(true);
  });

  it('file level (ER): a wrong TRL count rejects the package; the ACK’s first transaction is about the file (TRL, RJ, E messages)', async () => {
    const { acks } = await rejectedLeavesNothing(
      cwrFile([sampleWork(802)], {}, (lines) => (lines[lines.length - 1] = put(lines[lines.length - 1]!, 17, '00000099'))),
      (errors) => expect(errors[0]).toMatchObject({ line: expect.any(Number), column: expect.stringMatching(/\(TRL/) }),
    );
    expect(acks[0]).toMatchObject({ originalTransactionType: 'TRL', status: 'RJ' });
    expect(acks[0]!.messages.every((m) => m.messageType === 'E')).toBe(true);
  });

  it('a wrong encoding (bytes that are not UTF-8 where the HDR says UTF-8) is rejected naming line and column', async () => {
    const bytes = cwrFile([sampleWork(803)], {}, (lines) => (lines[0] = put(lines[0]!, 87, 'UTF-8          ')));
    bytes[bytes.indexOf('SAMPLE WORK 803') + 1] = 0xc9;
    const { res } = await rejectedLeavesNothing(bytes, (errors) => expect(errors).toContainEqual(expect.objectContaining({ line: 3, column: expect.any(String) })));
    // A file read as UTF-8 is answered in UTF-8, and the ACK's HDR says so.
    expect(res.headers.get('content-type')).toMatch(/charset=utf-8/);
  });

  it('a truncated file (cut inside a line, no TRL) is rejected naming where it ends', async () => {
    const full = cwrFile([sampleWork(804), sampleWork(805)]);
    await rejectedLeavesNothing(full.subarray(0, Math.floor(full.length / 2)), (errors) => expect(errors.length).toBeGreaterThan(0));
  });

  it('has no CSV or JSON Lines template for cwr and dsr (their files are sent as they are): 404 saying so', async () => {
    for (const file of ['cwr.csv', 'cwr.ndjson', 'dsr.csv']) {
      const res = await http.as(cast.tokens.societyA).get(`/v1/templates/${file}`);
      expect(res.status).toBe(404);
      expect(res.body.detail).toMatch(/sent as they are, not CSV or JSON Lines/);
      expect(res.body.detail).not.toMatch(/cwr\.csv,|dsr\.csv,/);
    }
    expect((await http.as(cast.tokens.societyA).get('/v1/templates/income.csv')).status).toBe(200);
  });

  it('period may be left out for cwr (a registration is not a quarter’s): filed under the quarter received; other types still need it', async () => {
    const t0 = t.app.get(Clock).today();
    const bytes = cwrFile([sampleWork(806)], { creationDate: '2026-04-01' });
    const res = await http.as(cast.tokens.societyA).post(`/v1/societies/${cast.societyA.id}/submissions?type=cwr`, bytes, { 'content-type': 'application/octet-stream' });
    expect([200, 202]).toContain(res.status);
    const s = await waitFinished(http.as(cast.tokens.societyA), res.body.id);
    expect(s.status).toBe('committed');
    const [y, m] = t0.split('-').map(Number);
    expect(s.period).toBe(`${y}Q${Math.ceil(m! / 3)}`);
    const income = await http.as(cast.tokens.societyA).post(`/v1/societies/${cast.societyA.id}/submissions?type=income`, 'income_id\n', { 'content-type': 'text/csv' });
    expect(income.status).toBe(400);
    expect(income.body.errors).toContainEqual(expect.objectContaining({ field: 'period' }));
  });

  it('tenancy: another society sees neither the ACK nor the works; a non-CWR package has no ACK', async () => {
    const s = await upload(cwrFile([sampleWork(901)], { creationDate: '2026-04-01' }));
    expect((await http.as(cast.tokens.societyB).get(`/v1/submissions/${s.id}/ack`)).status).toBe(404);
    expect((await http.as(cast.tokens.holderA).get(`/v1/submissions/${s.id}/ack`)).status).toBe(403);
    expect((await http.as(cast.tokens.regulator).get(`/v1/submissions/${s.id}/ack`)).status).toBe(200);
    const [w] = await works(`?iswc=${sampleWork(901).iswc}`);
    expect((await http.as(cast.tokens.societyB).get(`/v1/works/${w!.id}`)).status).toBe(404);
    expect((await http.as(cast.tokens.societyB).get(`/v1/works?iswc=${sampleWork(901).iswc}`)).body.items).toEqual([]);
  });
});
