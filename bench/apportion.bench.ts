/**
 * Apportionment benchmark.
 *
 *   node dist/bench/apportion.bench.js [--rows N] [--seats S]
 *
 * Apportions S seats (default 435, the US House) among N parties (default 50)
 * whose votes are deterministic pseudo-random decimal strings with two fraction
 * digits (between 500,000.00 and 40,000,000.00, like state populations or money
 * shares), once per method, many times over, and reports the time of one
 * `apportion()` call: parsing, threshold, allocation, quotas, indices.
 *
 * Baseline, measured in the same run: one pass over the same N vote strings
 * that parses each exactly (the library's own parser) and sums them as BigInts.
 * The last line printed is the JSON summary; `seconds` is the SLOWEST method's
 * time per call (the mean over methods is printed above it) and `ratio` =
 * baselineSeconds / seconds.
 */
import { performance } from 'node:perf_hooks';
import { METHODS, apportion, parseVotes } from '../libs/apportionment/src/index.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

const rows = option('rows', 50);
const seats = option('seats', 435);

/** mulberry32: a small deterministic PRNG, so every run sees the same votes. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const random = prng(20261127);
const parties = Array.from({ length: rows }, (_, i) => {
  // Cents from 50,000,000 to 4,000,000,000 (500,000.00 to 40,000,000.00).
  const cents = 50_000_000 + ((random() % 39_500) * 100_000 + (random() % 100_000));
  const text = String(cents);
  return { name: `party-${String(i + 1).padStart(3, '0')}`, votes: `${text.slice(0, -2)}.${text.slice(-2)}` };
});

/** Seconds per call of `fn`, after a warm-up, over at least `minSeconds` and `minCalls`. */
function timePerCall(fn: () => void, minSeconds = 0.5, minCalls = 50): number {
  for (let i = 0; i < 20; i++) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  let batch = 10;
  while (elapsed < minSeconds * 1000 || calls < minCalls) {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    elapsed = performance.now() - start;
    if (batch < 10_000) batch *= 2;
  }
  return elapsed / 1000 / calls;
}

function format(seconds: number): string {
  return seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(3)} ms` : `${(seconds * 1e6).toFixed(2)} µs`;
}

console.log(`apportion: ${seats} seats among ${rows} parties (pseudo-random decimal votes, 2 fraction digits)`);

let sink = 0n;
const baselineSeconds = timePerCall(() => {
  let sum = 0n;
  for (const p of parties) sum += parseVotes(p.votes);
  sink ^= sum;
});
console.log(`baseline sum-votes (parse ${rows} decimals + BigInt sum): ${format(baselineSeconds)} per pass`);

const perMethod: { method: string; seconds: number }[] = [];
for (const method of METHODS) {
  const input = { method, seats, parties };
  const check = apportion(input);
  const filled = check.seats.reduce((sum, s) => sum + s.seats, 0);
  if (filled !== seats) throw new Error(`${method} filled ${filled} of ${seats} seats`);
  const seconds = timePerCall(() => {
    sink ^= BigInt(apportion(input).seats.length);
  });
  perMethod.push({ method, seconds });
  console.log(
    `${method.padEnd(22)} ${format(seconds).padStart(12)} per call  (${(seconds / baselineSeconds).toFixed(1)}× baseline; ` +
      `Gallagher ${check.indices.gallagher}, ties ${check.ties.length})`,
  );
}

const slowest = perMethod.reduce((a, b) => (b.seconds > a.seconds ? b : a));
const mean = perMethod.reduce((sum, m) => sum + m.seconds, 0) / perMethod.length;
console.log(`mean over methods ${format(mean)}; slowest ${slowest.method} ${format(slowest.seconds)} (reported as seconds)`);
if (sink === -1n) console.log('unreachable'); // keeps the timed work observable

const rssMb = Math.round((process.memoryUsage().rss / (1024 * 1024)) * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'apportion',
    rows,
    seconds: slowest.seconds,
    baseline: 'sum-votes',
    baselineSeconds,
    ratio: baselineSeconds / slowest.seconds,
    rssMb,
  }),
);
