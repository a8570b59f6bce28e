import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { csvRow } from '../../../csv/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { extensionOf, isLedgerFormat } from '../format.js';
import { type InputFormat, PACKAGES } from '../../../package-catalogue/src/index.js';
import { UploadStore } from '../storage/upload-store.js';
import type { Submission } from '../submission.js';
import { SubmissionsRepository } from '../submissions.repository.js';
import { SubmissionsService } from '../submissions.service.js';
import { diffSql, uuidLiteral } from './diff-sql.js';

/** Rows read from a cursor at a time (and written to the response as one chunk). */
const BATCH = 1000;

/** The package as it was received, with how to serve it. */
export interface PackageFile {
  submission: Submission;
  body: Readable;
  contentType: string;
  /** The name it was uploaded as, else one made of its type, period and id. */
  fileName: string;
  byteSize: number;
}

/** A CSV of a submission's problems, streamed. */
export interface ProblemsCsv {
  submission: Submission;
  body: Readable;
  fileName: string;
  /** Every problem of the package (the CSV's data rows). */
  total: number;
}

const MEDIA_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' } as const;
const UNFINISHED = new Set(['queued', 'validating']);
const HAS_LINES = new Set(['committed', 'superseded']);

/**
 * Drill-down into one submission (issue 17 items 3 and 4): the package as received, every
 * problem of a rejected one as CSV, and the line-level diff of a correction against the
 * package it replaced. Each is read a piece at a time (a file stream, a database cursor),
 * never whole in memory, so a package of millions of lines costs the API a bounded
 * amount of memory. Access is the submission's (SubmissionsService.get: its society,
 * regulators and admins; another tenant's is a 404).
 */
@Injectable()
export class SubmissionDrillService {
  constructor(
    private readonly db: DataSource,
    private readonly submissions: SubmissionsService,
    private readonly repository: SubmissionsRepository,
    private readonly store: UploadStore,
  ) {}

  /** The stored package: the bytes as received (decompressed, when sent gzip: the bytes its SHA-256 is of). */
  async package(p: Principal, id: string): Promise<PackageFile> {
    const submission = await this.submissions.get(p, id);
    const target = await this.repository.ingestTarget(id);
    const size = target ? await stat(target.storagePath).then((s) => s.size, () => null) : null;
    if (!target || size === null) {
      throw new DomainError('not-found', `The package file of submission ${id} is not in this ledger's DATA_DIR (every process must share one DATA_DIR)`);
    }
    return {
      submission,
      body: this.store.open(target.storagePath),
      // A type's own format: the first media type its input format names, else bytes.
      contentType: isLedgerFormat(submission.format) ? MEDIA_TYPES[submission.format] : ((PACKAGES[submission.type].input as InputFormat | undefined)?.mediaTypes[0] ?? 'application/octet-stream'),
      fileName: submission.fileName ?? `${submission.type}-${submission.period}-${submission.id}.${extensionOf(submission.format)}`,
      byteSize: size,
    };
  }

  /**
   * Every problem of the package as CSV (`line,column,field,message`, CRLF, each cell
   * through libs/csv's guard against formula injection), in the order the API lists them:
   * the submission's own list when it holds them all, else submission_problems, read
   * through a cursor. A package still being processed is a 409 (its problems are not
   * known yet); a committed one has none (the header alone).
   */
  async problemsCsv(p: Principal, id: string): Promise<ProblemsCsv> {
    const submission = await this.submissions.get(p, id);
    if (UNFINISHED.has(submission.status)) {
      throw DomainError.conflict(`Submission ${id} is ${submission.status}: its problems are known once it has been validated (GET /v1/submissions/${id}?wait=60)`, { submissionStatus: submission.status });
    }
    const header = csvRow(['line', 'column', 'field', 'message']) + '\r\n';
    const fileName = `errors-${submission.type}-${submission.period}-${submission.id}.csv`;
    const row = (r: { line?: number | null; column?: string | null; field?: string | null; message: string }) =>
      csvRow([r.line ?? null, r.column ?? null, r.field ?? null, r.message]) + '\r\n';
    if (submission.errors.length >= submission.errorCount) {
      return { submission, fileName, total: submission.errors.length, body: Readable.from([header + submission.errors.map(row).join('')]) };
    }
    const [{ kept }]: { kept: number }[] = await this.db.query(
      `SELECT count(*)::int AS kept FROM (SELECT 1 FROM submission_problems WHERE society_id = $1 AND submission_id = $2 LIMIT 1) x`,
      [submission.societyId, submission.id],
    );
    if (kept === 0) {
      // Rejected before every problem was kept (an earlier version of the ledger): the first ones, as listed.
      return { submission, fileName, total: submission.errors.length, body: Readable.from([header + submission.errors.map(row).join('')]) };
    }
    const sql = `SELECT line, "column", message FROM submission_problems WHERE society_id = ${uuidLiteral(submission.societyId)} AND submission_id = ${uuidLiteral(submission.id)} ORDER BY seq`;
    const db = this.db;
    const body = Readable.from(
      (async function* () {
        yield header;
        yield* readOnly(db, async function* (runner) {
          for await (const rows of cursorRows<{ line: number | null; column: string | null; message: string }>(runner, 'problems', sql)) yield rows.map(row).join('');
        });
      })(),
      { objectMode: false },
    );
    return { submission, fileName, total: submission.errorCount, body };
  }

  /**
   * The line-level diff of a committed (or since superseded) package against the one it
   * replaced, keyed by the type's line id, as JSON streamed in that order:
   * `{submissionId, supersedes, type, idColumn, added, removed, changed, counts}` (see
   * DiffDto). 409 when there is nothing to compare: the package supersedes nothing (the
   * first of its society, type and period), has no lines (not committed), or its type
   * has no line id (undistributed, mandates). `limit`: each list holds at most that many
   * items (the first by line id), `counts` still counting them all.
   */
  async diff(p: Principal, id: string, limit?: number): Promise<{ submission: Submission; body: Readable }> {
    const submission = await this.submissions.get(p, id);
    if (!HAS_LINES.has(submission.status)) {
      throw DomainError.conflict(`Submission ${id} is ${submission.status}: only a committed package (or one superseded since) has lines to compare`, { submissionStatus: submission.status });
    }
    if (submission.supersedes === null) {
      throw DomainError.conflict(
        `Submission ${id} supersedes nothing: it was the first ${submission.type} package of ${submission.period} committed by its society, so there is no earlier package to compare it with`,
        { supersedes: null },
      );
    }
    const type = PACKAGES[submission.type];
    if (!type.idColumn) {
      throw DomainError.conflict(`${submission.type} lines have no line id, so a line of one package cannot be paired with a line of the other`, { type: submission.type });
    }
    const sql = diffSql(submission.type, { societyId: submission.societyId, submissionId: submission.id, previousId: submission.supersedes });
    const db = this.db;
    const head = JSON.stringify({ submissionId: submission.id, supersedes: submission.supersedes, type: submission.type, idColumn: type.idColumn });
    const body = Readable.from(
      (async function* () {
        const counts = { added: 0, removed: 0, changed: 0 };
        yield* readOnly(db, async function* (runner) {
          for (const part of ['added', 'removed', 'changed'] as const) {
            yield part === 'added' ? `${head.slice(0, -1)},"added":[` : `],"${part}":[`;
            // Each row is one item's JSON text, written by the statement: passed on as it is.
            for await (const rows of cursorRows<{ item: string }>(runner, part, sql[part], limit)) {
              yield (counts[part] > 0 ? ',' : '') + rows.map((r) => r.item).join(',');
              counts[part] += rows.length;
            }
            if (limit !== undefined && counts[part] >= limit) {
              // The rest are counted, not sent.
              const [{ n }]: { n: number }[] = await runner.query(`SELECT count(*)::int AS n FROM (${sql[part]}) x`);
              counts[part] = n;
            }
          }
          yield `],"counts":${JSON.stringify(counts)}}`;
        });
      })(),
      { objectMode: false },
    );
    return { submission, body };
  }
}

/**
 * Runs `read` in a read-only REPEATABLE READ transaction on a connection of its own (the
 * cursors of one answer see one snapshot), releasing it however the reading ends: done,
 * failed, or abandoned by a client that went away (the stream is destroyed, which returns
 * the generator).
 */
async function* readOnly<T>(db: DataSource, read: (runner: QueryRunner) => AsyncGenerator<T>): AsyncGenerator<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    yield* read(runner);
    await runner.query('COMMIT');
    open = false;
  } finally {
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}

/** The rows of `sql` (the first `limit`), BATCH at a time, through a cursor of the transaction `runner` is in. */
async function* cursorRows<T>(runner: QueryRunner, name: string, sql: string, limit = Infinity): AsyncGenerator<T[]> {
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  try {
    for (let read = 0; read < limit; ) {
      const want = Math.min(BATCH, limit - read);
      const rows: T[] = await runner.query(`FETCH ${want} FROM ${name}`);
      if (rows.length > 0) yield rows;
      read += rows.length;
      if (rows.length < want) return;
    }
  } finally {
    await runner.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
