/**
 * The witness's state, one JSON file per log in the state folder:
 *
 *   <dir>/logs/<hex SHA-256 of the origin>.json
 *     {origin, size, root (base64), checkpoint (the log-signed note it cosigned),
 *      cosignature (the signature line it returned), updatedAt}
 *
 * Writes are atomic and durable: a temporary file in the same folder is written and
 * fsynced, renamed over the old file, and the folder fsynced. A crash (kill -9) at any
 * moment leaves either the old file or the new one, never a mix. The witness persists
 * the new state BEFORE answering with its cosignature, so every cosignature it ever
 * returned is for the persisted (size, root) or an older, consistent one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../merkle/src/index.js';

export interface LogState {
  origin: string;
  size: number;
  /** Standard base64 of the 32-byte root hash. */
  root: string;
  /** The checkpoint note as verified (its text and the log's signature lines). */
  checkpoint: string;
  /** The cosignature line (ending in \n) the witness returned for it. */
  cosignature: string;
  /** ISO 8601, informative. */
  updatedAt: string;
}

/** Lowercase hex SHA-256 of an origin line (the tlog-witness monitoring path's key). */
export function originHash(origin: string): string {
  return sha256(Buffer.from(origin, 'utf8')).toString('hex');
}

export class WitnessStateStore {
  readonly logsDir: string;
  private readonly cache = new Map<string, LogState | null>();

  constructor(readonly dir: string) {
    this.logsDir = path.join(dir, 'logs');
    mkdirSync(this.logsDir, { recursive: true, mode: 0o700 });
    // Temporary files of writes a crash interrupted: the rename never happened, drop them.
    for (const name of readdirSync(this.logsDir)) if (name.includes('.tmp-')) rmSync(path.join(this.logsDir, name), { force: true });
  }

  private file(origin: string): string {
    return path.join(this.logsDir, `${originHash(origin)}.json`);
  }

  /** The stored state of a log, or null when the witness never cosigned for it. */
  load(origin: string): LogState | null {
    if (this.cache.has(origin)) return this.cache.get(origin)!;
    let state: LogState | null = null;
    try {
      state = JSON.parse(readFileSync(this.file(origin), 'utf8')) as LogState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (state && state.origin !== origin) throw new Error(`witness state file ${this.file(origin)} is for another origin`);
    this.cache.set(origin, state);
    return state;
  }

  /** The state by origin hash (for the monitoring GET), or null. */
  loadByHash(hash: string): LogState | null {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    for (const [origin, state] of this.cache) if (state && originHash(origin) === hash) return state;
    try {
      const state = JSON.parse(readFileSync(path.join(this.logsDir, `${hash}.json`), 'utf8')) as LogState;
      return originHash(state.origin) === hash ? state : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Durably replaces a log's state (write, fsync, rename, fsync the folder). */
  save(state: LogState): void {
    const target = this.file(state.origin);
    const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    const dirFd = openSync(this.logsDir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.cache.set(state.origin, state);
  }

  /** Appends one JSON line to <dir>/refused.log (evidence of a refused, validly signed checkpoint). */
  recordRefusal(entry: Record<string, unknown>): void {
    const fd = openSync(path.join(this.dir, 'refused.log'), 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    } finally {
      closeSync(fd);
    }
  }
}
