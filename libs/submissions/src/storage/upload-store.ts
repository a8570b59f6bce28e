import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { FORMAT_EXTENSION, type SubmissionFormat } from '../format.js';

export interface ReceivedFile {
  tmpPath: string;
  sha256: Buffer;
  bytes: number;
}

/**
 * Where submitted packages are kept: `DATA_DIR/submissions/<society>/<submission>.<csv|ndjson>`,
 * the raw bytes as received (their SHA-256 is on the submission). Uploads stream to
 * disk, hashed on the way, never whole in memory. In production DATA_DIR is a volume
 * the API and the workers share.
 */
@Injectable()
export class UploadStore {
  private readonly root: string;

  constructor(private readonly config: AppConfig) {
    this.root = path.resolve(config.DATA_DIR, 'submissions');
  }

  /**
   * Streams an upload (already decompressed, when it was sent gzip-compressed) to a
   * temporary file; 413 (and nothing kept) beyond the size limit, which counts the
   * decompressed bytes; 400 when gzip data does not decompress.
   */
  async receive(body: Readable): Promise<ReceivedFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const limit = this.config.UPLOAD_LIMIT_BYTES;
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) {
          done(new DomainError('payload-too-large', `The upload exceeds the limit of ${limit} bytes`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmpPath));
    } catch (error) {
      await rm(tmpPath, { force: true });
      body.resume(); // drain what is left so the connection can answer
      if (error instanceof DomainError) throw error;
      if (/^Z_/.test((error as { code?: string }).code ?? '')) {
        // A gzip body (Content-Encoding: gzip, or a ….gz file) that does not decompress.
        const reason = (error as Error).message;
        throw DomainError.validation(`The upload is not valid gzip data: ${reason}`, [{ field: 'body', message: `gzip data that cannot be decompressed (${reason})` }]);
      }
      throw new DomainError('validation', `The upload could not be read: ${(error as Error).message}`, [], {}, { cause: error });
    }
    return { tmpPath, sha256: hash.digest(), bytes };
  }

  pathFor(societyId: string, submissionId: string, format: SubmissionFormat): string {
    return path.join(this.root, societyId, `${submissionId}.${FORMAT_EXTENSION[format]}`);
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
