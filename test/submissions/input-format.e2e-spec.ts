import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type InputFormat,
  PACKAGES,
  type PackageTypeDefinition,
  PackageRejection,
  type SourceItem,
} from '../../libs/package-catalogue/src/index.js';
import { IngestService } from '../../libs/submissions/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * The input-format path of the ingest (docs/package-catalogue.md), with a tiny format
 * that exists only here: "pipe" files, `#PIPE` on line 1, then `|`-separated income
 * lines; `#` lines are comments and blank lines are skipped, so a row's place in the
 * package differs from its line in the file. The test gives the `income` type this
 * input format for its duration (the catalogue's record is read at each ingest).
 */
interface PipeCollected {
  rows: number;
  /** A licensee named this makes afterCommit throw (an Error, or a PackageRejection). */
  fail: 'error' | 'reject' | null;
}

const pipe: InputFormat<PipeCollected> = {
  name: 'pipe',
  mediaTypes: ['application/x-pipe'],
  extensions: ['pipe'],
  alsoLedgerFormats: true,
  reader: () => {
    const collected: PipeCollected = { rows: 0, fail: null };
    return {
      async *read(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<SourceItem | SourceItem[]> {
        let rest = '';
        let line = 0;
        const decoder = new TextDecoder();
        const items = (text: string): SourceItem[] => {
          line += 1;
          if (line === 1) return text === '#PIPE' ? [] : [{ line, column: '1', message: 'must be #PIPE' }];
          if (text === '' || text.startsWith('#')) return [];
          const cells = text.split('|');
          if (cells.length !== 10) {
            // The column is the character position where the line goes wrong (its end).
            return [{ line, column: String(text.length + 1), message: `has ${cells.length} fields, not 10` }];
          }
          collected.rows += 1;
          if (cells[4] === 'FAIL') collected.fail = 'error';
          if (cells[4] === 'REJECT') collected.fail = 'reject';
          return [{ line, cells }];
        };
        for await (const chunk of bytes) {
          rest += decoder.decode(chunk, { stream: true });
          const lines = rest.split('\n');
          rest = lines.pop()!;
          yield lines.flatMap(items); // a batch
        }
        if (rest !== '') for (const item of items(rest)) yield item; // one at a time
      },
      collected: () => collected,
    };
  },
  async afterCommit(ctx) {
    await ctx.query(`INSERT INTO pipe_after_commit (submission_id, lines_table, rows, collected_rows, now) VALUES ($1, $2, $3, $4, $5)`, [
      ctx.submissionId,
      ctx.linesTable,
      ctx.rows,
      ctx.collected!.rows,
      ctx.now,
    ]);
    const [{ n }] = await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ctx.linesTable} WHERE society_id = $1 AND submission_id = $2`, [ctx.societyId, ctx.submissionId]);
    if (n !== ctx.rows) throw new Error(`afterCommit sees ${n} lines, not ${ctx.rows}`);
    if (ctx.collected!.fail === 'error') throw new Error('afterCommit failed on purpose');
    if (ctx.collected!.fail === 'reject') throw new PackageRejection([{ line: 2, column: '5', message: 'refused by afterCommit' }]);
  },
  async afterReject(ctx, problems) {
    await ctx.query(`INSERT INTO pipe_after_reject (submission_id, total, first_line) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [ctx.submissionId, ctx.total, problems[0]?.line ?? null]);
  },
};

/** The quarter's first and last day. */
const QUARTERS: Record<string, [string, string]> = {
  '2024Q4': ['2024-10-01', '2024-12-31'],
  '2025Q1': ['2025-01-01', '2025-03-31'],
  '2025Q2': ['2025-04-01', '2025-06-30'],
  '2025Q3': ['2025-07-01', '2025-09-30'],
  '2025Q4': ['2025-10-01', '2025-12-31'],
};
const row = (id: string, o: { amount?: string; licensee?: string; period?: string } = {}) => {
  const [first, last] = QUARTERS[o.period ?? '2025Q1'];
  return [id, 'performing', 'radio', 'RU', o.licensee ?? 'Radio Volna LLC', first, last, 'RUB', o.amount ?? '100.00', last].join('|');
};

describe('quarterly submissions: a type read from a file in a format of its own', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let ingest: IngestService;
  const income = PACKAGES.income as PackageTypeDefinition;

  beforeAll(async () => {
    t = await bootTestApp({ runWorkers: false });
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    ingest = t.app.get(IngestService);
    income.input = pipe as InputFormat;
    await t.dataSource.query(`CREATE TABLE pipe_after_commit (submission_id uuid PRIMARY KEY, lines_table text, rows int, collected_rows int, now text)`);
    await t.dataSource.query(`CREATE TABLE pipe_after_reject (submission_id uuid PRIMARY KEY, total int, first_line int)`);
  });
  afterAll(async () => {
    delete income.input;
    await t?.close();
  });

  const count = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as { n: number }[])[0].n;

  /** Uploads a pipe file (multipart, named ….pipe) and runs its ingest by hand. */
  async function ingested(text: string, period = '2025Q1'): Promise<{ id: string; run: Promise<unknown> }> {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'application/octet-stream' }), 'report.pipe');
    const res = await fetch(`${t.baseUrl}/v1/societies/${cast.societyA.id}/submissions?type=income&period=${period}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cast.tokens.societyA}` },
      body: form,
    });
    const body = (await res.json()) as { id: string; format: string };
    expect(res.status).toBe(202);
    expect(body.format).toBe('pipe');
    const id = body.id;
    return { id, run: ingest.run(id).then(() => undefined, (e: unknown) => e) };
  }

  const nothingLeft = async (id: string) => {
    expect(await count(`SELECT count(*)::int AS n FROM income_lines WHERE submission_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM log_leaves WHERE submission_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM journal_entries WHERE submission_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM pipe_after_commit WHERE submission_id = $1`, [id])).toBe(0);
    const [{ left }] = await t.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS left`, [`staging.s_${id.replace(/-/g, '')}`]);
    expect(left).toBe(false);
  };

  it('commits the rows the reader makes, numbered in the order read, and runs afterCommit in the commit', async () => {
    const { id, run } = await ingested(['#PIPE', '# a comment', row('P-1'), '', row('P-2', { amount: '50.5' })].join('\n') + '\n');
    expect(await run).toBeUndefined();
    const s = await waitFinished(society, id);
    expect(s.status).toBe('committed');
    expect(s.rows).toBe(2);
    const lines = await t.dataSource.query(`SELECT line_no, income_id, amount::text FROM income_lines WHERE submission_id = $1 ORDER BY line_no`, [id]);
    expect(lines).toEqual([
      { line_no: 1, income_id: 'P-1', amount: '100.00000000' },
      { line_no: 2, income_id: 'P-2', amount: '50.50000000' },
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM journal_entries WHERE submission_id = $1`, [id])).toBe(1);
    expect(await t.dataSource.query(`SELECT lines_table, rows, collected_rows FROM pipe_after_commit WHERE submission_id = $1`, [id])).toEqual([
      { lines_table: 'income_lines', rows: 2, collected_rows: 2 },
    ]);
    // The hooks are told the Clock's now.
    const [{ now }] = await t.dataSource.query(`SELECT now FROM pipe_after_commit WHERE submission_id = $1`, [id]);
    expect(Math.abs(Date.parse(now as string) - Date.now())).toBeLessThan(60_000);
  });

  it('rejects a file that yields no line, unless the format allows empty files, which then commit with none', async () => {
    const empty = ['#PIPE', '# nothing this quarter'].join('\n') + '\n';
    const refused = await ingested(empty, '2024Q3');
    expect(await refused.run).toBeUndefined();
    const r = await waitFinished(society, refused.id);
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ line: 1, message: 'the pipe file holds no income lines' }]);
    pipe.allowEmpty = true;
    try {
      const { id, run } = await ingested(empty + '# again\n', '2024Q3');
      expect(await run).toBeUndefined();
      const s = await waitFinished(society, id);
      expect(s).toMatchObject({ status: 'committed', rows: 0 });
      expect(await count(`SELECT count(*)::int AS n FROM income_lines WHERE submission_id = $1`, [id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM log_leaves WHERE submission_id = $1`, [id])).toBe(1);
      expect(await t.dataSource.query(`SELECT rows, collected_rows FROM pipe_after_commit WHERE submission_id = $1`, [id])).toEqual([{ rows: 0, collected_rows: 0 }]);
    } finally {
      delete pipe.allowEmpty;
    }
  });

  it("rejects the package on the reader's problems, at the file's line and column, leaving nothing behind; afterReject runs", async () => {
    const { id, run } = await ingested(['#PIPE', row('R-1'), 'R-2|performing|radio', row('R-3')].join('\n'));
    expect(await run).toBeUndefined();
    const s = await waitFinished(society, id);
    expect(s.status).toBe('rejected');
    expect(s.errors).toEqual([{ line: 3, column: '21', message: 'has 3 fields, not 10' }]);
    await nothingLeft(id);
    expect(await t.dataSource.query(`SELECT total, first_line FROM pipe_after_reject WHERE submission_id = $1`, [id])).toEqual([{ total: 1, first_line: 3 }]);
  });

  it("reports validation problems of the rows at their source lines, among the reader's own", async () => {
    const text = ['#PIPE', '', '# two lines before the first row', row('V-1', { amount: 'abc', period: '2025Q2' }), 'bad', row('V-1', { period: '2025Q2' })].join('\n') + '\n';
    const { id, run } = await ingested(text, '2025Q2');
    expect(await run).toBeUndefined();
    const s = await waitFinished(society, id);
    expect(s.status).toBe('rejected');
    expect(s.errors).toEqual([
      { line: 4, column: 'amount', message: expect.stringContaining('abc') },
      { line: 5, column: '4', message: 'has 1 fields, not 10' },
      { line: 6, column: 'income_id', message: '"V-1" repeats the income_id of line 4' },
    ]);
    await nothingLeft(id);
  });

  it('rolls the whole commit back when afterCommit throws', async () => {
    const { id, run } = await ingested(['#PIPE', row('F-1', { licensee: 'FAIL', period: '2025Q3' })].join('\n'), '2025Q3');
    expect(((await run) as Error).message).toBe('afterCommit failed on purpose');
    await nothingLeft(id);
    const [{ status, phase }] = await t.dataSource.query(`SELECT status, phase FROM submissions WHERE id = $1`, [id]);
    expect(status).toBe('validating');
    expect(phase).toBe('failed: afterCommit failed on purpose');
  });

  it('rejects the package when afterCommit throws PackageRejection', async () => {
    const { id, run } = await ingested(['#PIPE', row('J-1', { licensee: 'REJECT', period: '2025Q4' })].join('\n'), '2025Q4');
    expect(await run).toBeUndefined();
    const s = await waitFinished(society, id);
    expect(s.status).toBe('rejected');
    expect(s.errors).toEqual([{ line: 2, column: '5', message: 'refused by afterCommit' }]);
    await nothingLeft(id);
    expect(await count(`SELECT count(*)::int AS n FROM pipe_after_reject WHERE submission_id = $1`, [id])).toBe(1);
  });

  it('still takes the CSV of a type that has an input format with alsoLedgerFormats', async () => {
    const csv = 'income_id,category,use_type,territory,licensee,period_from,period_to,currency,amount,received_on\n' + row('C-1', { period: '2024Q4' }).replace(/\|/g, ',') + '\n';
    const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=income&period=2024Q4`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(202);
    expect(res.body.format).toBe('csv');
    await ingest.run(res.body.id as string);
    expect((await waitFinished(society, res.body.id as string)).status).toBe('committed');
  });
});
