import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { AppConfig, Clock } from '../../../config/src/index.js';
import type { InputProblem } from '../../../errors/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { type JournalSum, LedgerService, LogWitnessingService } from '../../../ledger/src/index.js';
import type { SubmissionTree } from '../../../ledger/src/submission-tree.js';
import { MandatesService, mandateStatusSql, statusJoinSql, statusOfUnlistedSql } from '../../../mandates/src/index.js';
import { Notifier } from '../../../notifications/src/index.js';
import {
  type CommitContext,
  type CommitServices,
  type ComputedAtCommit,
  type InputFormat,
  PackageRejection,
  PACKAGES,
  type PackageContext,
  type Quarter,
  type StagedContext,
} from '../../../package-catalogue/src/index.js';
import { parsePeriod } from '../period.js';
import {
  attachSubmissionPartition,
  createSubmissionPartition,
  dropUnattachedSubmissionPartition,
  ensureSocietyPartition,
  indexSubmissionPartition,
  type ParentColumn,
  type SubmissionPartitionSpec,
  createSmallSubmissionTable,
  smallSubmissionInsertSql,
} from '../storage/line-partitions.js';
import { UploadStore } from '../storage/upload-store.js';
import { type IngestTarget, SubmissionsRepository } from '../submissions.repository.js';
import { checkHeader } from './header.js';
import {
  computedColumns,
  ERROR_LIMIT,
  insertLinesSql,
  type LineNumbering,
  mergeProblems,
  partitionLeavesCopySql,
  partitionSelectSql,
  type ProblemRow,
  stagingTable,
  validationSlices,
} from './ingest-sql.js';
import { NdjsonToCsv } from './ndjson.js';
import { ProblemSpill } from './problem-spill.js';
import { printable, sniffPackage } from './sniff.js';
import { SourceRowsToCsv } from './source-rows.js';
import { StagingRepository, type StagingPlace } from './staging.repository.js';

/**
 * Attempts at one submission, counted in its row (an attempt the process did not survive
 * counts): after this many without a verdict it ends `failed` with the reason. A
 * parameter of the ledger's, not of any rule.
 */
export const MAX_INGEST_ATTEMPTS = 3;

class Rejection extends Error {
  constructor(
    readonly problems: InputProblem[],
    readonly total: number,
    readonly rows: number | null = null,
  ) {
    super('package rejected');
  }
}

/** A small package's lines table being made on another connection: its name and the parent's columns (makeSmallTable). */
type SmallTable = Promise<{ name: string; columns: ParentColumn[] }>;

/** A partitioned package's lines, written as a table of their own, ready to attach. */
interface PreparedLines {
  spec: SubmissionPartitionSpec;
  /** The table the lines were written to (attached in the committing transaction). */
  table: string;
  tree: SubmissionTree;
  /** The journal's sums, when computed beforehand (a large package's); else the commit sums them from `table`. */
  journal?: JournalSum[];
  mandatesKnownAt: string | null;
}

/** What staging wrote: the rows, the range of their line numbers, and the records set aside. */
interface Staged {
  rows: number;
  firstLine: number;
  lastLine: number;
  /** Problems of records left out while staging (JSON Lines), or an input reader's, the first ERROR_LIMIT of `total`. */
  problems: InputProblem[];
  total: number;
  refused?: number;
  /** The rows were made by an input reader: their problems are reported at their source lines. */
  sourceLines?: boolean;
}

/** What an input reader collected (InputReader.collected), once it has read the whole file. */
interface Read {
  collected: unknown;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** From this many rows on, validation runs as two statements side by side. */
const SPLIT_VALIDATION_ROWS = 50_000;
/**
 * A file smaller than this is a small package (a clerk's everyday one; 1,000 lines of
 * distribution lines are about 170 KB, and 512 KiB hold at most some 29,000 rows): it is
 * staged in its connection's temporary staging table (sessionStagingTable), not
 * ANALYZEd (the planner's estimate from the table's size serves a few thousand rows;
 * ANALYZE cost more than the statements it plans), and its lines are INSERTed into a
 * table made and indexed while empty, on another connection while the package is staged
 * and validated (createSmallSubmissionTable), instead of built in bulk with a sort per
 * index beside a second connection. Either way the same table is attached. A parameter
 * of the ledger's (measured with bench:small-ingest and bench:ingest), not of any rule.
 */
export const SMALL_PACKAGE_BYTES = 512 * 1024;
/**
 * The planner's cost of a random page read for a small package's statements (PostgreSQL's
 * default, 4, is a spinning disk's; 1.1 is the usual setting where the data is cached or
 * on SSD). A parameter of the ledger's, measured with bench:small-ingest.
 */
export const SMALL_PACKAGE_RANDOM_PAGE_COST = 1.1;
/** Staging reports its progress (0–40 %) only for files at least this large: a small one is staged before anyone could look. */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Takes one queued submission from its stored file to committed lines, or to a
 * rejection with every problem named by line and column:
 *   1. stream the file (CSV, or JSON Lines turned into CSV on the way) into an unlogged
 *      staging table with COPY (all text columns);
 *   2. validate every row with one set-based SQL statement;
 *   3. in ONE transaction: insert the typed lines with their leaf hashes, fold the
 *      hashes into the submission's Merkle root, post the journal, append the log.
 * Nothing is kept of a rejected or crashed attempt; a retry starts over and the commit
 * happens exactly once (the submission row is locked and its status checked inside the
 * commit transaction).
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('Ingest');

  constructor(
    private readonly db: DataSource,
    private readonly submissions: SubmissionsRepository,
    private readonly store: UploadStore,
    private readonly ledger: LedgerService,
    private readonly config: AppConfig,
    private readonly mandates: MandatesService,
    private readonly clock: Clock,
    private readonly witnessing: LogWitnessingService,
    private readonly notifier: Notifier,
    private readonly staging: StagingRepository,
  ) {}

  async run(submissionId: string): Promise<void> {
    const first = await this.submissions.ingestTarget(submissionId);
    if (!first) throw new Error(`submission ${submissionId} does not exist`);
    if (first.status !== 'queued' && first.status !== 'validating') return; // finished earlier: nothing to do
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as pg.Client;
    // One attempt at a time per submission: a job delivered twice waits here, then finds
    // the submission finished. (A killed worker's session ends, and its lock with it.)
    try {
      await this.staging.lock(runner, submissionId);
      try {
        await this.attempt(submissionId, runner, client);
      } finally {
        await this.staging.unlock(runner, submissionId).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async attempt(submissionId: string, runner: QueryRunner, client: pg.Client): Promise<void> {
    const target = await this.submissions.ingestTarget(submissionId);
    if (!target || (target.status !== 'queued' && target.status !== 'validating')) return; // another attempt finished it
    if (target.attempts >= MAX_INGEST_ATTEMPTS) {
      // Every attempt so far ended without a verdict (an error of the ledger's, or the
      // process ended during it): stop here rather than retry at every boot for ever.
      const last = target.phase?.startsWith('failed: ') ? target.phase.slice('failed: '.length) : `the process ended during the attempt (in ${target.phase ?? 'its queue'})`;
      await this.submissions.fail(target.societyId, target.id, `gave up after ${target.attempts} attempts; the last: ${last}`);
      this.logger.warn(`gave up ${target.type} ${target.period} (${target.id}) after ${target.attempts} attempts: ${last}`);
      return;
    }
    await this.submissions.startAttempt(target.societyId, target.id);
    const own = stagingTable(target.id);
    let place: StagingPlace = { table: own, session: false };
    // A small package's lines table, made meanwhile on another connection (SmallTable).
    let smallTable: SmallTable | null = null;
    let committed = false;
    // Problems of refused JSON Lines records (or an input reader's) beyond the first ERROR_LIMIT (kept if the package is rejected).
    const spill = new ProblemSpill(target.id);
    // What an input reader collected, for its afterCommit or afterReject.
    const read: Read = { collected: undefined };
    const started = Date.now();
    try {
      place = await this.placeStaging(target, client, own);
      if (place.session && PACKAGES[target.type].partitioned) smallTable = this.makeSmallTable(target);
      const table = place.table;
      const staging = await this.stage(target, place, client, runner, spill, read);
      const rows = staging.rows;
      const staged = Date.now();
      await this.submissions.progress(target.societyId, target.id, 'validating', 45, rows + (staging.refused ?? 0));
      await this.validate(target, place, runner, client, staging, spill);
      const validated = Date.now();
      await this.submissions.progress(target.societyId, target.id, 'committing', 60, rows);
      await this.commit(target, table, runner, client, rows, smallTable, read);
      committed = true;
      const done = Date.now();
      this.logger.log(
        `committed ${target.type} ${target.period} (${rows} rows) in ${done - started} ms: staging ${staged - started}, validating ${validated - staged}, committing ${done - validated}`,
      );
    } catch (caught) {
      let error = caught;
      if (error instanceof Rejection) {
        try {
          // Nothing of a rejected package stays behind once its status says so.
          await this.staging.clear(runner, place);
          await this.discardSmallTable(smallTable, target, runner);
          smallTable = null;
          await this.submissions.reject(target.societyId, target.id, error.problems, error.total, error.rows);
          this.logger.log(`rejected ${target.type} ${target.period}: ${error.total} problem(s)`);
          await this.afterReject(target, runner, error, read);
          await this.notifyRejected(target, error);
          return;
        } catch (rejecting) {
          // Recording the rejection failed: that is the ledger's fault, and counts as such.
          error = rejecting;
        }
      }
      // Not the package's fault: keep it unfinished (retried, up to MAX_INGEST_ATTEMPTS in
      // all) and say why; the last attempt ends it `failed` with the reason.
      const reason = (error as Error).message ?? String(error);
      if (target.attempts + 1 >= MAX_INGEST_ATTEMPTS) {
        await this.submissions.fail(target.societyId, target.id, `gave up after ${target.attempts + 1} attempts; the last: ${reason}`).catch(() => undefined);
        this.logger.error(`gave up ${target.type} ${target.period} (${target.id}) after ${target.attempts + 1} attempts: ${reason}`);
        return;
      }
      await this.submissions.progress(target.societyId, target.id, `failed: ${printable(reason)}`.slice(0, 300), 0).catch(() => undefined);
      throw error;
    } finally {
      spill.dispose();
      await this.staging.clear(runner, place).catch(() => undefined);
      if (!committed) await this.discardSmallTable(smallTable, target, runner).catch(() => undefined);
      await this.staging.resetSettings(runner).catch(() => undefined);
    }
  }

  /** The input format a package is read with: its type's, when it was sent in that format (not CSV or JSON Lines). */
  private inputOf(t: IngestTarget): InputFormat | undefined {
    if (t.format === 'csv' || t.format === 'ndjson') return undefined;
    const input = PACKAGES[t.type].input as InputFormat | undefined;
    if (input?.name !== t.format) throw new Error(`a ${t.type} package cannot be read in the format ${t.format}`);
    return input;
  }

  /** What every hook is told: the package, a query function on the ingest's connection, and the services. */
  private hookContext(t: IngestTarget, runner: QueryRunner, quarter: Quarter = parsePeriod(t.period)): PackageContext {
    return {
      type: t.type,
      societyId: t.societyId,
      submissionId: t.id,
      period: quarter,
      now: this.clock.now().toISOString(),
      query: <R>(sql: string, params?: readonly unknown[]) => runner.query(sql, params ? [...params] : undefined) as Promise<R[]>,
      services: this.services(t, runner),
    };
  }

  /**
   * The ledger's services for the commit hooks of package types (CommitServices), on the
   * ingest's connection `runner`.
   */
  private services(t: IngestTarget, runner: QueryRunner): CommitServices {
    return {
      registerUnknownHolders: (table, columns) => this.staging.registerUnknownHolders(runner, table, columns, t.societyId),
      mandateStatus: (table, { small }) => this.mandateStatus(t, table, runner, small),
      recordMandates: async (mandates) => {
        try {
          await this.mandates.bulkRecord(runner.manager, t.societyId, mandates, { recordedBy: `submission ${t.id}` });
        } catch (error) {
          if (error instanceof DomainError) throw new PackageRejection(error.errors.length > 0 ? error.errors : [{ message: error.message }]);
          throw error;
        }
      },
    };
  }

  /**
   * An input format's afterReject, once the rejection is recorded (an error is logged:
   * the rejection stands).
   */
  private async afterReject(t: IngestTarget, runner: QueryRunner, rejection: Rejection, read: Read): Promise<void> {
    const input = PACKAGES[t.type].input as InputFormat | undefined;
    if (!input?.afterReject || input.name !== t.format) return;
    try {
      await input.afterReject({ ...this.hookContext(t, runner), collected: read.collected, total: rejection.total }, rejection.problems);
    } catch (error) {
      this.logger.error(`afterReject of ${t.type} ${t.id} failed: ${(error as Error).message}`);
    }
  }

  /** Tells the society its package was rejected (a failure to tell is logged: the rejection stands). */
  private async notifyRejected(t: IngestTarget, rejection: Rejection): Promise<void> {
    await this.notifier
      .publish({
        type: 'submission.rejected',
        societyId: t.societyId,
        key: `submission.rejected:${t.id}`,
        data: { submissionId: t.id, type: t.type, period: t.period, errorCount: rejection.total, errors: rejection.problems.slice(0, 5) },
        to: { societies: [t.societyId] },
      })
      .catch((e: Error) => this.logger.error(`submission.rejected of ${t.id} not raised: ${e.message}`));
  }

  /**
   * Where the package is staged: a small file (SMALL_PACKAGE_BYTES) in the connection's
   * temporary staging table (emptied first if an earlier attempt on this connection left
   * rows), a larger one in an unlogged table of its own, which other connections and
   * parallel workers can read.
   */
  private async placeStaging(t: IngestTarget, client: pg.Client, own: string): Promise<StagingPlace> {
    const size = (await stat(t.storagePath)).size;
    // Bulk statements over generated SQL, what a crashed attempt left dropped (StagingRepository.prepare).
    if (size >= SMALL_PACKAGE_BYTES) return this.staging.prepare(client, own);
    // A small package's statements probe the registers' indexes (rights holders by IPI,
    // mandates by holder) rather than read them whole, which the default cost of a random
    // page read (4, a disk's) would have the planner prefer at a few thousand rows.
    return this.staging.prepare(client, own, { type: t.type, numbering: this.numbering(t), randomPageCost: SMALL_PACKAGE_RANDOM_PAGE_COST });
  }

  /** How the package's staged rows are numbered: by COPY (CSV), by their records' lines (JSON Lines), or as an input reader made them. */
  private numbering(t: IngestTarget): LineNumbering {
    return t.format === 'csv' ? 'counted' : t.format === 'ndjson' ? 'given' : 'source';
  }

  /**
   * A small package's lines table, made on a connection of its own (the society's
   * partition first if it is the society's first package, then what a crashed attempt
   * left dropped, then the table: createSmallSubmissionTable) while the package is staged
   * and validated on the ingest's connection. The promise is awaited where the lines are
   * written, or by discardSmallTable when the attempt ends without them.
   */
  private makeSmallTable(t: IngestTarget): SmallTable {
    const parent = PACKAGES[t.type].table;
    const made = (async () => {
      const other = this.db.createQueryRunner();
      try {
        await ensureSocietyPartition(other, parent, t.societyId);
        await dropUnattachedSubmissionPartition(other, parent, t.id);
        return await createSmallSubmissionTable(other, { parent, societyId: t.societyId, submissionId: t.id });
      } finally {
        await other.release();
      }
    })();
    made.catch(() => undefined); // (handled where it is awaited)
    return made;
  }

  /** Drops a small package's lines table that was made but not attached (once it is made). */
  private async discardSmallTable(table: SmallTable | null, t: IngestTarget, runner: QueryRunner): Promise<void> {
    if (!table || !(await table.then(() => true, () => false))) return;
    await dropUnattachedSubmissionPartition(runner, PACKAGES[t.type].table, t.id);
  }

  /**
   * Streams the stored file into the staging table. A CSV file goes to COPY as it is
   * (its header checked first); a JSON Lines file through NdjsonToCsv, which numbers
   * each record by its line and sets aside the records that are not one flat object
   * of strings, with their problems; a file in the type's input format through its
   * reader (stageSource).
   */
  private async stage(t: IngestTarget, place: StagingPlace, client: pg.Client, runner: QueryRunner, spill: ProblemSpill, read: Read): Promise<Staged> {
    const input = this.inputOf(t);
    if (input) return this.stageSource(t, input, place, client, runner, spill, read);
    const table = place.table;
    const head = await this.readHead(t.storagePath);
    if (head.length === 0) throw new Rejection([{ line: 1, message: 'the file is empty' }], 1, 0);
    const unreadable = sniffPackage(head.subarray(0, 3).equals(BOM) ? head.subarray(3) : head);
    if (unreadable) throw new Rejection([unreadable], 1, null);
    const text = head.toString('utf8');
    const headerLine = text.indexOf('\n') === -1 ? text : text.slice(0, text.indexOf('\n'));
    let header: string[] | null = null;
    if (t.format === 'csv') {
      const checked = checkHeader(t.type, headerLine);
      if ('problems' in checked) throw new Rejection(checked.problems, checked.problems.length, null);
      header = checked.order;
    }

    if (!place.session) await this.staging.create(runner, t.type, table, header ? 'counted' : 'given');
    const meter = this.stagingMeter(t, (await stat(t.storagePath)).size);
    let staged: Staged;
    if (header) {
      const copy = this.staging.copyCsv(client, table, header);
      try {
        await pipeline(this.store.open(t.storagePath), meter, copy);
      } catch (error) {
        throw this.copyRejection(error);
      }
      const rows = Number(copy.rowCount);
      staged = { rows, firstLine: 2, lastLine: rows + 1, problems: [], total: 0 };
    } else {
      const records = new NdjsonToCsv(PACKAGES[t.type].columns.map((c) => c.name), `a ${t.type} package`, ERROR_LIMIT, (p) => spill.add(p));
      // Records were checked to be objects of strings: a COPY failure here is not the package's fault.
      await pipeline(this.store.open(t.storagePath), meter, records, this.staging.copyNumbered(client, t.type, table));
      const { rows, refused, firstLine, lastLine, problems, total } = records.summary;
      if (rows === 0 && total > 0) {
        if (total > ERROR_LIMIT) await this.keepAllProblems(t, runner, client, null, problems, spill);
        throw new Rejection(problems, total, refused);
      }
      staged = { rows, firstLine, lastLine, problems, total, refused };
    }
    // A small sample is enough for the validating statement's plan (hash aggregates and
    // joins); a small package needs none (SMALL_PACKAGE_BYTES).
    if (!place.session) await this.staging.analyze(runner, table);
    if (staged.rows === 0) {
      throw new Rejection([{ line: header ? 2 : 1, message: header ? 'the package has a header but no data rows' : 'the package has no records (every line is blank)' }], 1, 0);
    }
    return staged;
  }

  /**
   * Stages a file sent in the type's input format: its bytes stream (as stored, a BOM
   * included: the reader judges it) through the format's reader, whose rows are numbered
   * 1, 2, … with their source lines (SourceRowsToCsv) and COPYed as they come; its
   * problems are kept like refused JSON Lines records' (the first ERROR_LIMIT, the rest
   * spilled), so they reject the package like any package's.
   */
  private async stageSource(t: IngestTarget, input: InputFormat, place: StagingPlace, client: pg.Client, runner: QueryRunner, spill: ProblemSpill, read: Read): Promise<Staged> {
    const table = place.table;
    if (!place.session) await this.staging.create(runner, t.type, table, 'source');
    const quarter = { ...parsePeriod(t.period), today: this.clock.today() };
    const reader = input.reader({ type: t.type, societyId: t.societyId, submissionId: t.id, period: quarter, now: this.clock.now().toISOString(), fileName: t.fileName ?? null });
    const rows = new SourceRowsToCsv(PACKAGES[t.type].columns.map((c) => c.name), ERROR_LIMIT, (p) => spill.add(p));
    const meter = this.stagingMeter(t, (await stat(t.storagePath)).size, false);
    await pipeline(
      this.store.open(t.storagePath),
      meter,
      (bytes: AsyncIterable<Buffer>) => rows.records(reader.read(bytes)),
      this.staging.copySource(client, t.type, table),
    );
    read.collected = reader.collected?.();
    const { rows: count, problems, total } = rows.summary;
    if (count === 0 && total > 0) {
      if (total > ERROR_LIMIT) await this.keepAllProblems(t, runner, client, null, problems, spill);
      throw new Rejection(problems, total, 0);
    }
    if (!place.session) await this.staging.analyze(runner, table);
    // (A format that allows it commits a file that yields nothing, with no lines: validate skips such a package.)
    if (count === 0 && !input.allowEmpty) throw new Rejection([{ line: 1, message: `the ${input.name} file holds no ${t.type} lines` }], 1, 0);
    return { rows: count, firstLine: 1, lastLine: count, problems, total, sourceLines: true };
  }

  /** Passes the file's bytes on, without a leading BOM (unless `stripBom` is false), reporting progress (0–40 %) on the way. */
  private stagingMeter(t: IngestTarget, size: number, stripBom = true): Transform {
    let seen = 0;
    let lastReported = 0;
    let first = true;
    const pause = this.pauseAt('staging');
    const submissions = this.submissions;
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (first) {
          first = false;
          if (stripBom && chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
        }
        seen += chunk.length;
        const pct = size > 0 ? (seen / size) * 40 : 40;
        const go = () => done(null, chunk);
        if (pause && seen > size / 2 && !pause.done) {
          pause.done = true;
          setTimeout(go, pause.ms);
          return;
        }
        if (size >= PROGRESS_MIN_BYTES && pct - lastReported >= 5) {
          lastReported = pct;
          submissions.progress(t.societyId, t.id, 'staging', pct).then(go, done);
          return;
        }
        go();
      },
    });
  }

  /**
   * Lists every problem of the staged rows. A large package is cut into two slices of
   * lines validated side by side on two connections (one statement's row pass runs on
   * one core); the problems are merged into the order one statement would give.
   */
  private async validate(t: IngestTarget, place: StagingPlace, runner: QueryRunner, client: pg.Client, staged: Staged, spill: ProblemSpill): Promise<void> {
    const table = place.table;
    // Nothing staged and nothing refused (an input format's empty file it allows): nothing to check.
    if (staged.rows === 0 && staged.total === 0) return;
    // (Only this connection sees a session staging table.)
    const slices = validationSlices(staged.firstLine, staged.lastLine, !place.session && staged.rows >= SPLIT_VALIDATION_ROWS ? 2 : 1);
    // Dates of facts after today are refused: judged on the day the package is validated.
    const quarter = { ...parsePeriod(t.period), today: this.clock.today() };
    const helpers = await Promise.all(slices.slice(1).map(() => this.bulkRunner()));
    try {
      const started = Date.now();
      // Every slice settles before a helper connection goes back to the pool.
      const settled = await Promise.allSettled(
        slices.map(async (slice, i) => {
          const rows = await this.staging.validate(i === 0 ? runner : helpers[i - 1], t.type, quarter, table, slices.length > 1 ? slice : undefined, staged.sourceLines);
          if (slices.length > 1) this.logger.debug(`validation of lines ${slice.from}-${slice.to} of ${t.id}${slice.duplicates ? ' (and duplicates)' : ''}: ${Date.now() - started} ms`);
          return rows;
        }),
      );
      const results: ProblemRow[][] = settled.map((r) => {
        if (r.status === 'rejected') throw r.reason;
        return r.value;
      });
      // The records set aside while staging (JSON Lines), or an input reader's problems, take their place among the rest.
      if (staged.total > 0) results.push(staged.problems.map((p) => ({ line: p.line!, column: p.column ?? '', message: p.message, k: -1, total: staged.total })));
      const { problems, total } = mergeProblems(results);
      if (total > 0) {
        // The submission row lists the first ERROR_LIMIT; every one is kept for errors.csv.
        if (total > ERROR_LIMIT) await this.keepAllProblems(t, runner, client, table, staged.problems, spill, quarter, staged.sourceLines);
        const listed = problems.map((p) => ({ line: p.line, ...(p.column ? { column: p.column } : {}), message: p.message }));
        throw new Rejection(listed, total, staged.rows + (staged.refused ?? 0));
      }
    } finally {
      for (const helper of helpers) await this.releaseBulkRunner(helper);
    }
  }

  /**
   * Writes every problem of a package being rejected to submission_problems (more than
   * its row lists): the validating statement's over the whole staged `table` (null:
   * nothing was staged), and those of records set aside while staging (`listed`, then
   * the rest from `spill`), in one statement that numbers them in the API's order.
   */
  private async keepAllProblems(
    t: IngestTarget,
    runner: QueryRunner,
    client: pg.Client,
    table: string | null,
    listed: InputProblem[],
    spill: ProblemSpill,
    quarter = { ...parsePeriod(t.period), today: this.clock.today() },
    sourceLines = false,
  ): Promise<void> {
    await this.staging.keepAllProblems(runner, client, t, quarter, table, listed, () => spill.read(), sourceLines);
  }

  /** Another connection set up like the ingest's own for a bulk statement (see run()). */
  private async bulkRunner(): Promise<QueryRunner> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await this.staging.bulkSettings(runner);
    return runner;
  }

  private async releaseBulkRunner(runner: QueryRunner): Promise<void> {
    await this.staging.resetBulkSettings(runner).catch(() => undefined);
    await runner.release();
  }

  /**
   * Writes the lines and posts the package in ONE transaction (the submission row locked
   * and its status checked: exactly once). A partitioned package type prepares its
   * lines first, outside that transaction (prepareLines), and the transaction attaches
   * them.
   */
  private async commit(t: IngestTarget, table: string, runner: QueryRunner, client: pg.Client, rows: number, smallTable: SmallTable | null, read: Read): Promise<void> {
    try {
      await this.commitPackage(t, table, runner, client, rows, smallTable, read);
    } catch (error) {
      // A commit hook rejected the package (e.g. mandates the register refuses): rolled back, rejected.
      if (error instanceof PackageRejection) throw new Rejection(error.problems, error.total, rows);
      throw error;
    }
  }

  /** commit, whose hooks may throw PackageRejection. */
  private async commitPackage(t: IngestTarget, table: string, runner: QueryRunner, client: pg.Client, rows: number, smallTable: SmallTable | null, read: Read): Promise<void> {
    const quarter = parsePeriod(t.period);
    const p = PACKAGES[t.type];
    const input = this.inputOf(t);
    const steps: Record<string, number> = {};
    const began = Date.now();
    const prepared = p.partitioned ? await this.prepareLines(t, table, runner, client, rows, steps, smallTable) : null;
    const inTransaction = Date.now();
    await runner.startTransaction();
    try {
      const status = await this.submissions.lockForCommit(runner, t.societyId, t.id);
      if (status !== 'queued' && status !== 'validating') {
        await runner.rollbackTransaction();
        return; // another attempt committed it already: exactly once
      }
      let tree: SubmissionTree;
      let mandatesKnownAt = prepared?.mandatesKnownAt ?? null;
      if (prepared) {
        tree = prepared.tree;
      } else {
        const staged = this.stagedContext(t, runner, table, false);
        await p.hooks?.beforeLines?.(staged);
        const computed = await p.hooks?.computeColumns?.(staged);
        mandatesKnownAt = computed?.mandatesKnownAt ?? null;
        try {
          // The lines are written and folded into the submission tree in one streamed pass.
          tree = await this.ledger.writeLines(client, insertLinesSql(t.type, table, computedColumns(t.type, computed)), [t.societyId, t.id]);
        } finally {
          await computed?.dispose?.();
        }
        if (tree.size !== rows) throw new Error(`wrote ${tree.size} lines for ${rows} staged rows`);
      }
      const written = Date.now();
      const committing: CommitContext = { ...this.hookContext(t, runner, quarter), linesTable: prepared?.table ?? p.table, rows, collected: read.collected };
      await p.hooks?.afterLines?.(committing);
      const previous = await this.submissions.lockPreviousCommitted(runner, t.societyId, t.type, t.period, t.id);
      const { logIndex, head } = await this.ledger.recordCommit(runner, {
        societyId: t.societyId,
        submissionId: t.id,
        type: t.type,
        period: t.period,
        entryDate: quarter.last,
        root: tree.root,
        chunks: tree.chunks,
        supersedes: previous ?? null,
        ...(prepared ? (prepared.journal ? { journal: prepared.journal } : { linesTable: prepared.table }) : {}),
      });
      const pause = this.pauseAt('commit');
      if (pause) await new Promise((r) => setTimeout(r, pause.ms));
      if (prepared) {
        // Attached last, just before the submission rows are written: ATTACH checks the
        // lines' foreign key to submissions, which locks that table against writes (SHARE
        // ROW EXCLUSIVE) until the commit, for every society's uploads and progress; the
        // journal and the log are written before, without that lock. (No statement before
        // it writes a submissions row, so two commits never hold a row lock on the table
        // while waiting for each other's table lock.)
        await attachSubmissionPartition(runner, prepared.spec, steps);
      }
      if (previous) await this.submissions.markSuperseded(runner, t.societyId, previous);
      await this.submissions.markCommitted(runner, {
        societyId: t.societyId,
        id: t.id,
        rows,
        root: tree.root,
        logIndex,
        supersedes: previous ?? null,
        mandatesKnownAt,
      });
      // Told in the same transaction: the event exists exactly when the commit does.
      const committed = await this.notifier.raise(runner.manager, {
        type: 'submission.committed',
        societyId: t.societyId,
        key: `submission.committed:${t.id}`,
        data: { submissionId: t.id, type: t.type, period: t.period, rows, root: tree.root.toString('hex'), logIndex, supersedes: previous ?? null },
        to: { societies: [t.societyId] },
      });
      // Last: what the input format does with a committed file (e.g. a works register, an ACK).
      await input?.afterCommit?.(committing);
      await runner.commitTransaction();
      await this.notifier.dispatch(committed);
      // The new head goes to the log's witnesses (LOG_WITNESSES), after the commit.
      await this.witnessing.afterCommit(t.societyId, head.treeSize);
      const done = Date.now();
      this.logger.debug(
        `commit of ${t.id}: ${prepared ? `prepared ${inTransaction - began} ms (${Object.entries(steps).filter(([k]) => k !== 'attach').map(([k, v]) => `${k} ${v} ms`).join(', ')}), ` : ''}` +
          `transaction ${done - inTransaction} ms (lines ${written - inTransaction} ms, journal, log and attach ${done - written} ms${steps.attach !== undefined ? `, attach ${steps.attach} ms` : ''})`,
      );
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  }

  /**
   * Before the committing transaction, for a partitioned package type: registers the
   * unknown holders, writes the lines as a table of their own (not yet part of the
   * lines table, so no reader sees them) and builds its indexes; meanwhile, on a second
   * connection, reads the leaf hashes back into the submission tree and sums the
   * journal. A crashed attempt's table is dropped first. The caller holds the
   * submission's advisory lock.
   */
  private async prepareLines(
    t: IngestTarget,
    table: string,
    runner: QueryRunner,
    client: pg.Client,
    rows: number,
    steps: Record<string, number>,
    smallTable: SmallTable | null,
  ): Promise<PreparedLines> {
    const p = PACKAGES[t.type];
    let last = Date.now();
    if (smallTable) {
      await p.hooks?.beforeLines?.(this.stagedContext(t, runner, table, true));
      steps.holders = Date.now() - last;
      return this.prepareSmallLines(t, table, runner, client, rows, steps, smallTable);
    }
    await ensureSocietyPartition(runner, p.table, t.societyId);
    await dropUnattachedSubmissionPartition(runner, p.table, t.id);
    const staged = this.stagedContext(t, runner, table, false);
    last = Date.now();
    await p.hooks?.beforeLines?.(staged);
    steps.holders = Date.now() - last;
    last = Date.now();
    const computed = await p.hooks?.computeColumns?.(staged);
    steps.mandates = Date.now() - last;
    const spec = { parent: p.table, societyId: t.societyId, submissionId: t.id, select: partitionSelectSql(t.type, table, t.societyId, t.id, computedColumns(t.type, computed)) };
    const partition = await createSubmissionPartition(runner, spec, steps).finally(async () => {
      await computed?.dispose?.();
    });
    const other = await this.bulkRunner();
    try {
      const otherClient = (await other.connect()) as pg.Client;
      // Both sides settle before the second connection goes back to the pool.
      const [indexed, read] = await Promise.allSettled([
        indexSubmissionPartition(runner, spec, steps),
        (async () => {
          last = Date.now();
          const leaves = await this.ledger.leavesOf(otherClient, partitionLeavesCopySql(partition));
          steps.read = Date.now() - last;
          const started = Date.now();
          // The tree is folded here while the database sums the journal.
          const [tree, journal] = await Promise.all([
            leaves.buildTreeInSlices().finally(() => (steps.tree = Date.now() - started)),
            this.ledger.journalSums(other, t.type, t.societyId, t.id, partition).finally(() => (steps.journal = Date.now() - started)),
          ]);
          return { tree, journal };
        })(),
      ]);
      if (indexed.status === 'rejected') throw indexed.reason;
      if (read.status === 'rejected') throw read.reason;
      const { tree, journal } = read.value;
      if (tree.size !== rows) throw new Error(`wrote ${tree.size} lines for ${rows} staged rows`);
      return { spec, table: partition, tree, journal, mandatesKnownAt: computed?.mandatesKnownAt ?? null };
    } finally {
      await this.releaseBulkRunner(other);
    }
  }

  /**
   * prepareLines for a small package (SMALL_PACKAGE_BYTES): the lines are INSERTed into
   * the table made meanwhile (makeSmallTable), their mandate status derived inside that
   * INSERT (mandateStatusSql as a subquery, no table of its own), their leaf hashes
   * streamed back from it (RETURNING) into the submission tree. The journal is summed by
   * the committing transaction's posting statement, from this table. The same table,
   * tree and sums as the bulk path.
   */
  private async prepareSmallLines(
    t: IngestTarget,
    table: string,
    runner: QueryRunner,
    client: pg.Client,
    rows: number,
    steps: Record<string, number>,
    smallTable: SmallTable,
  ): Promise<PreparedLines> {
    const p = PACKAGES[t.type];
    const computed = await p.hooks?.computeColumns?.(this.stagedContext(t, runner, table, true));
    try {
      const spec = { parent: p.table, societyId: t.societyId, submissionId: t.id, select: partitionSelectSql(t.type, table, t.societyId, t.id, computedColumns(t.type, computed)) };
      let last = Date.now();
      const made = await smallTable;
      steps.table = Date.now() - last;
      last = Date.now();
      const tree = await this.ledger.writeLines(client, smallSubmissionInsertSql(made, spec), []);
      steps.insert = Date.now() - last;
      if (tree.size !== rows) throw new Error(`wrote ${tree.size} lines for ${rows} staged rows`);
      return { spec, table: made.name, tree, mandatesKnownAt: computed?.mandatesKnownAt ?? null };
    } finally {
      await computed?.dispose?.();
    }
  }

  /** A hook's context while the package's validated rows are staged in `table`. */
  private stagedContext(t: IngestTarget, runner: QueryRunner, table: string, small: boolean): StagedContext {
    return { ...this.hookContext(t, runner), stagingTable: table, small };
  }

  /**
   * The mandate status of staged distribution lines (CommitServices.mandateStatus), from
   * the mandate register as known now (libs/mandates, mandateStatusSql: one row per
   * distinct holder, category, work type, territory and period of use whose holder has
   * any mandate; other lines are `no-mandate` or `unidentified`), with the moment read
   * (whole milliseconds, like the register's recordedAt), which the submission keeps.
   * A small package joins it as a subquery inside its INSERT; a large one writes it to a
   * table of its own first (analysed), dropped once the lines are written.
   */
  private async mandateStatus(t: IngestTarget, table: string, runner: QueryRunner, small: boolean): Promise<ComputedAtCommit> {
    const knownAt = await this.staging.registerMoment(runner);
    const columns = { mandate_status: `COALESCE(d.mandate_status, ${statusOfUnlistedSql('s')})`, mandate_ids: `COALESCE(d.mandate_ids, '{}'::uuid[])` };
    if (small) {
      const derived = `(${mandateStatusSql({ lines: table, society: `'${t.societyId}'::uuid`, knownAt: `'${knownAt}'::timestamptz` })})`;
      return { columns, joins: `LEFT JOIN ${derived} d ON ${statusJoinSql('s', 'd')}`, mandatesKnownAt: knownAt };
    }
    const derived = `${stagingTable(t.id)}_mandates`;
    await this.staging.deriveMandateStatus(runner, derived, table, t.societyId, knownAt);
    return {
      columns,
      joins: `LEFT JOIN ${derived} d ON ${statusJoinSql('s', 'd')}`,
      mandatesKnownAt: knownAt,
      dispose: () => this.staging.dropTable(runner, derived),
    };
  }

  /** The file's first 64 KiB (its header line and what it is made of). */
  private async readHead(file: string): Promise<Buffer> {
    const handle = await open(file);
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Turns a COPY failure (bad encoding, wrong number of fields, broken quoting) into a line-level problem. */
  private copyRejection(error: unknown): Error {
    const e = error as { message?: string; where?: string; code?: string };
    if (!e?.code || !/^(22|23)/.test(e.code)) return error as Error;
    const at = /line (\d+)(?:, column (\w+))?/.exec(e.where ?? '');
    const line = at ? Number(at[1]) : undefined;
    let message = e.message ?? 'the file could not be read';
    if (/invalid byte sequence for encoding "UTF8"/.test(message)) message = `is not valid UTF-8 (${message.replace(/^.*: /, 'bytes ')})`;
    else if (/extra data after last expected column/.test(message)) message = 'has more fields than the header';
    else if (/missing data for column/.test(message)) message = `has fewer fields than the header (${message})`;
    else if (/unterminated CSV quoted field/.test(message)) message = 'has a quoted field that is never closed';
    return new Rejection([{ line, ...(at?.[2] ? { column: at[2] } : {}), message }], 1, null);
  }

  private pauseAt(phase: 'staging' | 'commit'): { ms: number; done: boolean } | null {
    const spec = this.config.INGEST_PAUSE;
    if (!spec?.startsWith(`${phase}:`)) return null;
    return { ms: Number(spec.split(':')[1]), done: false };
  }
}
