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

/** `--name value` from argv, one of `choices` (the first is the fallback). */
export function choiceOption<T extends string>(name: string, choices: readonly T[]): T {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return choices[0];
  const value = process.argv[at + 1] as T;
  if (!choices.includes(value)) {
    process.stderr.write(`--${name} must be one of: ${choices.join(', ')}\n`);
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

/**
 * A working folder and a database of the benchmark's own: on DATABASE_URL's server when
 * set, else on an embedded PostgreSQL in the folder. `close()` drops the database (unless
 * BENCH_KEEP_DB=1) and removes the folder.
 */
export async function benchDatabase(label: string): Promise<{ work: string; server: string; url: string; close(): Promise<void> }> {
  const { chmodSync, mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const pg = (await import('pg')).default;
  const { ensureDatabase, startEmbeddedPostgres, withDatabase } = await import('../libs/database/src/index.js');
  const work = mkdtempSync(path.join(os.tmpdir(), `ledger-bench-${label}-`));
  chmodSync(work, 0o755); // as root, an embedded PostgreSQL runs as `postgres` and must enter it
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let server = process.env.DATABASE_URL;
  if (!server) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg') });
    server = embedded.url;
  }
  const dbName = `ledger_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  await ensureDatabase(server, dbName);
  const url = withDatabase(server, dbName);
  return {
    work,
    server,
    url,
    async close() {
      if (process.env.BENCH_KEEP_DB === '1') {
        process.stdout.write(`kept the database for inspection: ${url}\n`);
      } else {
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await client.end();
      }
      await embedded?.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * The real application (API + in-process worker) on `url`, listening on a free port, with
 * a JSON helper and an upload that waits until the submission is committed.
 */
export async function bootBenchApp(url: string, work: string) {
  await import('reflect-metadata');
  const { createReadStream } = await import('node:fs');
  const { request } = await import('node:http');
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const { createApp } = await import('../apps/api/src/bootstrap.js');
  const { createLogger } = await import('../apps/api/src/common/logger.js');
  const { loadConfig } = await import('../libs/config/src/index.js');
  const { openDatabase } = await import('../libs/database/src/index.js');
  const level = process.env.BENCH_LOG_LEVEL ?? 'warn';
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: work, ADMIN_TOKEN: BENCH_ADMIN_TOKEN, LOG_LEVEL: level, RATE_LIMIT_PER_MINUTE: '100000000' });
  const dataSource = await openDatabase(url, { poolSize: 4 });
  const { app } = await createApp({ config, dataSource, logger: createLogger(level, 'bench'), runWorkers: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const auth = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
  const api = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  /**
   * Uploads a package (a file path streams; a string is sent whole) and waits until it is
   * committed. A file whose name ends in .ndjson goes as JSON Lines.
   */
  const submit = async (societyId: string, type: string, period: string, source: { file: string } | { csv: string }) => {
    const contentType = 'file' in source && source.file.endsWith('.ndjson') ? 'application/x-ndjson' : 'text/csv';
    const url = `${base}/v1/societies/${societyId}/submissions?type=${type}&period=${period}`;
    // node:http with pipeline: the file streams with backpressure (fetch with a stream
    // body reads the file ahead into this process's memory, which the RSS would count).
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { ...auth, 'content-type': contentType } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      const from = 'file' in source ? createReadStream(source.file) : Readable.from([Buffer.from(source.csv, 'utf8')]);
      pipeline(from, req).catch(reject);
    });
    const accepted = JSON.parse(body) as { id: string };
    if (status !== 202 && status !== 200) throw new Error(`upload of ${type}: ${status} ${body}`);
    for (;;) {
      const s = (await api('GET', `/v1/submissions/${accepted.id}`)).body;
      if (s.status === 'committed') return s;
      if (s.status === 'rejected') throw new Error(`${type} rejected: ${JSON.stringify(s.errors.slice(0, 3))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    base,
    api,
    submit,
    /** The Nest application, to reach a service (e.g. to drop what it keeps between trials). */
    nest: app,
    async close() {
      await app.close();
      await dataSource.destroy();
    },
  };
}

/** The median of some timings. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
