import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../../config/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { extensionOf, isLedgerFormat, type SubmissionFormat } from '../format.js';
import { PackageLimits } from './package-limits.js';

/** A gzip upload may inflate this much before UPLOAD_MAX_INFLATION applies (its first blocks may inflate far more). */
const FREE_INFLATION_BYTES = 1024 * 1024;

/**
 * `<host>~<pid>~<uuid>.part`: the host and process receiving the upload, so that a boot
 * can tell a dead process's leftover from a live upload (see cleanLeftovers).
 */
function partFileName(): string {
  return `${encodeURIComponent(hostname())}~${process.pid}~${randomUUID()}.part`;
}

export interface ReceivedFile {
  tmpPath: string;
  sha256: Buffer;
  bytes: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * Where submitted packages are kept: `DATA_DIR/submissions/<society>/<submission>.<csv|ndjson>`,
 * the raw bytes as received (their SHA-256 is on the submission). Uploads stream to
 * disk, hashed on the way, never whole in memory. In production DATA_DIR is a volume
 * the API and the workers share.
 */
@Injectable()
export class UploadStore implements OnModuleInit {
  private readonly root: string;
  private readonly logger = new Logger('Uploads');

  constructor(private readonly config: AppConfig) {
    this.root = path.resolve(config.DATA_DIR, 'submissions');
  }

  /**
   * Streams an upload to a temporary file, decompressing it on the way when it was sent
   * gzip-compressed (`gzip`), hashing and counting the package's (decompressed) bytes:
   * - 413 (and nothing kept) beyond UPLOAD_LIMIT_BYTES, beyond UPLOAD_MAX_INFLATION
   *   decompressed bytes per compressed byte, or with a line or a cell longer than
   *   UPLOAD_MAX_LINE_BYTES / UPLOAD_MAX_CELL_BYTES (named by line and column), each
   *   checked while the bytes stream, so at most a bound is ever written;
   * - 408 (nothing kept) when the body sends nothing for UPLOAD_IDLE_TIMEOUT_MS, or is
   *   not whole within REQUEST_TIMEOUT_MS;
   * - 400 when gzip data does not decompress.
   * The request stream itself is never destroyed here (the answer still has to go out on
   * its connection): on failure it is unhooked and drained.
   */
  async receive(body: Readable, options: { format?: SubmissionFormat; gzip?: boolean } = {}): Promise<ReceivedFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, partFileName());
    const hash = createHash('sha256');
    const limit = this.config.UPLOAD_LIMIT_BYTES;
    const maxInflation = this.config.UPLOAD_MAX_INFLATION;
    let bytes = 0;
    // The compressed bytes zlib has consumed so far (not merely been handed): the ratio
    // is checked against them, so that one large chunk cannot inflate unchecked.
    let gunzip: Gunzip | null = null;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) {
          done(new DomainError('payload-too-large', `The upload exceeds the limit of ${limit} bytes`));
          return;
        }
        const compressed = gunzip?.bytesWritten ?? 0;
        if (gunzip && bytes > FREE_INFLATION_BYTES && bytes > compressed * maxInflation) {
          done(
            new DomainError(
              'payload-too-large',
              `The gzip upload inflates more than ${maxInflation} times (UPLOAD_MAX_INFLATION): ${bytes} bytes from the first ${compressed} compressed bytes; nothing was kept`,
              [],
              { limit: 'UPLOAD_MAX_INFLATION' },
            ),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // The body flows into `input` by pipe(), so that a failure destroys our streams and not the request.
    const input = new PassThrough();
    const stages: Transform[] = [input];
    if (options.gzip) {
      gunzip = createGunzip();
      // zlib may report a broken stream twice (the pipeline has handled the first and gone).
      gunzip.on('error', () => undefined);
      stages.push(gunzip);
    }
    stages.push(meter);
    // (A type's input format is checked by its reader, in the ingest: these limits are the ledger's formats'.)
    if (options.format && isLedgerFormat(options.format)) stages.push(new PackageLimits(options.format, { maxLineBytes: this.config.UPLOAD_MAX_LINE_BYTES, maxCellBytes: this.config.UPLOAD_MAX_CELL_BYTES }));
    const fail = (error: Error) => input.destroy(error);
    const idleMs = this.config.UPLOAD_IDLE_TIMEOUT_MS;
    const totalMs = this.config.REQUEST_TIMEOUT_MS;
    const timeout = (message: string) => () => fail(new DomainError('request-timeout', message));
    const idle = setTimeout(timeout(`The upload sent nothing for ${idleMs} ms (UPLOAD_IDLE_TIMEOUT_MS); nothing was kept`), idleMs);
    const deadline = setTimeout(timeout(`The upload did not arrive whole within ${totalMs} ms (REQUEST_TIMEOUT_MS); nothing was kept`), totalMs);
    const onData = () => idle.refresh();
    const onError = (error: Error) => fail(error);
    const onAborted = () => fail(Object.assign(new Error('the upload was cut off before its end'), { code: 'ECONNRESET' }));
    const onClose = () => {
      if (!body.readableEnded) onAborted();
    };
    body.on('data', onData).on('error', onError).on('aborted', onAborted).on('close', onClose);
    body.pipe(input);
    try {
      await pipeline([...stages, createWriteStream(tmpPath)] as unknown as [Readable, ...Transform[], NodeJS.WritableStream]);
    } catch (error) {
      body.unpipe(input);
      body.resume(); // drain what is left so the connection can answer
      await rm(tmpPath, { force: true });
      if (error instanceof DomainError) throw error;
      if (/^Z_/.test((error as { code?: string }).code ?? '')) {
        // A gzip body (Content-Encoding: gzip, or a ….gz file) that does not decompress.
        const reason = (error as Error).message;
        throw DomainError.validation(`The upload is not valid gzip data: ${reason}`, [{ field: 'body', message: `gzip data that cannot be decompressed (${reason})` }]);
      }
      throw new DomainError('validation', `The upload could not be read: ${(error as Error).message}`, [], {}, { cause: error });
    } finally {
      clearTimeout(idle);
      clearTimeout(deadline);
      body.off('data', onData).off('error', onError).off('aborted', onAborted).off('close', onClose);
      // An error the body reports after we are done must not become an uncaught exception.
      body.on('error', () => undefined);
    }
    return { tmpPath, sha256: hash.digest(), bytes };
  }

  /**
   * Removes the `.part` files of uploads that no process is receiving any more (a crash
   * mid-upload leaves them): those of this host's dead processes (or of this process's
   * pid, before it took any upload: a restarted container reuses its pid), and any
   * other older than REQUEST_TIMEOUT_MS and a minute (no upload lives that long). Another
   * process's live upload on a shared DATA_DIR is left alone. Run at boot.
   */
  async cleanLeftovers(now = Date.now()): Promise<number> {
    const tmpDir = path.join(this.root, 'tmp');
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const host = hostname();
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(tmpDir, name);
      const [owner, pid] = name.split('~');
      let dead = false;
      if (pid !== undefined && /^\d+$/.test(pid) && safeDecode(owner) === host) dead = Number(pid) === process.pid || !isAlive(Number(pid));
      if (!dead) {
        const modified = await stat(file).then((s) => s.mtimeMs, () => null);
        dead = modified !== null && now - modified > this.config.REQUEST_TIMEOUT_MS + 60_000;
      }
      if (dead) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async onModuleInit(): Promise<void> {
    const removed = await this.cleanLeftovers();
    if (removed > 0) this.logger.log(`removed ${removed} leftover upload file(s) of interrupted uploads`);
  }

  pathFor(societyId: string, submissionId: string, format: SubmissionFormat): string {
    return path.join(this.root, societyId, `${submissionId}.${extensionOf(format)}`);
  }

  /** Moves a received file to its permanent place. */
  async keep(file: ReceivedFile, societyId: string, submissionId: string, format: SubmissionFormat): Promise<string> {
    const target = this.pathFor(societyId, submissionId, format);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(file.tmpPath, target);
    return target;
  }

  discard(file: ReceivedFile): Promise<void> {
    return rm(file.tmpPath, { force: true });
  }

  open(storagePath: string): Readable {
    return createReadStream(storagePath);
  }
}
