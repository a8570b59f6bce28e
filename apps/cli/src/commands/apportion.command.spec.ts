import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../cli-io.js';
import { apportionCommand } from './apportion.command.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-apportion-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function csvFile(content: string | Buffer): Promise<string> {
  const file = join(dir, `votes-${++fileCount}.csv`);
  await writeFile(file, content);
  return file;
}

async function run(args: string[], stdin = '') {
  const io = memoryIo(stdin);
  const code = await apportionCommand(args, io);
  return { code, out: io.out, err: io.err };
}

const WIKIPEDIA = 'party,votes\nA,100000\nB,80000\nC,30000\nD,20000\n';

describe('ledger apportion', () => {
  it("prints party,votes,seats in input order (D'Hondt, Wikipedia example)", async () => {
    const file = await csvFile(WIKIPEDIA);
    expect(await run(['--method', 'dhondt', '--seats', '8', file])).toEqual({
      code: 0,
      out: 'party,votes,seats\nA,100000,4\nB,80000,3\nC,30000,1\nD,20000,0\n',
      err: '',
    });
  });

  it('accepts --option=value, a BOM, CRLF, columns in either order, quoted fields and decimal votes', async () => {
    const file = await csvFile('\uFEFFvotes,party\r\n"1000.50","Greens, the"\r\n500.25,"Say ""no"""\r\n');
    const result = await run(['--method=sainte-lague', '--seats=3', file]);
    expect(result).toEqual({
      code: 0,
      out: 'party,votes,seats\n"Greens, the",1000.50,2\n"Say ""no""",500.25,1\n',
      err: '',
    });
  });

  it('keeps a line break inside a quoted name', async () => {
    const file = await csvFile('party,votes\n"two\nlines",10\nother,5\n');
    const result = await run(['--method', 'hamilton', '--seats', '3', file]);
    expect(result.out).toBe('party,votes,seats\n"two\nlines",10,2\nother,5,1\n');
  });

  it('reads standard input when FILE is "-" or absent', async () => {
    const expected = 'party,votes,seats\nA,100000,3\nB,80000,3\nC,30000,1\nD,20000,1\n';
    expect((await run(['--method', 'sainte-lague', '--seats', '8', '-'], WIKIPEDIA)).out).toBe(expected);
    expect((await run(['--method', 'sainte-lague', '--seats', '8'], WIKIPEDIA)).out).toBe(expected);
  });

  it('applies --threshold, --min-seats and --max-seats', async () => {
    const file = await csvFile(WIKIPEDIA);
    const seats = async (...extra: string[]) =>
      (await run(['--method', 'sainte-lague', '--seats', '8', ...extra, file])).out.trim().split('\n').slice(1).map((l) => l.split(',')[2]);
    expect(await seats('--threshold', '10')).toEqual(['4', '3', '1', '0']);
    expect(await seats('--max-seats', '2')).toEqual(['2', '2', '2', '2']);
    expect(await seats('--min-seats', '2', '--threshold', '9')).toEqual(['3', '3', '2', '0']);
  });

  it('prints the full result with --json', async () => {
    const file = await csvFile(WIKIPEDIA);
    const result = await run(['--json', '--method', 'modified-sainte-lague', '--seats', '8', file]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.method).toBe('modified-sainte-lague');
    expect(json.seats[0]).toEqual({ name: 'A', votes: '100000', seats: 4, lowerQuota: 3, upperQuota: 4, withinQuota: true });
    expect(json.ties).toEqual([{ seat: 8, parties: ['A', 'D'], winner: 'A' }]);
    expect(json.indices).toEqual({ gallagher: '7.931804', loosemoreHanby: '9.239130' });
    expect(json.laws.houseMonotone).toBe(true);
  });

  it('prints the usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('ledger apportion --method M --seats N');
  });
});

describe('ledger apportion, bad input (exit 2)', () => {
  it.each([
    [[], '--method is required'],
    [['--method', 'dhondt'], '--seats is required'],
    [['--method', 'dhondt', '--seats', 'ten'], '--seats must be a whole number, got "ten"'],
    [['--method', 'dhondt', '--seats', '-3'], '--seats must be a whole number'],
    [['--method', 'dhondt', '--seats', '3', '--min-seats', '1.5'], '--min-seats must be a whole number'],
    [['--method', 'dhondt', '--seats', '3', '--colour', 'red'], 'unknown option --colour'],
    [['--method', 'dhondt', '--seats', '3', '-x'], 'unknown option -x'],
    [['--method', 'dhondt', '--seats', '3', 'a.csv', 'b.csv'], 'expected at most one FILE, got 2'],
    [['--method', 'dhondt', '--method', 'adams', '--seats', '3'], '--method is given twice'],
    [['--seats', '3', '--method'], '--method needs a value'],
  ])('%j: %s', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`ledger apportion: ${message}`);
    expect(result.out).toBe('');
  });

  it('names an unknown method and lists the known ones', async () => {
    const file = await csvFile(WIKIPEDIA);
    const result = await run(['--method', 'borda', '--seats', '8', file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'ledger apportion: unknown method "borda"; expected one of dhondt, sainte-lague, modified-sainte-lague, hamilton, droop, huntington-hill, adams\n',
    );
  });

  it('reports a file that does not exist', async () => {
    const result = await run(['--method', 'dhondt', '--seats', '3', join(dir, 'missing.csv')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('cannot read');
    expect(result.err).toContain('no such file');
  });

  it.each([
    ['party,votes\nA,10\nB,-4\n', 'line 3: votes "-4" of party "B" must not be negative'],
    ['party,votes\nA,10\nB,12abc\n', 'line 3: votes "12abc" of party "B" is not a plain decimal number'],
    ['party,votes\r\nA,10\r\nB,1.123456789\r\n', 'line 3: votes "1.123456789" of party "B" has more than 8 fraction digits'],
    ['party,votes\n"multi\nline",1\nA,10\nA,5\n', 'line 5: party "A" appears twice'],
    ['party,votes\nA,10\n,5\n', 'line 3: parties[1].name must be a non-empty string'],
    ['party,votes\nA,10,3\n', 'line 2: expected 2 fields (party,votes), found 3'],
    ['party,votes\nA,10\n\nB,3\n', 'line 3: blank line'],
    ['party,votes\n"A,10\n', 'line 2: a quoted field is not closed'],
    ['party,votes\n"A"x,10\n', 'line 2: unexpected text after a closing quote'],
    ['party,votes\nA"b,10\n', 'line 2: a quote inside an unquoted field'],
    ['name,votes\nA,10\n', 'line 1: the header must be party,votes (found name,votes)'],
    ['party,votes,extra\nA,10,1\n', 'line 1: the header must be party,votes (found party,votes,extra)'],
    ['', 'is empty; expected the header party,votes'],
    ['party,votes\n', 'no parties after the header line'],
    ['party,votes\nA,0\nB,0.0\n', 'all votes are zero'],
  ])('%j → %s', async (content, message) => {
    const file = await csvFile(content);
    const result = await run(['--method', 'dhondt', '--seats', '3', file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('names the file in file errors', async () => {
    const file = await csvFile('party,votes\nA,x\n');
    expect((await run(['--method', 'dhondt', '--seats', '3', file])).err).toBe(
      `ledger apportion: ${file} line 2: votes "x" of party "A" is not a plain decimal number (digits, optionally "." and more digits, e.g. "1234.56")\n`,
    );
    expect((await run(['--method', 'dhondt', '--seats', '3'], 'party,votes\nA,x\n')).err).toContain('standard input line 2:');
  });

  it('rejects bytes that are not UTF-8', async () => {
    const file = await csvFile(Buffer.from([0x70, 0x61, 0x72, 0x74, 0x79, 0x2c, 0x76, 0x6f, 0x74, 0x65, 0x73, 0x0a, 0xff, 0x2c, 0x31, 0x0a]));
    const result = await run(['--method', 'dhondt', '--seats', '3', file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('is not valid UTF-8');
  });

  it('reports infeasible seat bounds', async () => {
    const file = await csvFile(WIKIPEDIA);
    const result = await run(['--method', 'dhondt', '--seats', '8', '--max-seats', '1', file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe('ledger apportion: 8 seats exceed what maxSeats 1 allows for the 4 parties (at most 4)\n');
  });
});
