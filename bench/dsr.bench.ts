/**
 * DSR reader benchmark (issue 16, "Speed and memory").
 *
 *   npm run bench:dsr [-- --rows N] [--gzip]      (default 5,000,000 sales records)
 *
 * Generates a Basic Audio Profile report (HEAD, `#` heading lines, 24 SY01.01 summary
 * records, blocks of RE01 + 2 AS02.02 + 10 SU02 sales records, FOOT) with N sales
 * records deterministically into a temp file, the summary records stating exactly what
 * their sales records add up to. Then, in the same run, on the same file:
 *   baseline  reading the file and splitting it into lines (stream, UTF-8 decode, split on LF);
 *   full      libs/dsr readDsr: every line split into cells, every cell checked by its
 *             layout, blocks built, references resolved, income lines with exact money
 *             (each summary's net revenue shared by streams), FOOT counts and the summary
 *             totals reconciled against the sales records.
 * With --gzip both read the gzip-compressed file (the baseline inflates it too).
 * ratio = baselineSeconds / seconds. rssMb is this process's peak resident set (the file
 * is never held in memory).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { TextDecoder } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import { type Readable, type Writable } from 'node:stream';
import { readDsr } from '../libs/dsr/src/index.js';
import { makeIswc } from '../libs/identifiers/src/index.js';
import { intOption, report, rssSampler, timed } from './support.js';

const TERRITORIES = ['GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'PL'];
const USE_TYPES = ['OnDemandStream', 'ProgrammedContentStream', 'ContentInfluencedStream'];
const SALES_PER_BLOCK = 10;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function iswcFor(n: number): string {
  return makeIswc(String(100000000 + (n % 900000000)).slice(0, 9));
}

async function generate(file: string, rows: number, gzip: boolean): Promise<{ lines: number; blocks: number }> {
  const summaries = TERRITORIES.flatMap((t) => USE_TYPES.map((u) => ({ territory: t, useType: u })));
  const streamsOf = (r: () => number) => 1 + Math.floor(r() * 500);
  // First pass: what each summary record's sales add up to.
  const totals = new Array<bigint>(summaries.length).fill(0n);
  {
    const r = rng(42);
    for (let i = 0; i < rows; i++) {
      const s = Math.floor(r() * summaries.length);
      totals[s]! += BigInt(streamsOf(r));
    }
  }
  const raw = createWriteStream(gzip ? `${file}.gz` : file);
  const out: Writable = gzip ? createGzip({ level: 1 }) : raw;
  if (gzip) out.pipe(raw);
  let lines = 0;
  let buffer = '';
  const emit = async (line: string) => {
    buffer += `${line}\n`;
    lines++;
    if (buffer.length > 1 << 16) {
      await write(out, buffer);
      buffer = '';
    }
  };
  await emit(['HEAD', 'dsrf/1.1.2/1.6/1.0', 'BasicAudioProfile', '1.2', 'BENCH-1', '2025-04-03T07:59:30Z', '1', '1', '2025-01-01', '2025-03-31', 'PADPIDA2013020802I', 'Bench Streams', 'Premium', 'PADPIDA20070627029', 'Bench Society', ''].join('\t'));
  await emit('#SY01.01\tSummaryRecordId\tDistributionChannel\tDistributionChannelDPID\tCommercialModel\tUseType\tTerritory\tServiceDescription\tUsages\tSubscribers\tCurrencyOfReporting\tNetRevenue\tIndirectNetRevenue\tCurrencyOfTransaction\tExchangeRate');
  for (let s = 0; s < summaries.length; s++) {
    const revenue = `${(BigInt(s + 1) * 1234567n).toString()}.89`;
    await emit(['SY01.01', `S${s}`, 'Bench Streams', '', 'SubscriptionModel', summaries[s]!.useType, summaries[s]!.territory, 'Premium', totals[s]!.toString(), '250000', 'EUR', revenue, '', '', ''].join('\t'));
  }
  await emit('#SU02\tBlockId\tSummaryRecordId\tSalesTransactionId\tTransactedRelease\tTransactedResource\tIsRoyaltyBearing\tNumberOfStreams\tPriceConsumerPaidExcSalesTax\tPromotionalActivity');
  const r = rng(42);
  let blocks = 0;
  for (let i = 0; i < rows; ) {
    const b = ++blocks;
    await emit(['RE01', String(b), 'R1', `REL${b}`, '', '', '', `Artist ${b % 9973}`, '', `Album ${b}`, '', 'Album', 'Bench Label', '', ''].join('\t'));
    for (const ref of ['A1', 'A2']) {
      const n = b * 2 + (ref === 'A1' ? 0 : 1);
      const isrc = `DEA12${String(n % 10000000).padStart(7, '0')}`;
      await emit(['AS02.02', String(b), ref, `RES${n}`, isrc, `Song ${n}`, '', `Artist ${b % 9973}`, '', 'PT3M12S', 'SoundRecording', iswcFor(n), `Writer ${n % 50000}|Writer ${(n * 7) % 50000}`, '', '', '', 'Bench Publishing', '', '', '', `W${n}`, ''].join('\t'));
    }
    for (let k = 0; k < SALES_PER_BLOCK && i < rows; k++, i++) {
      const s = Math.floor(r() * summaries.length);
      await emit(['SU02', String(b), `S${s}`, `T${i}`, '', k % 2 === 0 ? 'A1' : 'A2', 'true', String(streamsOf(r)), '', ''].join('\t'));
    }
  }
  const total = lines + 1;
  await emit(['FOOT', String(total), String(total), String(summaries.length), String(blocks), String(blocks)].join('\t'));
  await write(out, buffer);
  out.end();
  await once(raw, 'finish');
  return { lines, blocks };
}

async function baseline(file: string, gzip: boolean): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let lines = 0;
  const input: Readable = gzip ? createReadStream(file).pipe(createGunzip()) : createReadStream(file, { highWaterMark: 1 << 16 });
  for await (const chunk of input) {
    const parts = (rest + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n');
    rest = parts.pop()!;
    lines += parts.length;
  }
  return lines + (rest.length > 0 ? 1 : 0);
}

/** User + system CPU seconds of this process (the machine may be shared: wall time alone can mislead). */
function cpuSeconds(usage: NodeJS.CpuUsage): string {
  return ((usage.user + usage.system) / 1e6).toFixed(2);
}

async function main(): Promise<void> {
  const rows = intOption('rows', 5_000_000);
  const gzip = process.argv.includes('--gzip');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-dsr-'));
  const file = path.join(dir, `DSR_PADPIDA20070627029_PADPIDA2013020802I_Premium_2025-Q1_EU_1of1_20250403T075930.tsv`);
  const source = gzip ? `${file}.gz` : file;
  try {
    const gen = await timed(() => generate(file, rows, gzip));
    process.stdout.write(`generated ${rows} sales records in ${gen.value.blocks} blocks, ${gen.value.lines} lines, ${(statSync(source).size / 1e6).toFixed(0)} MB${gzip ? ' gzip' : ''} in ${gen.seconds.toFixed(1)} s\n`);
    const memory = rssSampler();
    const cpu0 = process.cpuUsage();
    const base = await timed(() => baseline(source, gzip));
    const baseCpu = process.cpuUsage(cpu0);
    if (base.value !== gen.value.lines) throw new Error(`baseline read ${base.value} lines, expected ${gen.value.lines}`);
    process.stdout.write(`baseline: read and split ${base.value} lines in ${base.seconds.toFixed(2)} s (CPU ${cpuSeconds(baseCpu)} s)\n`);
    const cpu1 = process.cpuUsage();
    const full = await timed(async () => {
      let income = 0;
      let blockProblems = 0;
      let end: Awaited<ReturnType<typeof readDsr>> extends AsyncGenerator<infer E> ? E : never = null as never;
      for await (const event of readDsr(createReadStream(source, { highWaterMark: 1 << 16 }), { name: path.basename(source) })) {
        if (event.kind === 'block') {
          income += event.block.income.length;
          blockProblems += event.block.problems.length;
        } else if (event.kind === 'end') end = event;
      }
      return { income, blockProblems, end };
    });
    const fullCpu = process.cpuUsage(cpu1);
    const result = full.value.end.kind === 'end' ? full.value.end.report : null;
    if (!result) throw new Error('no end event');
    const mismatched = result.reconciliation.filter((r) => r.usagesMatch !== true).length;
    process.stdout.write(
      `readDsr: ${result.lines} lines, ${result.blocks} blocks, ${result.salesRecords} sales records, ${full.value.income} income lines, ` +
        `${result.reconciliation.length} summary records reconciled (${mismatched} mismatched), ${result.problemCounts.error} errors, ${result.problemCounts.warning} warnings, ` +
        `in ${full.seconds.toFixed(2)} s (CPU ${cpuSeconds(fullCpu)} s; ${Math.round(result.salesRecords / full.seconds)} sales records/s)\n`,
    );
    if (result.salesRecords !== rows || !result.accepted || full.value.blockProblems > 0 || mismatched > 0) {
      throw new Error(`the generated report should read clean: ${JSON.stringify(result.problems.slice(0, 3))}`);
    }
    const shared = result.reconciliation.every((r) => r.revenueShared !== null && r.revenueShared.eq(r.revenueStated!));
    if (!shared) throw new Error('the shared revenue does not add up to the summary net revenue');
    memory.stop();
    report({ bench: 'dsr', rows, seconds: full.seconds, baseline: `read and split the same file's lines${gzip ? ' (gzip)' : ''}`, baselineSeconds: base.seconds, rssMb: memory.peakMb() });
  } finally {
    if (process.env.BENCH_KEEP_FILE !== "1") rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`kept ${dir}\n`);
  }
}

await main();
