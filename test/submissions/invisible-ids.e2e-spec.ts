import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, distRecord, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13: a byte order mark at the start of a row (not only of the file) ended up
 * inside the committed line id. A BOM anywhere but at the start of the file, and any
 * control, bidirectional or invisible character in an id, is now a rejection naming the
 * line and the column; nothing is committed.
 */
describe('packages: a BOM or an invisible character in an id is a rejection naming line and column', () => {
  let t: TestApp;
  let society: Http;
  let societyId: string;
  let period = 0;
  /** A fresh 2024 quarter per package (no supersession between the cases). */
  const nextPeriod = () => `${2020 + Math.floor(period / 4)}Q${(period++ % 4) + 1}`;
  const linesOf = async (submissionId: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [submissionId]))[0].n as number;

  async function submit(body: string, contentType = 'text/csv') {
    const p = nextPeriod();
    const year = p.slice(0, 4);
    const q = Number(p.slice(5));
    const first = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    const last = `${year}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`;
    const dated = body.replaceAll('2025-01-01', first).replaceAll('2025-03-31', last).replaceAll('2025-03-30', last);
    const { final } = await submitAndWait(society, societyId, 'distribution-lines', p, dated, 60_000, contentType);
    return final as { id: string; status: string; errors: { line: number; column?: string; message: string }[] };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    const s = await givenSociety(admin);
    societyId = s.id;
    society = admin.as(await tokenFor(admin, 'society', { societyId }));
  });
  afterAll(async () => t?.close());

  it('accepts a BOM at the start of the file (CSV and JSON Lines)', async () => {
    expect((await submit(`\uFEFF${DIST_HEADER}\n${distLine()}\n`)).status).toBe('committed');
    expect((await submit(`\uFEFF${distRecord()}\n`, 'application/x-ndjson')).status).toBe('committed');
  });

  it('rejects a CSV row that starts with a BOM, naming its line and first column', async () => {
    const final = await submit(`${DIST_HEADER}\n${distLine({ line_id: 'L-1' })}\n\uFEFF${distLine({ line_id: 'L-2' })}\n`);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual([{ line: 3, column: 'line_id', message: expect.stringMatching(/^contains U\+FEFF, a byte order mark/) }]);
    expect(await linesOf(final.id)).toBe(0);
  });

  it('rejects a JSON Lines record that starts with a BOM, and a BOM inside an id value', async () => {
    const leading = await submit(`${distRecord({ line_id: 'L-1' })}\n\uFEFF${distRecord({ line_id: 'L-2' })}\n`, 'application/x-ndjson');
    expect(leading.status).toBe('rejected');
    expect(leading.errors).toEqual([{ line: 2, message: expect.stringMatching(/^starts with U\+FEFF, a byte order mark/) }]);
    const inside = await submit(`${distRecord({ line_id: '\uFEFFL-1' })}\n`, 'application/x-ndjson');
    expect(inside.status).toBe('rejected');
    expect(inside.errors).toEqual([{ line: 1, column: 'line_id', message: expect.stringMatching(/^contains U\+FEFF/) }]);
  });

  it('rejects zero-width, bidirectional and control characters in an id, naming the code point', async () => {
    const cases: [string, string][] = [
      ['L-\u200B1', 'U+200B'],
      ['L-\u202E1', 'U+202E'],
      ['L-\u20661', 'U+2066'],
      ['L-1\u0007', 'U+0007'],
      ['L-1\u00AD', 'U+00AD'],
    ];
    const rows = cases.map(([id]) => distLine({ line_id: id }));
    const final = await submit(`${DIST_HEADER}\n${rows.join('\n')}\n`);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual(
      cases.map(([, cp], i) => ({ line: i + 2, column: 'line_id', message: `contains ${cp}, an invisible or control character: an id is written with visible characters only` })),
    );
  });

  it('refuses a BOM in any text value, not only in ids', async () => {
    const final = await submit(`${DIST_HEADER}\n${distLine({ work_title: 'Winter\uFEFF Road' })}\n`);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual([{ line: 2, column: 'work_title', message: expect.stringMatching(/^contains U\+FEFF/) }]);
  });
});
