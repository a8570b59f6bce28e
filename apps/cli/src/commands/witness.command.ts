/**
 * `ledger witness keygen NAME FILE`: writes a new witness key to FILE (mode 600,
 * `PRIVATE+KEY+NAME+HASH+BASE64(0x04‖seed)`, never over an existing file) and prints
 * its vkey `NAME+HASH+BASE64(0x04‖public key)`.
 *
 * `ledger witness serve --port P --key FILE --state DIR --log ORIGIN=VKEY…`: runs a
 * C2SP tlog-witness (libs/witness; docs/witness.md) for the given logs until SIGINT
 * or SIGTERM. It needs no ledger database: its state is the folder DIR.
 *
 * Exit codes: 0 done, 2 bad arguments, a key file that cannot be read or written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Witness,
  WitnessStateStore,
  cosignerVkey,
  createWitnessServer,
  formatCosignerPrivateKey,
  generateCosignerKey,
  parseCosignerPrivateKey,
  parseLogArgument,
  type WitnessLog,
} from '../../../../libs/witness/src/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../cli-io.js';

export const WITNESS_USAGE = `usage: ledger witness keygen NAME FILE
       ledger witness serve --port P --key FILE --state DIR --log ORIGIN=VKEY [ORIGIN=VKEY…] [--host H]
  keygen  writes a new witness key to FILE (mode 600; refuses an existing file) and
          prints its vkey (NAME+HASH+BASE64(0x04 public key)) for the logs' policies.
  serve   runs a C2SP tlog-witness on H:P (default host 127.0.0.1; 0.0.0.0 for all
          interfaces): POST /add-checkpoint, GET /<sha256(origin) hex>/checkpoint,
          GET /health. DIR keeps what it cosigned (create it once, keep it: losing it
          lets the witness be rolled back). --log takes each log's origin and its
          Ed25519 vkey (a bare VKEY means ORIGIN = the key's name); repeat it or list
          several after one --log.
exit status: 0 done, 2 bad arguments or key file
`;

interface ServeOptions {
  port: number;
  host: string;
  key: string;
  state: string;
  logs: WitnessLog[];
}

function parseServe(args: readonly string[]): ServeOptions {
  const values = new Map<string, string[]>();
  let current: string | null = null;
  for (const arg of args) {
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      current = arg.slice(2, eq < 0 ? undefined : eq);
      if (!['port', 'host', 'key', 'state', 'log'].includes(current)) throw new UsageError(`unknown option --${current}`);
      if (current !== 'log' && values.has(current)) throw new UsageError(`--${current} is given twice`);
      values.set(current, values.get(current) ?? []);
      if (eq >= 0) values.get(current)!.push(arg.slice(eq + 1));
      continue;
    }
    if (current === null) throw new UsageError(`unexpected argument "${arg}"`);
    if (current !== 'log' && values.get(current)!.length > 0) throw new UsageError(`unexpected argument "${arg}"`);
    values.get(current)!.push(arg);
  }
  const one = (name: string, fallback?: string): string => {
    const v = values.get(name);
    if (!v || v.length === 0) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`missing --${name}`);
    }
    return v[0];
  };
  const port = Number(one('port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number (0 for any free port)');
  const logArgs = values.get('log') ?? [];
  if (logArgs.length === 0) throw new UsageError('missing --log ORIGIN=VKEY');
  const logs = logArgs.map((arg) => {
    try {
      return parseLogArgument(arg);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const origins = logs.map((l) => l.origin);
  if (new Set(origins).size !== origins.length) throw new UsageError('a log origin is given twice');
  return { port, host: one('host', '127.0.0.1'), key: one('key'), state: one('state'), logs };
}

/** Test hook: LEDGER_WITNESS_TEST_PAUSE_MS=N pauses a random 0..N ms at each step between checking and answering. */
function pauseFromEnv(env: NodeJS.ProcessEnv): (() => Promise<void>) | undefined {
  const ms = Number(env.LEDGER_WITNESS_TEST_PAUSE_MS ?? '');
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return async () => {
    await sleep(Math.floor(Math.random() * ms));
  };
}

export const witnessCommand: CliCommand = (args, io) => runWitness(args, io, process.env);

export async function runWitness(args: string[], io: CliIo, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(WITNESS_USAGE);
    return EXIT_OK;
  }
  try {
    if (sub === 'keygen') {
      if (rest.length !== 2) throw new UsageError('keygen takes NAME and FILE');
      const [name, file] = rest;
      let key;
      try {
        key = generateCosignerKey(name);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      try {
        writeFileSync(file, `${formatCosignerPrivateKey(key)}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'EEXIST' ? `${file} exists; a witness key is never overwritten` : `cannot write ${file}: ${(error as Error).message}`);
      }
      io.stdout(`${cosignerVkey(key)}\n`);
      return EXIT_OK;
    }
    if (sub !== 'serve') throw new UsageError(sub === undefined ? 'missing the subcommand (keygen or serve)' : `unknown subcommand "${sub}"`);
    const options = parseServe(rest);
    let key;
    try {
      key = parseCosignerPrivateKey(readFileSync(options.key, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the witness key ${options.key}: ${(error as Error).message}`);
    }
    const pause = pauseFromEnv(env);
    const witness = new Witness({ key, logs: options.logs, store: new WitnessStateStore(options.state), pause });
    const server = createWitnessServer(witness, (error) => io.stderr(`ledger witness: ${(error as Error).stack ?? String(error)}\n`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    io.stdout(`witness ${key.name} listening on http://${options.host}:${port}\nvkey ${cosignerVkey(key)}\n${options.logs.map((l) => `log ${l.origin}\n`).join('')}`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      signal?.addEventListener('abort', stop, { once: true });
    });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger witness: ${error.message}\n${WITNESS_USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
