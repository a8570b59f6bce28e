import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from '@jest/globals';
import { MAX_RECORD_BYTES, NdjsonToCsv, repeatedKeys } from './ndjson.js';

const COLUMNS = ['member_id', 'name', 'constituency', 'seat_from', 'seat_to'];

async function convert(input: string | Buffer | Buffer[], maxProblems = 100) {
  const converter = new NdjsonToCsv(COLUMNS, 'a board package', maxProblems);
  const chunks = Array.isArray(input) ? input : [Buffer.from(input)];
  const csv = await text(Readable.from(chunks).pipe(converter));
  return { csv, ...converter.summary };
}

const member = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ member_id: id, name: `Member ${id}`, constituency: 'authors', seat_from: '2024-01-01', seat_to: '', ...extra });

describe('NdjsonToCsv', () => {
  it('writes each record as CSV in column order, numbered by its line in the file', async () => {
    const out = await convert(`${member('A')}\n\n${member('B', { seat_to: null })}\r\n${member('C', { name: 'Quote "and", comma' })}`);
    expect(out.csv).toBe(
      [
        '1,"A","Member A","authors","2024-01-01",""',
        '3,"B","Member B","authors","2024-01-01",""',
        '4,"C","Quote ""and"", comma","authors","2024-01-01",""',
        '',
      ].join('\n'),
    );
    expect(out).toMatchObject({ rows: 3, firstLine: 1, lastLine: 4, problems: [], total: 0 });
  });

  it('refuses a record other than the first that starts with a BOM, naming its line (issue 13)', async () => {
    const out = await convert(`\uFEFF${member('A')}\n\uFEFF${member('B')}\n${member('C')}\n`);
    expect(out).toMatchObject({ rows: 2, refused: 1, total: 1 });
    expect(out.problems).toEqual([{ line: 2, message: expect.stringMatching(/^starts with U\+FEFF, a byte order mark/) }]);
    expect(out.csv).not.toContain('\uFEFF');
  });

  it('reads records split across chunks anywhere, even inside a multi-byte character, and tolerates a BOM', async () => {
    const bytes = Buffer.from(`\uFEFF${member('A', { name: 'Zoë Ødegård' })}\n${member('B')}\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const out = await convert(chunks);
    expect(out.csv).toBe('1,"A","Zoë Ødegård","authors","2024-01-01",""\n2,"B","Member B","authors","2024-01-01",""\n');
    expect(out.total).toBe(0);
  });

  it('takes a missing key as an empty cell and booleans as "true"/"false"', async () => {
    const out = await convert(JSON.stringify({ member_id: 'A', name: true, constituency: false }));
    expect(out.csv).toBe('1,"A","true","false","",""\n');
  });

  it('names the line and the key of every problem, leaves those records out and keeps the rest', async () => {
    const lines = [
      member('A'),
      '{"member_id": "B", "name": ',
      '[1, 2]',
      member('D', { seat_from: 20240101 }),
      member('E', { extra: 'x', name: { first: 'E' } }),
      member('F', { name: 'nul \u0000 here' }),
      '{"member_id": "G", "member_id": "G2", "name": "n", "constituency": "authors", "seat_from": "2024-01-01", "seat_to": ""}',
      member('H'),
    ];
    const out = await convert(lines.join('\n'));
    expect(out.csv).toBe('1,"A","Member A","authors","2024-01-01",""\n8,"H","Member H","authors","2024-01-01",""\n');
    expect(out.rows).toBe(2);
    expect(out.refused).toBe(6);
    expect(out.total).toBe(7);
    expect(out.problems.map((p) => [p.line, p.column ?? null])).toEqual([
      [2, null],
      [3, null],
      [4, 'seat_from'],
      [5, 'extra'],
      [5, 'name'],
      [6, 'name'],
      [7, 'member_id'],
    ]);
    expect(out.problems[0].message).toMatch(/^is not valid JSON \(/);
    expect(out.problems[1].message).toBe('must be one JSON object whose keys are the columns of a board package');
    expect(out.problems[2].message).toBe('is the JSON number 20240101: send every value as a JSON string (e.g. "20240101"), so that no digit is lost');
    expect(out.problems[3].message).toBe('unknown column "extra" for a board package (expected: member_id, name, constituency, seat_from, seat_to)');
    expect(out.problems[4].message).toBe('must be a JSON string, not an object');
    expect(out.problems[5].message).toBe('contains the character U+0000, which is not allowed in a value');
    expect(out.problems[6].message).toBe('the key "member_id" appears more than once');
  });

  it('refuses a lone surrogate escape, which has no UTF-8 form, and keeps a proper pair', async () => {
    const record = (id: string, nameJson: string) => `{"member_id": "${id}", "name": "${nameJson}", "constituency": "authors", "seat_from": "2024-01-01"}`;
    const out = await convert(`${record('A', String.raw`\ud83c\udfb5 ok`)}\n${record('B', String.raw`half \ud83c`)}`);
    expect(out.csv).toBe('1,"A","\u{1F3B5} ok","authors","2024-01-01",""\n');
    expect(out.problems).toEqual([{ line: 2, column: 'name', message: expect.stringMatching(/^contains a lone surrogate escape/) }]);
  });

  it('reports invalid UTF-8 by line', async () => {
    const out = await convert(Buffer.concat([Buffer.from(`${member('A')}\n{"member_id": "`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]));
    expect(out.problems).toEqual([{ line: 2, message: 'is not valid UTF-8' }]);
    expect(out.rows).toBe(1);
  });

  it('refuses a line longer than the limit without holding it in memory, and goes on after it', async () => {
    const long = Buffer.alloc(MAX_RECORD_BYTES + 10, 0x20);
    const out = await convert([Buffer.from(`${member('A')}\n`), long, long, Buffer.from(`\n${member('C')}\n`)]);
    expect(out.problems).toEqual([{ line: 2, message: `is longer than ${MAX_RECORD_BYTES} bytes: one line holds one record` }]);
    expect(out.csv.split('\n').map((l) => l.split(',')[0])).toEqual(['1', '3', '']);
  });

  it('lists at most maxProblems problems but counts them all', async () => {
    const out = await convert(Array.from({ length: 50 }, () => '{').join('\n'), 10);
    expect(out.problems).toHaveLength(10);
    expect(out.total).toBe(50);
    expect(out.problems.at(-1)!.line).toBe(10);
  });

  it('gives nothing for an empty or blank input', async () => {
    expect(await convert('')).toMatchObject({ csv: '', rows: 0, firstLine: 0, total: 0 });
    expect(await convert('\n  \n\r\n')).toMatchObject({ csv: '', rows: 0, total: 0 });
  });
});

describe('repeatedKeys', () => {
  it('finds top-level keys given twice, also when escaped differently', () => {
    expect(repeatedKeys('{"a": "1", "b": {"a": "x"}, "\\u0061": "2"}', 2)).toEqual(['a']);
    expect(repeatedKeys('{"a": "b:\\"c\\"", "c": "a"}', 2)).toEqual([]);
  });
});
