import { performance } from 'node:perf_hooks';

/** `--name N` from argv, a positive integer, or the fallback. */
export function intOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a positive integer\n`);
    process.exit(2);
  }
  return value;
}

/** Samples this process's resident set size; `peakMb()` is the highest seen. */
export function rssSampler(intervalMs = 50): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) * 10) / 10,
    stop: () => clearInterval(timer),
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** The contract's closing line: one JSON object. */
export function report(r: { bench: string; rows: number; seconds: number; baseline: string; baselineSeconds: number; rssMb: number }): void {
  process.stdout.write(`${JSON.stringify({ ...r, ratio: r.baselineSeconds / r.seconds })}\n`);
}
