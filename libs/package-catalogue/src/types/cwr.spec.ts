import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { sampleCwrLines, type CwrWork } from '../../../cwr/src/index.js';
import type { InputProblem } from '../../../errors/src/index.js';
import type { RejectContext, SourceItem, SourceProblem, SourceRow } from '../definition.js';
import { cwr, CwrPackageReader, type CwrCollected, rejectCwr } from './cwr.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/cwr/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name);

async function readAll(bytes: Buffer | string, fileName: string | null = null) {
  const reader = new CwrPackageReader({ fileName });
  const rows: SourceRow[] = [];
  const problems: SourceProblem[] = [];
  const chunks = [typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes];
  for await (const item of reader.read((async function* () { yield* chunks; })())) {
    for (const x of (Array.isArray(item) ? item : [item]) as SourceItem[]) {
      if ('cells' in x) rows.push(x);
      else problems.push(x);
    }
  }
  return { rows, problems, collected: reader.collected() };
}

const file = (lines: readonly string[]) => lines.join('\r\n') + '\r\n';
const sample = (n = 2) => [...sampleCwrLines(n, { version: '2.2' })];
/** Replace columns [start, start+text.length) of a line (1-based). */
const put = (line: string, start: number, text: string) => line.padEnd(start - 1 + text.length, ' ').slice(0, start - 1) + text + line.padEnd(start - 1 + text.length, ' ').slice(start - 1 + text.length);

describe('type=cwr: the input reader', () => {
  it('makes one row per work transaction, in the type’s columns, with the whole registration', async () => {
    const { rows, problems, collected } = await readAll(fixture('CW220001DMP_000.V21'), 'CW220001DMP_000.V21');
    expect(problems).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.cells).toHaveLength(cwr.columns.length);
    const names = cwr.columns.map((c) => c.name);
    const first = Object.fromEntries(names.map((n, i) => [n, rows[0]!.cells[i]]));
    expect(first.transaction_type).toBe('NWR');
    expect(Number(first.line)).toBe(rows[0]!.line);
    const work = JSON.parse(first.registration!) as CwrWork;
    expect(work.title).toBe(first.title);
    expect(work.writers.length).toBeGreaterThan(0);
    // The 11-digit IPI sender of the HDR (Sender Type 09 + Sender ID).
    expect(collected.submitter).toMatch(/^[0-9]{11}$/);
    expect(collected.transactions.filter((t) => !t.rejected)).toHaveLength(rows.length);
  });

  it('reads every fixture of the public parsers: rows, package problems (ER/GR) and transactions rejected (TR)', async () => {
    const seen: Record<string, [rows: number, problems: boolean, transactions: number, rejected: number]> = {};
    for (const name of ['nwrexample2.V21', 'revexample.V21', 'demo_cwr_cleaned.v22', 'CW220004DMP_000.V21', 'CW190001MPC_000.V21', 'ackexample.V21']) {
      const { rows, problems, collected } = await readAll(fixture(name), name);
      for (const p of problems) expect(p.line).toBeGreaterThan(0);
      seen[name] = [rows.length, problems.length > 0, collected.transactions.length, collected.transactions.filter((t) => t.rejected).length];
    }
    expect(seen).toEqual({
      'nwrexample2.V21': [1, false, 1, 0],
      'revexample.V21': [2, false, 2, 0],
      // NWR transactions in a REV group (GR), counts that do not match.
      'demo_cwr_cleaned.v22': [0, true, 9, 9],
      // An SWT share "XXX00": the one transaction is rejected (TR), the file stands.
      'CW220004DMP_000.V21': [0, false, 1, 1],
      // Wrong sequence numbers (ER): the package is rejected.
      'CW190001MPC_000.V21': [93, true, 100, 7],
      // A society's ACK file is not a registration: rejected (a second ACK group, a record missing), and its ACK transactions register nothing.
      'ackexample.V21': [0, true, 20, 20],
    });
  });

  it('rejects a file with wrong sequences and counts (ER/GR) with problems at line and column', async () => {
    const { problems } = await readAll(fixture('CW190001MPC_000.V21'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line: expect.any(Number), column: expect.stringMatching(/^[0-9]+ \(/), message: expect.stringMatching(/rejected$/) });
  });

  it('a transaction-level rejection (TR) is no row, and its ACK entry is RJ with a MSG naming record and field', async () => {
    const lines = sample(2);
    const spu = lines.findIndex((l) => l.startsWith('SPU'));
    lines[spu] = put(lines[spu]!, 116, '06000'); // SPU PR share 60 %: over 50 % (TR)
    const { rows, problems, collected } = await readAll(file(lines));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1);
    const rejected = collected.transactions.find((t) => t.rejected)!;
    expect(rejected.line).toBe(3);
    expect(rejected.messages.some((m) => m.recordType === 'SPU' && m.messageType === 'T' && /\(SPU pr Share, line 4 col 116\)/.test(m.text))).toBe(true);
  });

  it('a field-level rejection (FR) keeps the row with the default, and says so in field_defaults', async () => {
    const lines = sample(1);
    lines[2] = put(lines[2]!, 107, '20261399'); // NWR copyright date: not a date → zeros (FR)
    const { rows, collected } = await readAll(file(lines));
    expect(rows).toHaveLength(1);
    const defaults = rows[0]!.cells[cwr.columns.findIndex((c) => c.name === 'field_defaults')]!;
    expect(JSON.parse(defaults)[0]).toMatchObject({ messageType: 'F', recordType: 'NWR' });
    expect(collected.transactions[0]!.changed).toBe(true);
  });

  it('broken counts reject the file (GR at the GRT, ER at the TRL)', async () => {
    const lines = sample(2);
    const grt = lines.findIndex((l) => l.startsWith('GRT'));
    lines[grt] = put(lines[grt]!, 9, '00000009');
    const { problems } = await readAll(file(lines));
    expect(problems.map((p) => [p.line, p.column!.split(' ')[0]])).toContainEqual([grt + 1, '9']);
  });

  it('a truncated file (no TRL) is rejected at its last line', async () => {
    const lines = sample(2).slice(0, 9);
    const { problems } = await readAll(file(lines));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('a file declaring UTF-8 with bytes that are not UTF-8 is rejected at the line', async () => {
    const lines = sample(1);
    lines[0] = put(lines[0]!, 87, 'UTF-8          ');
    const bytes = Buffer.from(file(lines), 'latin1');
    const at = bytes.indexOf('SAMPLE WORK 1');
    bytes[at + 1] = 0xc9; // a lone latin-1 É
    const { problems } = await readAll(bytes);
    expect(problems.some((p) => p.line === 3)).toBe(true);
  });

  it('LF files and stripped trailing blanks read the same as CRLF', async () => {
    const lines = sample(2);
    const crlf = await readAll(file(lines));
    const lf = await readAll(lines.map((l) => l.trimEnd()).join('\n'));
    expect(lf.problems).toEqual([]);
    expect(lf.rows.map((r) => r.cells)).toEqual(crlf.rows.map((r) => r.cells));
  });
});

describe('type=cwr: the ACK of a rejected package', () => {
  it('says RJ for the file (E messages) and for every transaction', async () => {
    const lines = sample(2);
    const grt = lines.findIndex((l) => l.startsWith('TRL'));
    lines[grt] = put(lines[grt]!, 9, '00000009');
    const { problems, collected } = await readAll(file(lines), 'CW260001ABC_052.V22');
    const stored: unknown[][] = [];
    const ctx = {
      type: 'cwr',
      societyId: 's',
      submissionId: 'x',
      period: { period: '2026Q1', year: 2026, quarter: 1, first: '2026-01-01', last: '2026-03-31', today: '2026-02-01' },
      now: '2026-02-01T10:00:00.000Z',
      services: {} as never,
      collected,
      total: problems.length,
      query: async (sql: string, params?: readonly unknown[]) => {
        if (sql.includes('FROM societies')) return [{ cisac_code: '052', name: 'PRS for Music' }];
        stored.push([...(params ?? [])]);
        return [];
      },
    } as unknown as RejectContext<CwrCollected>;
    await rejectCwr(ctx, problems as InputProblem[]);
    const [, , fileName, text, transactions, accepted, conflicts, rejected] = stored[0]!;
    expect(fileName).toBe('CW260001052_ABC.V22');
    const ack = String(text).split('\r\n').filter((l) => l !== '');
    expect(ack[0]).toMatch(/^HDRSO000000052PRS FOR MUSIC/);
    expect(ack[1]!.startsWith('GRHACK0000102.20')).toBe(true);
    expect(ack.filter((l) => l.startsWith('ACK')).map((l) => l.slice(46, 49) + l.slice(157, 159))).toEqual(['TRLRJ', 'NWRRJ', 'NWRRJ']);
    expect(ack.some((l) => l.startsWith('MSG') && l[19] === 'E')).toBe(true);
    expect(ack[ack.length - 1]!.startsWith('TRL')).toBe(true);
    expect([transactions, accepted, conflicts, rejected]).toEqual([2, 0, 0, 2]);
  });
});
