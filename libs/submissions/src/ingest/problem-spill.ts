import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { csvField } from '../../../csv/src/index.js';
import type { InputProblem } from '../../../errors/src/index.js';

/** Bytes of problems kept in memory before they are written out. */
const FLUSH_BYTES = 64 * 1024;

/** A problem as a CSV record for COPY (line, column, message; an empty cell is NULL). RFC 4180 quoting alone: the values are read back as they are. */
export function problemRecord(p: InputProblem): string {
  return `${p.line ?? ''},${csvField(p.column ?? '')},${csvField(p.message)}\n`;
}

/**
 * The problems of records set aside while a JSON Lines package is staged beyond the
 * first ERROR_LIMIT the ingest keeps in memory (issue 17 item 3: errors.csv lists every
 * problem). They go to a file of this process's temporary directory, written in blocks
 * (a synchronous write: the staging stream waits for it, so memory stays bounded
 * however many records are refused), and are read back into the database only when the
 * package is rejected with more problems than its submission row lists.
 */
export class ProblemSpill {
  private fd: number | null = null;
  private pending = '';
  /** Problems handed to the spill. */
  count = 0;
  readonly file: string;

  constructor(submissionId: string) {
    this.file = path.join(tmpdir(), `ledger-problems-${process.pid}-${submissionId}.csv`);
  }

  add(problem: InputProblem): void {
    this.count += 1;
    this.pending += problemRecord(problem);
    if (this.pending.length >= FLUSH_BYTES) this.flush();
  }

  /** The spilled problems as CSV records, in the order they came (line order). */
  read(): Readable {
    this.flush();
    if (this.fd === null) return Readable.from([]);
    return createReadStream(this.file);
  }

  /** Closes and removes the file. */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.pending = '';
    rmSync(this.file, { force: true });
  }

  private flush(): void {
    if (this.pending === '') return;
    this.fd ??= openSync(this.file, 'w', 0o600);
    writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
