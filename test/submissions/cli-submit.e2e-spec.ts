import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../apps/cli/src/cli-io.js';
import { bapReport } from '../../libs/dsr/src/test-support.js';
import { submitCommand } from '../../apps/cli/src/commands/submit.command.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { ROOT } from '../support/process.js';
import { DIST_HEADER, distLine, distRecord } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * `ledger submit` against the booted ledger: it streams the file, follows the submission
 * and prints the outcome; its exit code says committed (0), rejected or refused (1), or
 * bad arguments (2).
 */
describe('ledger submit', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let dir: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    t = await bootTestApp();
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    dir = await mkdtemp(path.join(tmpdir(), 'ledger-submit-'));
    tokenA = await file('a.token', `${cast.tokens.societyA}\n`);
    tokenB = await file('b.token', cast.tokens.societyB);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: string): Promise<string> {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  }
  async function run(args: string[], env: NodeJS.ProcessEnv = { LEDGER_URL: t.baseUrl }) {
    const io = memoryIo();
    const code = await submitCommand(env)(args, io);
    return { code, out: io.out, err: io.err };
  }
  const target = (period: string, society = cast.societyA.id) => ['--society', society, '--type', 'distribution-lines', '--period', period];

  it('commits a CSV package and prints its root and lines', async () => {
    const csv = await file('q1.csv', [DIST_HEADER, distLine({ line_id: 'C-1' }), distLine({ line_id: 'C-2' })].join('\n') + '\n');
    const res = await run([...target('2025Q1'), '--token-file', tokenA, csv]);
    expect(res).toMatchObject({ code: 0, err: expect.stringMatching(/^accepted: submission [0-9a-f-]{36}\n/) });
    const [, id, root] = /^committed: submission ([0-9a-f-]{36}), 2 lines, root ([0-9a-f]{64})\n$/.exec(res.out) ?? [];
    const api = await new Http(t.baseUrl, cast.tokens.societyA).get(`/v1/submissions/${id}`);
    expect(api.body).toMatchObject({ status: 'committed', root, format: 'csv' });

    // The same bytes again: the existing submission, still exit 0.
    const again = await run([...target('2025Q1'), '--token-file', tokenA, csv]);
    expect(again.code).toBe(0);
    expect(again.err).toContain(`the same bytes were already submitted: submission ${id}`);
  });

  it('sends a .ndjson file as JSON Lines, with the credential from LEDGER_TOKEN, and --json prints the submission', async () => {
    const ndjson = await file('q2.ndjson', `${distRecord({ line_id: 'J-1', use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })}\n`);
    const res = await run([...target('2025Q2'), '--json', ndjson], { LEDGER_URL: t.baseUrl, LEDGER_TOKEN: cast.tokens.societyA });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ status: 'committed', format: 'ndjson', rows: 1 });
  });

  it('sends a .gz file compressed as it is, and compresses a plain one with --gzip: the package is the decompressed bytes', async () => {
    const content = [DIST_HEADER, distLine({ line_id: 'Z-1' })].join('\n') + '\n';
    const gz = path.join(dir, 'q.csv.gz');
    await writeFile(gz, gzipSync(content));
    const sent = await run([...target('2025Q1', cast.societyB.id), '--token-file', tokenB, '--json', gz]);
    expect(sent.code).toBe(0);
    const first = JSON.parse(sent.out);
    expect(first).toMatchObject({ status: 'committed', format: 'csv', byteSize: Buffer.byteLength(content) });
    const plain = await file('q-plain.csv', content);
    const again = await run([...target('2025Q1', cast.societyB.id), '--token-file', tokenB, '--gzip', '--json', plain]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).id).toBe(first.id); // the same decompressed bytes: the same submission
  });

  it('sends a DDEX DSR report (type dsr) as it is, a gzip one too, and prints its problems by line and cell', async () => {
    const gz = path.join(dir, 'DSR_SOC_DSP_Premium_2025-Q1_GB_1of1_20250403T075930.tsv.gz');
    await writeFile(gz, gzipSync(bapReport()));
    const sent = await run(['--society', cast.societyA.id, '--type', 'dsr', '--period', '2025Q2', '--token-file', tokenA, '--json', gz]);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ status: 'committed', format: 'dsr', rows: 2 });
    const bad = await file('bad.tsv', bapReport({ summaries: [{ id: 'S1', usages: '31', revenue: '100.00' }] }));
    const refused = await run(['--society', cast.societyA.id, '--type', 'dsr', '--period', '2025Q2', '--token-file', tokenA, bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/  line 3, column 9 \(SY01\.01 Usages\): .*line 6 to line 7/);
  });

  it('prints every problem of a rejected package by line and column, and exits 1', async () => {
    const csv = await file('bad.csv', [DIST_HEADER, distLine({ line_id: 'B-1', currency: 'EURO' }), distLine({ line_id: 'B-1' })].join('\n') + '\n');
    const res = await run([...target('2025Q1'), '--token-file', tokenA, csv]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^rejected: submission [0-9a-f-]{36}, 2 problems\n/);
    expect(res.out).toContain('  line 2, column currency: "EURO" is not an ISO 4217 currency code\n');
    expect(res.out).toContain('  line 3, column line_id: "B-1" repeats the line_id of line 2\n');
  });

  it("is refused another society's package (exit 1, nothing recorded), and says what the ledger refused", async () => {
    const csv = await file('other.csv', [DIST_HEADER, distLine()].join('\n') + '\n');
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [cast.societyA.id]))[0].n;
    const res = await run([...target('2025Q4'), '--token-file', tokenB, csv]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^ledger submit: refused \(HTTP 404 Not Found\): Society [0-9a-f-]{36} was not found\n/);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [cast.societyA.id]))[0].n).toBe(before);

    const badPeriod = await run([...target('2025Q5'), '--token-file', tokenA, csv]);
    expect(badPeriod.code).toBe(1);
    expect(badPeriod.err).toContain('refused (HTTP 400');
    expect(badPeriod.err).toMatch(/field period: /);
  });

  it('exits 2 on bad arguments, a missing file or credential, and a ledger that cannot be reached', async () => {
    const csv = await file('x.csv', `${DIST_HEADER}\n`);
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [[...target('2025Q1'), '--token-file', tokenA], { LEDGER_URL: t.baseUrl }, /name the package FILE/],
      [[...target('2025Q1'), '--token-file', tokenA, path.join(dir, 'absent.csv')], { LEDGER_URL: t.baseUrl }, /cannot read the file/],
      [[...target('2025Q1'), csv], { LEDGER_URL: t.baseUrl }, /no credential: set LEDGER_TOKEN or give --token-file/],
      [['--type', 'income', '--period', '2025Q1', '--token-file', tokenA, csv], { LEDGER_URL: t.baseUrl }, /missing --society/],
      [[...target('2025Q1'), '--token-file', tokenA, '--format', 'xml', csv], { LEDGER_URL: t.baseUrl }, /--format must be csv, ndjson or file/],
      [[...target('2025Q1'), '--token-file', tokenA, '--colour', csv], { LEDGER_URL: t.baseUrl }, /Unknown option '--colour'/],
      [[...target('2025Q1'), '--token-file', tokenA, '--url', 'ftp://x', csv], {}, /--url must be http or https/],
    ];
    for (const [args, env, message] of cases) {
      const res = await run(args, env);
      expect({ args, code: res.code }).toEqual({ args, code: 2 });
      expect(res.err).toMatch(message);
    }
    const unreachable = await run([...target('2025Q1'), '--token-file', tokenA, '--url', 'http://127.0.0.1:9', csv], {});
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toMatch(/cannot reach the ledger at http:\/\/127\.0\.0\.1:9/);
  });

  it('is a command of the ledger binary', () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ledger.js'), 'submit', '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^usage: ledger submit --society ID --type TYPE --period YYYYQn \[options\] FILE/);
  });
});
