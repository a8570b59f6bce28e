import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import type { InputProblem } from '../../../errors/src/index.js';
import { mandateStatusSql } from '../../../mandates/src/index.js';
import type { PackageType, Quarter } from '../../../package-catalogue/src/index.js';
import {
  copyNumberedSql,
  copySourceSql,
  copySql,
  createStagingSql,
  keepAllProblemsSql,
  type LineNumbering,
  type ProblemRow,
  registerUnknownHoldersSql,
  sessionStagingTable,
  validationSql,
  type ValidationSlice,
} from './ingest-sql.js';
import { problemRecord } from './problem-spill.js';

/** Where a package is staged: an unlogged table of its own, or (`session`) its connection's temporary one. */
export interface StagingPlace {
  table: string;
  session: boolean;
}

/**
 * The SQL of a package's ingest outside its lines and the ledger: the attempt's lock and
 * connection settings, the staging table (made, filled by COPY, analysed, validated,
 * emptied or dropped), the rejected package's problems, and the work the commit hooks'
 * services do on staged rows (holders registered, mandate status derived). Every method
 * runs on the connection it is given (the ingest's own, or a helper's).
 */
@Injectable()
export class StagingRepository {
  /** One attempt at a time per submission (a session-level advisory lock). */
  async lock(runner: QueryRunner, submissionId: string): Promise<void> {
    await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`ingest ${submissionId}`]);
  }

  async unlock(runner: QueryRunner, submissionId: string): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [`ingest ${submissionId}`]);
  }

  /**
   * Sets the connection up for bulk statements over generated SQL (JIT compiling them
   * costs more than it saves; the bulk index builds sort in memory, not on disk) and
   * drops what a crashed attempt left in `own`, in one round trip (a small package's
   * fixed costs add up). `small`: also a small package's planner setting
   * (randomPageCost), its session staging table made if need be and emptied if an
   * earlier attempt on this connection left rows.
   */
  async prepare(
    client: pg.Client,
    own: string,
    small?: { type: PackageType; numbering: LineNumbering; randomPageCost: number },
  ): Promise<StagingPlace> {
    const settings = `SET jit = off; SET work_mem = '128MB'; SET maintenance_work_mem = '256MB'; DROP TABLE IF EXISTS ${own}`;
    if (!small) {
      await client.query(settings);
      return { table: own, session: false };
    }
    const table = sessionStagingTable(small.type, small.numbering);
    const results = (await client.query(
      `${settings}; SET random_page_cost = ${small.randomPageCost}; ${createStagingSql(small.type, table, small.numbering, true)}; SELECT EXISTS (SELECT FROM ${table}) AS used`,
    )) as unknown as pg.QueryResult<{ used: boolean }>[];
    if (results[results.length - 1].rows[0].used) await client.query(`TRUNCATE ${table} RESTART IDENTITY`);
    return { table, session: true };
  }

  /** Undoes `prepare`'s settings. */
  async resetSettings(runner: QueryRunner): Promise<void> {
    await runner.query(`RESET jit; RESET work_mem; RESET maintenance_work_mem; RESET random_page_cost`);
  }

  /** Sets a helper connection up like the ingest's own for a bulk statement. */
  async bulkSettings(runner: QueryRunner): Promise<void> {
    await runner.query(`SET jit = off`);
    await runner.query(`SET work_mem = '128MB'`);
  }

  async resetBulkSettings(runner: QueryRunner): Promise<void> {
    await runner.query(`RESET jit; RESET work_mem`);
  }

  /** Makes the package's own (unlogged) staging table. */
  async create(runner: QueryRunner, type: PackageType, table: string, numbering: LineNumbering): Promise<void> {
    await runner.query(createStagingSql(type, table, numbering));
  }

  /** COPY into the staging table of a CSV file (header included) in the header's column order: a stream to pipe the file into. */
  copyCsv(client: pg.Client, table: string, headerOrder: string[]): CopyStreamQuery {
    return client.query(copyFrom(copySql(table, headerOrder)));
  }

  /** COPY of numbered CSV records (`line_no,"v1",…`, see NdjsonToCsv) into the staging table. */
  copyNumbered(client: pg.Client, type: PackageType, table: string): CopyStreamQuery {
    return client.query(copyFrom(copyNumberedSql(type, table)));
  }

  /** COPY of rows an input reader made (`line_no,source line,"v1",…`, see SourceRowsToCsv) into the staging table. */
  copySource(client: pg.Client, type: PackageType, table: string): CopyStreamQuery {
    return client.query(copyFrom(copySourceSql(type, table)));
  }

  /** A small sample is enough for the validating statement's plan (hash aggregates and joins). */
  async analyze(runner: QueryRunner, table: string): Promise<void> {
    await runner.query(`SET default_statistics_target = 10; ANALYZE ${table}; RESET default_statistics_target`);
  }

  /** Empties the connection's staging table, or drops the package's own. */
  async clear(runner: QueryRunner, place: StagingPlace): Promise<void> {
    await runner.query(place.session ? `TRUNCATE ${place.table} RESTART IDENTITY` : `DROP TABLE IF EXISTS ${place.table}`);
  }

  /** The problems of the staged rows (of `slice`, if given): validationSql. */
  validate(runner: QueryRunner, type: PackageType, q: Quarter, table: string, slice?: ValidationSlice, sourceLines = false): Promise<ProblemRow[]> {
    return runner.query(validationSql(type, q, table, slice, { sourceLines }));
  }

  /**
   * Writes every problem of a package being rejected to submission_problems: the
   * validating statement's over the whole staged `table` (null: nothing was staged), and
   * those set aside while staging (`listed`, then `more`), numbered in the API's order.
   */
  async keepAllProblems(
    runner: QueryRunner,
    client: pg.Client,
    target: { societyId: string; id: string; type: PackageType },
    quarter: Quarter,
    table: string | null,
    listed: InputProblem[],
    more: () => AsyncIterable<string>,
    sourceLines = false,
  ): Promise<void> {
    const staged = `pg_temp.problems_${target.id.replace(/-/g, '')}`;
    await runner.query(`DROP TABLE IF EXISTS ${staged}`);
    await runner.query(`CREATE TEMP TABLE ${staged} (line integer, col text, message text NOT NULL)`);
    try {
      const records = async function* () {
        let chunk = '';
        for (const p of listed) chunk += problemRecord(p);
        if (chunk !== '') yield chunk;
        yield* more();
      };
      await pipeline(Readable.from(records()), client.query(copyFrom(`COPY ${staged} (line, col, message) FROM STDIN WITH (FORMAT csv)`)));
      await runner.query(keepAllProblemsSql(target.type, quarter, table, staged, sourceLines), [target.societyId, target.id]);
    } finally {
      await runner.query(`DROP TABLE IF EXISTS ${staged}`).catch(() => undefined);
    }
  }

  /** registerUnknownHoldersSql over the staged rows of `table`, for the society. */
  async registerUnknownHolders(runner: QueryRunner, table: string, columns: { ipi: string; name: string }, societyId: string): Promise<void> {
    await runner.query(registerUnknownHoldersSql(table, columns), [societyId]);
  }

  /** The moment whose mandate register a package's derived status reflects: now, in whole milliseconds (like the register's recordedAt). */
  async registerMoment(runner: QueryRunner): Promise<string> {
    const [{ knownAt }]: { knownAt: string }[] = await runner.query(
      `SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "knownAt"`,
    );
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(knownAt)) throw new Error(`unexpected moment ${knownAt}`);
    return knownAt;
  }

  /**
   * Writes the mandate status of the staged distribution lines of `lines` (libs/mandates,
   * mandateStatusSql, as the register knew it at `knownAt`) to the unlogged table
   * `derived` (dropped first if a crashed attempt left it), analysed.
   */
  async deriveMandateStatus(runner: QueryRunner, derived: string, lines: string, societyId: string, knownAt: string): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS ${derived}`);
    await runner.query(`CREATE UNLOGGED TABLE ${derived} AS ${mandateStatusSql({ lines, society: '$1::uuid', knownAt: '$2::timestamptz' })}`, [societyId, knownAt]);
    await runner.query(`ANALYZE ${derived}`);
  }

  async dropTable(runner: QueryRunner, table: string): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
