import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PACKAGES, type PackageType } from '../../libs/submissions/src/index.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { FuzzPackage, packageArb } from './package-arbitraries.js';

/**
 * Fuzzing the package pipeline through the real HTTP app: generated packages of every
 * type, valid and mutated (random bytes, NUL, BOMs, UTF-16, CR/CRLF, quotes, overlong
 * cells, wrong headers, duplicate ids, gzip and double gzip, JSON Lines variants).
 * Every package must be refused at upload with a 4xx, or end `committed` or `rejected`
 * within a bound, never a 5xx, never left queued or validating; a rejected one leaves
 * nothing behind; a clean one commits.
 *
 * Deterministic by default (a fixed seed). FUZZ_RUNS sets the number of packages
 * (default 2,016, about 12,200 generated rows), FUZZ_SEED the seed; a failure prints the seed, the path and the
 * packages, and FUZZ_SEED with FUZZ_PATH replays that batch alone.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2016);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/** Packages uploaded at once (one property run), spread over SOCIETIES societies. */
const BATCH = 24;
const SOCIETIES = 6;
/** How long one batch may take to reach terminal states before its packages count as stuck. */
const BOUND_MS = 60_000;
/** The suite's own time limit grows with FUZZ_RUNS (about 0.15 s a package, with a wide margin). */
const SUITE_MS = 120_000 + RUNS * 400;

const TERMINAL = new Set(['committed', 'rejected', 'superseded']);

describe('package fuzz: every package ends committed or rejected, never a 5xx, never stuck', () => {
  let t: TestApp;
  let societies: { id: string; http: Http }[];
  let holders: string[];
  const tally = { packages: 0, rows: 0, refusedAtUpload: 0, committed: 0, rejected: 0, clean: 0, resets: 0, batches: 0, ms: 0 };

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    societies = [];
    for (let i = 0; i < SOCIETIES; i++) {
      const s = await givenSociety(admin);
      societies.push({ id: s.id, http: admin.as(await tokenFor(admin, 'society', { societyId: s.id })) });
    }
    // Mandate packages name registered holders.
    holders = [];
    for (let i = 0; i < 4; i++) holders.push((await givenRightsHolder(admin)).ipi);
  });
  afterAll(async () => {
    process.stdout.write(`[fuzz] seed ${SEED}: ${JSON.stringify(tally)}\n`);
    await t?.close();
  });

  const count = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as { n: number }[])[0].n;

  /** What a submission left in the ledger (lines, journal, log, chunks, mandates, staging and partition tables). */
  async function traces(id: string, type: PackageType) {
    const compact = id.replace(/-/g, '');
    const table = PACKAGES[type].table;
    return {
      lines: await count(`SELECT count(*)::int AS n FROM ${table} WHERE submission_id = $1`, [id]),
      journal: await count(`SELECT count(*)::int AS n FROM journal_entries WHERE submission_id = $1`, [id]),
      leaves: await count(`SELECT count(*)::int AS n FROM log_leaves WHERE submission_id = $1`, [id]),
      chunks: await count(`SELECT count(*)::int AS n FROM submission_chunks WHERE submission_id = $1`, [id]),
      mandates: await count(`SELECT count(*)::int AS n FROM mandate_versions WHERE recorded_by = $1`, [`submission ${id}`]),
      tables: await count(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ($1, $2)`, [`s_${compact}`, `${table}_p${compact}`]),
    };
  }

  /** Uploads a package; the problems of its upload and outcome (an empty list when all is well). */
  async function check(pkg: FuzzPackage, { id: societyId, http: society }: { id: string; http: Http }): Promise<string[]> {
    const send = () => society.post(`/v1/societies/${societyId}/submissions?type=${pkg.type}&period=${pkg.period}`, pkg.body, pkg.headers);
    // A connection reset is retried (up to 3 times), as a client would, and counted (printed
    // at the end): the server answers some refusals before reading the whole body and then
    // closes the connection, which can reset it under the answer.
    const upload = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await send();
        } catch (error) {
          tally.resets++;
          if (attempt === 3) throw error;
        }
      }
    };
    let res = await upload();
    // Uploads in progress per society are capped: a 429 asks to come back (bounded here).
    for (let retry = 0; res.status === 429 && retry < 200; retry++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await upload();
    }
    if (res.status >= 500) return [`upload: ${res.status} ${res.text.slice(0, 300)}`];
    if (res.status >= 400) {
      tally.refusedAtUpload++;
      if (pkg.mustCommit) return [`a clean package was refused at upload: ${res.status} ${res.text.slice(0, 300)}`];
      if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) return [`upload ${res.status} is not problem+json`];
      return [];
    }
    if (res.status !== 202 && res.status !== 200) return [`upload: unexpected ${res.status}`];
    const id: string = res.body.id;
    const state = await settle(id);
    // `failed` is for what is not the package's fault: a package must never cause it.
    if (state.status === 'failed') return [`ended failed: ${state.failure ?? state.phase ?? 'no reason given'}`];
    if (!TERMINAL.has(state.status)) return [`stuck: ${state.status} (${state.phase ?? 'no phase'}) after ${BOUND_MS} ms`];
    const got = await society.get(`/v1/submissions/${id}`);
    if (got.status !== 200) return [`GET /v1/submissions/${id}: ${got.status} ${got.text.slice(0, 200)}`];
    const final = got.body as { status: string; rows: number | null; errors?: { line?: number; column?: string; message: string }[] };
    const left = await traces(id, pkg.type);
    const problems: string[] = [];
    if (final.status === 'rejected') {
      tally.rejected++;
      if (!final.errors || final.errors.length === 0) problems.push('rejected without a problem named');
      else if (final.errors.some((e) => typeof e.message !== 'string' || e.message === '')) problems.push(`a problem without a message: ${JSON.stringify(final.errors).slice(0, 200)}`);
      if (Object.values(left).some((n) => n !== 0)) problems.push(`rejected but left ${JSON.stringify(left)}`);
      // A clean package must commit (a mandates package may conflict with the mandates an earlier one recorded).
      if (pkg.mustCommit && pkg.type !== 'mandates') problems.push(`a clean package was rejected: ${JSON.stringify(final.errors).slice(0, 400)}`);
    } else {
      tally.committed++;
      if (left.lines !== final.rows || left.leaves !== 1 || left.tables > 1) problems.push(`committed ${final.rows} rows but the ledger holds ${JSON.stringify(left)}`);
      if (pkg.mustCommit && final.rows !== pkg.rows) problems.push(`committed ${final.rows} rows of ${pkg.rows}`);
    }
    return problems;
  }

  /** Waits for a submission to reach a terminal state (or to fail, or BOUND_MS), polling the database. */
  async function settle(id: string): Promise<{ status: string; phase: string | null; failure?: string | null }> {
    const end = Date.now() + BOUND_MS;
    for (;;) {
      const row = (await t.dataSource.query(`SELECT to_jsonb(s) AS s FROM submissions s WHERE id = $1`, [id]))[0].s;
      if (TERMINAL.has(row.status) || row.status === 'failed') return row;
      // An attempt that failed keeps the package unfinished: stuck as far as its society can tell.
      if (typeof row.phase === 'string' && row.phase.startsWith('failed')) return row;
      if (Date.now() > end) return row;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('ends the poison packages the fuzz has found rejected, naming line 1, and keeps nothing of them', async () => {
    const astral = '\u{5DE6C}\u{4C0CA}\u{1C867}';
    const cases: [string, Buffer, Record<string, string>][] = [
      ['a NUL in the header', Buffer.from('deduction_id\u0000,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,x\n'), { 'content-type': 'text/csv' }],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('deduction_id,kind,category,currency,amount,description\n', 'utf16le')]), { 'content-type': 'text/csv' }],
      ['gzip twice', gzipSync(gzipSync('deduction_id,kind,category,currency,amount,description\n')), { 'content-type': 'text/csv', 'content-encoding': 'gzip' }],
      // JSON.parse's message quotes the line's start cut in the middle of a character: a lone surrogate jsonb refuses.
      ['a JSON Lines record whose parse error quotes half a character', Buffer.from(`${astral}${astral}${astral},x\n`), { 'content-type': 'application/x-ndjson' }],
    ];
    const failures: string[] = [];
    for (const [what, body, headers] of cases) {
      const pkg = new FuzzPackage('deductions', '2024Q3', headers['content-type'] === 'text/csv' ? 'csv' : 'ndjson', 1, [what], false, body, headers);
      const problems = await check(pkg, societies[0]);
      const last = (await t.dataSource.query(`SELECT status, errors FROM submissions WHERE society_id = $1 ORDER BY received_at DESC LIMIT 1`, [societies[0].id]))[0];
      if (problems.length > 0) failures.push(`${what}: ${problems.join('; ')}`);
      else if (last?.status !== 'rejected' || last.errors?.[0]?.line !== 1) failures.push(`${what}: ended ${last?.status} ${JSON.stringify(last?.errors)?.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, BOUND_MS * 5);

  it(
    `${RUNS} generated packages (seed ${SEED})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(packageArb(holders, { maxRows: 24 }), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          tally.batches++;
          const began = Date.now();
          const results = await Promise.all(
            batch.map(async (pkg, i) => ({ pkg, problems: await check(pkg, societies[i % SOCIETIES]).catch((e: Error) => [`request failed: ${e.message}${e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : ''}`]) })),
          );
          for (const { pkg } of results) {
            tally.packages++;
            tally.rows += pkg.rows;
            if (pkg.mustCommit) tally.clean++;
          }
          tally.ms += Date.now() - began;
          const failed = results.filter((r) => r.problems.length > 0);
          if (failed.length > 0) {
            // The failing packages' bytes, to replay one by hand (curl --data-binary @file with the headers listed).
            const dir = mkdtempSync(path.join(os.tmpdir(), `ledger-fuzz-${SEED}-`));
            const files = failed.map((f, i) => {
              const file = path.join(dir, `${i + 1}-${f.pkg.type}-${f.pkg.period}.${f.pkg.format}${f.pkg.headers['content-encoding'] ? '.gz' : ''}`);
              writeFileSync(file, f.pkg.body);
              return file;
            });
            throw new Error(
              `${failed.length} of ${batch.length} packages failed (seed ${SEED}; their bytes are in ${dir}):\n` +
                failed.map((f, i) => `- ${f.pkg.describe()}\n    ${f.problems.join('\n    ')}\n    bytes: ${files[i]}`).join('\n'),
            );
          }
        }),
        // FUZZ_PATH (the `path` a failure prints) replays just the failing batch of that seed.
        { seed: SEED, numRuns: Math.max(1, Math.ceil(RUNS / BATCH)), endOnFailure: true, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) },
      );
      if (process.env.FUZZ_PATH) return; // a replay runs one batch
      expect(tally.packages).toBeGreaterThanOrEqual(RUNS);
      // The generator reaches both outcomes (a generator that only produces garbage tests little).
      expect(tally.committed).toBeGreaterThan(RUNS / 10);
      expect(tally.rejected).toBeGreaterThan(RUNS / 10);
    },
    SUITE_MS,
  );
});
