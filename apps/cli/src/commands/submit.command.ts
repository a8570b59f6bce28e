/**
 * `ledger submit --society ID --type TYPE --period YYYYQn [options] FILE`: sends a
 * quarterly package to a running ledger (POST /v1/societies/{id}/submissions), streamed
 * from the file, then follows it until it is committed or rejected and prints the
 * outcome: the root and the number of lines, or every problem by line and column.
 *
 * The credential is read from the environment (LEDGER_TOKEN) or a file (--token-file),
 * never from the command line, where other users of the machine could see it.
 *
 * Exit codes: 0 committed (or accepted, with --no-wait), 1 rejected or refused by the
 * ledger, 2 bad arguments, an unreadable file or a ledger that cannot be reached.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../cli-io.js';

export const SUBMIT_USAGE = `usage: ledger submit --society ID --type TYPE --period YYYYQn [options] FILE
  FILE              the package: CSV, or JSON Lines when it ends in .ndjson or .jsonl;
                    sent gzip-compressed as it is when it ends in .gz (q1.csv.gz);
                    for --type cwr or dsr, the CWR or DDEX DSR file as it is (a .gz DSR too)
  --society ID      the society the package is for
  --type TYPE       income, deductions, distribution-lines, inter-society, undistributed, board, mandates,
                    cwr (a CISAC CWR file) or dsr (a DDEX DSR report)
  --period YYYYQn   the quarter, e.g. 2025Q1
options:
  --url URL         the ledger (default: LEDGER_URL, else http://127.0.0.1:3000)
  --token-file F    read the credential from F (default: the LEDGER_TOKEN environment variable)
  --format F        csv, ndjson or file (the type's own format, sent as it is), whatever the file's name says
  --gzip            compress the file on the way (Content-Encoding: gzip)
  --no-wait         stop once the ledger has accepted the package
  --timeout S       give up waiting after S seconds (default 3600)
  --json            print the final submission as JSON on stdout
exit status: 0 committed (or accepted with --no-wait), 1 rejected or refused, 2 bad arguments or no ledger
`;

const CONTENT_TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson', file: 'application/octet-stream' } as const;
/** Types whose packages are files of a format of their own (the ledger reads them), sent byte for byte. */
const FILE_TYPES = new Set(['cwr', 'dsr']);
const FINISHED = new Set(['committed', 'rejected', 'superseded']);

interface Options {
  url: URL;
  token: string;
  society: string;
  type: string;
  period: string;
  file: string;
  format: keyof typeof CONTENT_TYPES;
  /** How the file travels: as it is, compressed on the way, or already gzip (a .gz file). */
  encoding: 'identity' | 'compress' | 'gzip-file';
  wait: boolean;
  timeoutMs: number;
  json: boolean;
}

interface Submission {
  id: string;
  status: string;
  rows: number | null;
  progress: number;
  phase: string | null;
  errorCount: number;
  errors: { line?: number; column?: string; field?: string; message: string }[];
  root: string | null;
  format?: string;
}

/** How long to wait before looking again after the ledger could not be reached. */
export const POLL_MS = 250;
/**
 * Each look at the submission waits on the ledger's side for at most this many seconds
 * (`?wait=`): the answer comes as soon as the package has finished, else the progress
 * is shown and it looks again.
 */
export const WAIT_SECONDS = 2;

export function submitCommand(env: NodeJS.ProcessEnv = process.env): CliCommand {
  return async (args, io) => {
    if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
      io.stdout(SUBMIT_USAGE);
      return EXIT_OK;
    }
    let options: Options;
    try {
      options = await parseOptions(args, env);
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`ledger submit: ${error.message}\n${SUBMIT_USAGE}`);
        return EXIT_USAGE;
      }
      throw error;
    }
    return submit(options, io);
  };
}

async function parseOptions(args: string[], env: NodeJS.ProcessEnv): Promise<Options> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the package FILE' : `one FILE only (got ${positionals.join(', ')})`);
  for (const name of ['society', 'type', 'period'] as const) if (!values[name]) throw new UsageError(`missing --${name}`);
  const file = positionals[0]!;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`cannot read the file ${file}`);

  let url: URL;
  try {
    url = new URL(values.url ?? env.LEDGER_URL ?? 'http://127.0.0.1:3000');
  } catch {
    throw new UsageError(`--url is not a URL: ${values.url ?? env.LEDGER_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http or https (got ${url.protocol})`);

  let token: string;
  if (values['token-file']) {
    token = (await readFile(values['token-file'], 'utf8').catch(() => {
      throw new UsageError(`cannot read the token file ${values['token-file']}`);
    })).trim();
  } else {
    token = (env.LEDGER_TOKEN ?? '').trim();
  }
  if (!token) throw new UsageError('no credential: set LEDGER_TOKEN or give --token-file');

  const asFile = values.format === 'file' || (values.format === undefined && FILE_TYPES.has(values.type!));
  // A CWR or DSR file goes as it is, a .gz one too (the ledger recognises gzip by its bytes).
  const gzipFile = !asFile && /\.gz$/i.test(file);
  const inner = gzipFile ? file.slice(0, -3) : file;
  const format = asFile ? 'file' : (values.format ?? (/\.(ndjson|jsonl)$/i.test(inner) ? 'ndjson' : 'csv'));
  if (format !== 'csv' && format !== 'ndjson' && format !== 'file') throw new UsageError(`--format must be csv, ndjson or file (got ${format})`);
  const timeout = values.timeout === undefined ? 3600 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of seconds (got ${values.timeout})`);

  return {
    url,
    token,
    society: values.society!,
    type: values.type!,
    period: values.period!,
    file,
    format,
    encoding: gzipFile ? 'gzip-file' : values.gzip ? 'compress' : 'identity',
    wait: !values['no-wait'],
    timeoutMs: timeout * 1000,
    json: values.json ?? false,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      'token-file': { type: 'string' },
      society: { type: 'string' },
      type: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
      timeout: { type: 'string' },
      'no-wait': { type: 'boolean' },
      gzip: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
}

async function submit(o: Options, io: CliIo): Promise<number> {
  const path = `/v1/societies/${encodeURIComponent(o.society)}/submissions?type=${encodeURIComponent(o.type)}&period=${encodeURIComponent(o.period)}`;
  let answer: { status: number; body: string };
  try {
    const encoding: Record<string, string> = o.encoding === 'identity' ? {} : { 'content-encoding': 'gzip' };
    answer = await send(o, 'POST', path, { 'content-type': CONTENT_TYPES[o.format], ...encoding }, o.file);
  } catch (error) {
    io.stderr(`ledger submit: cannot reach the ledger at ${o.url.origin}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (answer.status !== 202 && answer.status !== 200) return refused(answer, io);
  let s = JSON.parse(answer.body) as Submission;
  io.stderr(answer.status === 200 ? `the same bytes were already submitted: submission ${s.id} (${s.status})\n` : `accepted: submission ${s.id}\n`);
  if (!o.wait) return finish(s, o, io);

  const end = Date.now() + o.timeoutMs;
  let shown = '';
  while (!FINISHED.has(s.status)) {
    if (Date.now() > end) {
      io.stderr(`ledger submit: submission ${s.id} is still ${s.status} after ${o.timeoutMs / 1000} s; follow it with GET /v1/submissions/${s.id}\n`);
      return EXIT_FAILED;
    }
    const polled = await send(o, 'GET', `/v1/submissions/${s.id}?wait=${WAIT_SECONDS}`, {}).catch((error: Error) => ({ status: 0, body: error.message }));
    if (polled.status !== 200) {
      if (polled.status !== 0) return refused(polled, io);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS)); // a passing network failure: look again
      continue;
    }
    s = JSON.parse(polled.body) as Submission;
    const now = `${s.phase ?? s.status} ${s.progress}%`;
    if (now !== shown && !FINISHED.has(s.status)) io.stderr(`  ${now}\n`);
    shown = now;
  }
  return finish(s, o, io);
}

function finish(s: Submission, o: Options, io: CliIo): number {
  if (o.json) io.stdout(`${JSON.stringify(s, null, 2)}\n`);
  if (s.status === 'committed' || s.status === 'superseded') {
    if (!o.json) io.stdout(`committed: submission ${s.id}, ${s.rows} lines, root ${s.root}\n`);
    return EXIT_OK;
  }
  if (s.status === 'rejected') {
    if (!o.json) {
      io.stdout(`rejected: submission ${s.id}, ${s.errorCount} problem${s.errorCount === 1 ? '' : 's'}\n`);
      for (const e of s.errors) io.stdout(`  ${where(e)}${e.message}\n`);
      if (s.errorCount > s.errors.length) io.stdout(`  … and ${s.errorCount - s.errors.length} more\n`);
    }
    return EXIT_FAILED;
  }
  if (!o.json) io.stdout(`accepted: submission ${s.id} (${s.status})\n`);
  return EXIT_OK;
}

/** A problem document (RFC 9457) from the ledger, in words. */
function refused(answer: { status: number; body: string }, io: CliIo): number {
  let problem: { title?: string; detail?: string; errors?: { line?: number; column?: string; field?: string; message: string }[] } = {};
  try {
    problem = JSON.parse(answer.body) as typeof problem;
  } catch {
    problem = { detail: answer.body.slice(0, 300) };
  }
  io.stderr(`ledger submit: refused (HTTP ${answer.status}${problem.title ? ` ${problem.title}` : ''})${problem.detail ? `: ${problem.detail}` : ''}\n`);
  for (const e of problem.errors ?? []) io.stderr(`  ${where(e)}${e.message}\n`);
  return EXIT_FAILED;
}

function where(e: { line?: number; column?: string; field?: string }): string {
  const parts = [e.line !== undefined ? `line ${e.line}` : '', e.column ? `column ${e.column}` : '', e.field && !e.column ? `field ${e.field}` : ''].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

/** One request to the ledger; a file body streams with backpressure. */
function send(o: Options, method: string, path: string, headers: Record<string, string>, file?: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, o.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, authorization: `Bearer ${o.token}`, accept: 'application/json' } }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A ledger that refuses early (404, 413) may answer before it has read the whole body
    // and close: the answer, or the request's own error, settles this, not the write.
    if (file && o.encoding === 'compress') pipeline(createReadStream(file), createGzip(), req).catch(() => undefined);
    else if (file) pipeline(createReadStream(file), req).catch(() => undefined);
    else req.end();
  });
}
