/**
 * Per-row work where it is cheapest (issue 19 item 3).
 *
 *   npm run bench:ingest-pipeline [-- --rows N]   (default 1,000,000 distribution lines)
 *
 * On the package bench:ingest generates (bench/generate.ts), in one run on one
 * PostgreSQL, back to back:
 *   (c) raw COPY      the file into a bare unlogged table of text columns (bench:ingest's baseline);
 *   (d) floor         COPY of the typed lines with their leaf hashes into a logged table
 *                     shaped as a submission's partition of distribution_lines, then its
 *                     indexes and primary key built as the ingest builds them
 *                     (indexSubmissionPartition): the storage floor;
 *   (b) pipeline      the file read in chunks of whole lines; worker threads (1, then 2)
 *                     split, screen, canonicalise and hash each line
 *                     (ingest-pipeline.worker.ts) while the main thread keeps line order,
 *                     checks line ids for duplicates, folds the leaf hashes into the
 *                     submission tree (libs/ledger SubmissionTreeBuilder) and streams the
 *                     typed rows into COPY; then the same indexes as (d);
 *   (a) today         the real ingest through the API, upload → committed (as bench:ingest,
 *                     with its mandate register).
 * Ratios: raw COPY / x and floor / x for (a) and (b); the thread scaling (b1 / b2).
 *
 * (b) does less than (a): no rights holder ids (registering unknown holders), no derived
 * mandate status, no journal, no signed log head, no upload. It is the per-row part of the
 * ingest, measured where it would run; the output says so next to the figures.
 *
 * Before timing, it checks on small packages that the pipeline gives today's answers:
 * a valid package with awkward values (amounts with leading and trailing zeros, ISWCs
 * written with punctuation, work types, tabs and backslashes in titles): the same leaf of
 * every line and the same root as the real ingest committed; a package with errors of
 * every kind: every line the real ingest names is one the screen doubts, and the
 * pipeline's fallback (today's validating statement over the staged file) lists the
 * same problems as the rejection. And (b)'s root of the big package equals (a)'s.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DecimalValue } from '../libs/money/src/index.js';
import { SubmissionTreeBuilder } from '../libs/ledger/src/submission-tree.js';
import { checkHeader } from '../libs/submissions/src/ingest/header.js';
import { copySql, createStagingSql, validationSql } from '../libs/submissions/src/ingest/ingest-sql.js';
import { parsePeriod, type Quarter } from '../libs/submissions/src/period.js';
import { indexSubmissionPartition, parentColumns, submissionPartition } from '../libs/submissions/src/storage/line-partitions.js';
import { writeDistributionLines } from './generate.js';
import { seedMandates } from './mandate-register.js';
import type { ChunkIn, ChunkOut, WorkerSetup } from './ingest-pipeline.worker.js';
import { benchDatabase, bootBenchApp, intOption, report, rssSampler, timed } from './support.js';

const PERIOD = '2025Q1';
const CHUNK_BYTES = 1 << 20;
type Sql = { query(sql: string, params?: unknown[]): Promise<any> };
const rowsOf = (client: pg.Client): Sql => ({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
const today = () => new Date().toISOString().slice(0, 10);

/** The first line of a file (its header), without reading the file. */
function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0];
  } finally {
    closeSync(fd);
  }
}

interface PipelineResult {
  rows: number;
  root: string;
  hashes: Buffer[] | null;
  suspect: number[];
  duplicates: number;
  problems: { line: number; column: string; message: string }[] | null;
  total: number;
  phases: Record<string, number>;
  societyId: string;
  submissionId: string;
}

/**
 * The pipeline over `file` with `threads` workers into a new partition-shaped table.
 * `tee`: also write the typed CSV there (for the floor). `keepHashes`: return every leaf.
 */
async function runPipeline(
  url: string,
  file: string,
  threads: number,
  opts: { tee?: string; keepHashes?: boolean; dropAfter?: boolean } = {},
): Promise<PipelineResult> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const societyId = randomUUID();
  const submissionId = randomUUID();
  const name = submissionPartition('distribution_lines', submissionId);
  const columns = (await parentColumns(rowsOf(client), 'distribution_lines')).map((c) => c.name);
  await client.query(`CREATE TABLE ${name} AS SELECT * FROM distribution_lines WITH NO DATA`);
  const header = firstLine(file);
  const checked = checkHeader('distribution-lines', header);
  if (!('order' in checked)) throw new Error(`bad header: ${JSON.stringify(checked.problems)}`);
  const quarter: Quarter = { ...parsePeriod(PERIOD), today: today() };
  const setup: WorkerSetup = { order: checked.order, tableColumns: columns, quarter, societyId, submissionId };
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./ingest-pipeline.worker.js', import.meta.url), { workerData: setup }));
  const copy = client.query(copyFrom(`COPY ${name} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  const copied = new Promise<void>((resolve, reject) => {
    copy.on('finish', resolve);
    copy.on('error', reject);
  });
  const tee = opts.tee ? createWriteStream(opts.tee) : null;
  const tree = new SubmissionTreeBuilder();
  const hashes: Buffer[] = [];
  const ids = new Set<string>();
  const suspect: number[] = [];
  let duplicates = 0;
  let rows = 0;

  // In-order delivery of the workers' results.
  const pending = new Map<number, ChunkOut>();
  let nextOut = 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const deliver = async () => {
    while (pending.has(nextOut)) {
      const r = pending.get(nextOut)!;
      pending.delete(nextOut);
      nextOut += 1;
      rows += r.rows;
      const bad = new Set(r.suspect);
      for (const l of r.suspect) suspect.push(l);
      for (let i = 0; i < r.rows; i++) {
        const lineNo = r.firstLineNo + i;
        const id = r.ids[i];
        if (id !== '') {
          if (ids.has(id)) duplicates += 1;
          else ids.add(id);
        }
        if (bad.has(lineNo)) continue;
        const h = Buffer.from(r.hashes.buffer, r.hashes.byteOffset + 32 * i, 32);
        tree.push(lineNo, h);
        if (opts.keepHashes) hashes.push(Buffer.from(h));
      }
      if (suspect.length === 0 && duplicates === 0 && r.csv !== '') {
        if (tee && !tee.write(r.csv)) await new Promise<void>((resolve) => tee.once('drain', () => resolve()));
        if (!copy.write(r.csv)) await new Promise((resolve) => copy.once('drain', resolve));
      }
      wake?.();
    }
  };
  let delivering = Promise.resolve();
  let seq = 0;
  let turn = 0;
  for (const w of workers) {
    w.on('message', (r: ChunkOut) => {
      pending.set(r.seq, r);
      inFlight -= 1;
      delivering = delivering.then(deliver).catch((e: Error) => void (failure = e));
      wake?.();
    });
    w.on('error', (e) => {
      failure = e;
      wake?.();
    });
  }
  const send = async (firstLineNo: number, text: string) => {
    while (inFlight >= threads * 3 || pending.size > threads * 3) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const msg: ChunkIn = { seq: seq++, firstLineNo, text };
    inFlight += 1;
    workers[turn++ % threads].postMessage(msg);
  };

  // The file in chunks of whole lines; the header is line 1.
  let carry = '';
  let lineNo = 1;
  let headerSeen = false;
  for await (const buf of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    let text = carry + (buf as string);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(cut + 1);
    text = text.slice(0, cut + 1);
    if (!headerSeen) {
      text = text.slice(text.indexOf('\n') + 1);
      headerSeen = true;
      lineNo = 2;
    }
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
    if (n > 0) await send(lineNo, text);
    lineNo += n;
  }
  if (carry !== '') await send(lineNo, `${carry}\n`);
  while (inFlight > 0) {
    if (failure) throw failure;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  await delivering;
  if (failure) throw failure;
  await Promise.all(workers.map((w) => w.terminate()));
  copy.end();
  await copied;
  if (tee) await new Promise<void>((resolve) => tee.end(resolve));
  phases.rows = (Date.now() - started) / 1000;

  let problems: PipelineResult['problems'] = null;
  let total = 0;
  if (suspect.length > 0 || duplicates > 0) {
    // The screen doubts the package: today's validating statement names the problems.
    await client.query(`DROP TABLE ${name}`);
    const stage = `staging.s_${submissionId.replace(/-/g, '')}`;
    await client.query(createStagingSql('distribution-lines', stage));
    await pipeline(createReadStream(file), client.query(copyFrom(copySql(stage, checked.order))));
    await client.query('SET jit = off');
    const found = (await client.query(validationSql('distribution-lines', quarter, stage))).rows as { line: number; column: string; message: string; total: string }[];
    problems = found.map((p) => ({ line: p.line, column: p.column, message: p.message }));
    total = found.length ? Number(found[0].total) : 0;
    await client.query(`DROP TABLE ${stage}`);
  } else {
    const t0 = Date.now();
    await indexSubmissionPartition(rowsOf(client), { parent: 'distribution_lines', societyId, submissionId, select: () => '' });
    phases.indexes = (Date.now() - t0) / 1000;
    if (opts.dropAfter) await client.query(`DROP TABLE ${name}`);
  }
  await client.end();
  const built = tree.finish();
  return { rows, root: built.root.toString('hex'), hashes: opts.keepHashes ? hashes : null, suspect, duplicates, problems, total, phases, societyId, submissionId };
}

/** COPY of the pipeline's typed rows (a file) into a fresh partition-shaped table, then its indexes: the storage floor. */
async function storageFloor(url: string, typedCsv: string, ids: { societyId: string; submissionId: string }): Promise<{ copy: number; indexes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { societyId, submissionId } = ids;
  const name = submissionPartition('distribution_lines', submissionId);
  const columns = (await parentColumns(rowsOf(client), 'distribution_lines')).map((c) => c.name);
  await client.query(`CREATE TABLE ${name} AS SELECT * FROM distribution_lines WITH NO DATA`);
  const t0 = Date.now();
  await pipeline(createReadStream(typedCsv), client.query(copyFrom(`COPY ${name} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
  const t1 = Date.now();
  await indexSubmissionPartition(rowsOf(client), { parent: 'distribution_lines', societyId, submissionId, select: () => '' });
  const t2 = Date.now();
  await client.query(`DROP TABLE ${name}`);
  await client.end();
  return { copy: (t1 - t0) / 1000, indexes: (t2 - t1) / 1000 };
}

/** Uploads a small package through the API and waits for its end: committed or rejected. */
async function submitSmall(app: Awaited<ReturnType<typeof bootBenchApp>>, societyId: string, csv: string): Promise<Record<string, any>> {
  const res = await fetch(`${app.base}/v1/societies/${societyId}/submissions?type=distribution-lines&period=${PERIOD}`, {
    method: 'POST',
    headers: { authorization: `Bearer bench-admin-token-0123456789`, 'content-type': 'text/csv' },
    body: csv,
  });
  const accepted = (await res.json()) as { id: string };
  if (res.status !== 202 && res.status !== 200) throw new Error(`upload: ${res.status} ${JSON.stringify(accepted)}`);
  for (;;) {
    const s = (await app.api('GET', `/v1/submissions/${accepted.id}`)).body;
    if (s.status === 'committed' || s.status === 'rejected') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The generated lines of `file` with a work_type column, and some cells made awkward but valid. */
function awkwardValid(file: string): string {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const out = [`${head},work_type`];
  lines.forEach((line, i) => {
    const c = line.split(',');
    if (i % 5 === 0) c[11] = `00${c[11]}0`; // gross with leading and trailing zeros
    if (i % 7 === 0) c[3] = c[3].replace(/^T(\d{3})(\d{3})(\d{3})(\d)$/, 'T-$1.$2.$3-$4'); // ISWC as displayed
    if (i % 11 === 0) c[4] = `Work\t${i} \\ back`; // a tab and a backslash in a title
    if (i % 13 === 0) c[4] = `Зимняя дорога ${i} 🎵`;
    if (i % 17 === 0) c[12] = '0.00';
    if (i % 17 === 0) c[14] = new DecimalValue(c[11]).minus(c[12]).minus(c[13]).toFixed(2);
    out.push([...c, i % 3 === 0 ? '' : i % 3 === 1 ? 'musical' : 'audiovisual'].join(','));
  });
  return `${out.join('\n')}\n`;
}

/** The generated lines with errors of many kinds. Returns the CSV. */
function withErrors(file: string): string {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const breakers: ((c: string[]) => void)[] = [
    (c) => (c[11] = '12.3.4'),
    (c) => (c[14] = '1.00'),
    (c) => (c[8] = '2025-02-30'),
    (c) => (c[9] = '2025-04-01'),
    (c) => (c[1] = '00052210041'),
    (c) => (c[3] = 'T-034.524.680-2'),
    (c) => (c[5] = 'Performing'),
    (c) => (c[7] = 'XX'),
    (c) => (c[10] = 'rub'),
    (c) => (c[2] = '=SUM(A1)'),
    (c) => ((c[15] = 'paid'), (c[16] = '')),
    (c) => ((c[15] = 'unpaid'), (c[16] = '2025-03-01')),
    (c) => ((c[1] = ''), (c[15] = 'unpaid'), (c[16] = '')),
    (c) => (c[0] = 'L-00000001'),
    (c) => (c[0] = `L-\u200b${c[0]}`),
    (c) => (c[12] = '1.123456789'),
    (c) => (c[9] = '2024-12-31'),
    (c) => (c[17] = ''),
    (c) => (c[4] = ''),
    (c) => (c[2] = 'x'.repeat(301)),
  ];
  const out = [head];
  lines.forEach((line, i) => {
    const c = line.split(',');
    if (i > 0 && i % 7 === 0) breakers[(i / 7) % breakers.length](c);
    out.push(c.join(','));
  });
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000_000);
  const memory = rssSampler();
  const db = await benchDatabase('ingest_pipeline');
  process.stdout.write(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (shared with other work: figures are noisy)\n`);
  try {
    const app = await bootBenchApp(db.url, db.work);
    const society = (await app.api('POST', '/v1/societies', { name: 'Bench Society', cisacCode: '555', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const other = (await app.api('POST', '/v1/societies', { name: 'Bench Other', cisacCode: '556', country: 'SE', currency: 'SEK', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };

    // --- The checks: the pipeline gives today's leaves, root and problems. ---
    const small = path.join(db.work, 'small.csv');
    await writeDistributionLines(small, 3000);
    const validFile = path.join(db.work, 'valid.csv');
    writeFileSync(validFile, awkwardValid(small));
    const committed = await submitSmall(app, society.id, readFileSync(validFile, 'utf8'));
    if (committed.status !== 'committed') throw new Error(`the awkward valid package was rejected: ${JSON.stringify(committed.errors.slice(0, 3))}`);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = (await check.query(`SELECT line_no, leaf_hash FROM distribution_lines WHERE society_id = $1 AND submission_id = $2 ORDER BY line_no`, [society.id, committed.id])).rows as { line_no: number; leaf_hash: Buffer }[];
    const mine = await runPipeline(db.url, validFile, 2, { keepHashes: true, dropAfter: true });
    if (mine.suspect.length > 0) throw new Error(`the screen doubts valid lines: ${mine.suspect.slice(0, 10).join(', ')}`);
    const differing = stored.filter((r, i) => !mine.hashes![i]?.equals(r.leaf_hash)).map((r) => r.line_no);
    if (stored.length !== mine.hashes!.length || differing.length > 0) throw new Error(`leaves differ from today's: ${stored.length} vs ${mine.hashes!.length} lines, first differing lines ${differing.slice(0, 5).join(', ')}`);
    if (mine.root !== committed.root) throw new Error(`roots differ: ${mine.root} vs ${committed.root}`);
    process.stdout.write(`check: ${stored.length} awkward valid lines, every leaf and the root (${mine.root.slice(0, 16)}…) equal to today's ingest\n`);

    const errorFile = path.join(db.work, 'errors.csv');
    writeFileSync(errorFile, withErrors(small));
    const rejected = await submitSmall(app, society.id, readFileSync(errorFile, 'utf8'));
    if (rejected.status !== 'rejected') throw new Error('the package with errors was not rejected');
    const theirs = (rejected.errors as { line: number; column: string; message: string }[]).map((p) => JSON.stringify([p.line, p.column, p.message]));
    const flagged = await runPipeline(db.url, errorFile, 2);
    const ours = (flagged.problems ?? []).map((p) => JSON.stringify([p.line, p.column, p.message]));
    const suspectSet = new Set(flagged.suspect);
    const dupLines = new Set((rejected.errors as { line: number; column: string; message: string }[]).filter((p) => p.column === 'line_id' && p.message.includes('repeats the line_id')).map((p) => p.line));
    const missed = [...new Set((rejected.errors as { line: number }[]).map((p) => p.line))].filter((l) => !suspectSet.has(l) && !dupLines.has(l));
    if (missed.length > 0) throw new Error(`the screen passed lines today's validation names: ${missed.slice(0, 10).join(', ')}`);
    if (theirs.length !== ours.length || theirs.some((p, i) => p !== ours[i]) || rejected.errorCount !== flagged.total) {
      throw new Error(`problems differ: ${rejected.errorCount} today, ${flagged.total} from the pipeline; first today ${theirs.slice(0, 2)}, ours ${ours.slice(0, 2)}`);
    }
    process.stdout.write(
      `check: a package with errors: the same ${theirs.length} problems (total ${flagged.total}) as today's rejection; ` +
        `the screen doubted ${flagged.suspect.length} lines (+${flagged.duplicates} duplicate ids), missed none of the ${new Set(theirs.map((p) => JSON.parse(p)[0])).size} lines named\n`,
    );
    await check.end();

    // --- The big package. ---
    const file = path.join(db.work, 'lines.csv');
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);
    const register = new pg.Client({ connectionString: db.url });
    await register.connect();
    const mandated = await seedMandates(register, society.id, other.id);
    process.stdout.write(`mandate register: ${mandated} mandates of ${mandated / 2} holders\n`);

    const typedCsv = path.join(db.work, 'typed.csv');
    const warm = await timed(() => runPipeline(db.url, file, 2, { tee: typedCsv, dropAfter: true }));
    process.stdout.write(`(untimed warm-up: the pipeline with 2 threads writing the typed rows for the floor, ${warm.seconds.toFixed(2)} s)\n`);

    await register.query(`CREATE UNLOGGED TABLE bench_raw (${firstLine(file).split(',').map((c) => `${c} text`).join(', ')})`);
    const raw = await timed(() => pipeline(createReadStream(file), register.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)`))));
    await register.query('DROP TABLE bench_raw');
    process.stdout.write(`(c) raw COPY into a bare table: ${raw.seconds.toFixed(2)} s\n`);

    const floor = await timed(() => storageFloor(db.url, typedCsv, warm.value));
    process.stdout.write(`(d) storage floor (COPY typed rows ${floor.value.copy.toFixed(2)} s + indexes and key ${floor.value.indexes.toFixed(2)} s): ${floor.seconds.toFixed(2)} s\n`);

    const b1 = await timed(() => runPipeline(db.url, file, 1, { dropAfter: true }));
    process.stdout.write(`(b) pipeline, 1 worker thread: ${b1.seconds.toFixed(2)} s (rows ${b1.value.phases.rows.toFixed(2)} s, indexes ${b1.value.phases.indexes.toFixed(2)} s)\n`);
    const b2 = await timed(() => runPipeline(db.url, file, 2, { dropAfter: true }));
    process.stdout.write(`(b) pipeline, 2 worker threads: ${b2.seconds.toFixed(2)} s (rows ${b2.value.phases.rows.toFixed(2)} s, indexes ${b2.value.phases.indexes.toFixed(2)} s)\n`);
    for (const b of [b1, b2]) if (b.value.suspect.length > 0 || b.value.duplicates > 0 || b.value.rows !== rows) throw new Error('the pipeline doubted the generated package');

    const full = await timed(() => app.submit(society.id, 'distribution-lines', PERIOD, { file }));
    process.stdout.write(`(a) today's ingest (upload → committed, ${full.value.rows} rows): ${full.seconds.toFixed(2)} s\n`);
    if (full.value.root !== b2.value.root || b1.value.root !== b2.value.root) throw new Error(`roots differ: today ${full.value.root}, pipeline ${b1.value.root} / ${b2.value.root}`);
    process.stdout.write(`check: the pipeline's root of the ${rows} lines equals today's (${b2.value.root.slice(0, 16)}…)\n`);
    await register.end();
    await app.close();

    const r = (x: number) => x.toFixed(3);
    process.stdout.write(`load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    process.stdout.write(`ratios vs raw COPY (${raw.seconds.toFixed(2)} s): today ${r(raw.seconds / full.seconds)}, pipeline 1 thread ${r(raw.seconds / b1.seconds)}, 2 threads ${r(raw.seconds / b2.seconds)}\n`);
    process.stdout.write(`ratios vs storage floor (${floor.seconds.toFixed(2)} s): today ${r(floor.seconds / full.seconds)}, pipeline 1 thread ${r(floor.seconds / b1.seconds)}, 2 threads ${r(floor.seconds / b2.seconds)}\n`);
    process.stdout.write(`thread scaling: 1 → 2 worker threads ${(b1.seconds / b2.seconds).toFixed(2)}× (rows phase ${(b1.value.phases.rows / b2.value.phases.rows).toFixed(2)}×)\n`);
    process.stdout.write(`(the pipeline leaves out what today's ingest also does: upload, holder ids, derived mandate status, journal, signed head)\n`);
    memory.stop();
    report({ bench: 'ingest-pipeline', rows, seconds: b2.seconds, baseline: 'raw-copy', baselineSeconds: raw.seconds, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ingest-pipeline failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
