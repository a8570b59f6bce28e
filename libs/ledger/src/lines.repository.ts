import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { leafHashSql, leafJsonSql, PACKAGES, type PackageType } from '../../package-catalogue/src/index.js';
import { bindUuids } from './sql.js';

type Db = QueryRunner | DataSource;

/** A committed submission as the ledger sees it. */
export interface LoggedSubmission {
  id: string;
  societyId: string;
  type: PackageType;
  status: string;
  /** Number of lines. */
  rows: number | null;
  root: Buffer | null;
  logIndex: number | null;
}

/** How a request names a line: by the package's id column, or by its line number in the file. */
export type LineRef = { id: string } | { lineNo: number };

/** One stored line, with its leaf data recomputed from its columns. */
export interface StoredLine {
  lineNo: number;
  /** The RFC 8785 canonical JSON of the stored columns: the leaf data. */
  leaf: string;
  leafHash: Buffer;
  rightsHolderId: string | null;
}

/** Every SQL statement that reads committed lines (of any package type) for proofs and verification. */
@Injectable()
export class LinesRepository {
  constructor(private readonly db: DataSource) {}

  /** A submission, if it belongs to one of `societyIds` (null: any society). */
  async submission(id: string, societyIds: string[] | null): Promise<LoggedSubmission | undefined> {
    const rows: (LoggedSubmission & { rows: string | null; logIndex: string | null })[] = await this.db.query(
      `SELECT id, society_id AS "societyId", type, status, rows, root, log_index AS "logIndex"
       FROM submissions WHERE id = $1 AND ($2::uuid[] IS NULL OR society_id = ANY($2::uuid[]))`,
      [id, societyIds],
    );
    const row = rows[0];
    return row && { ...row, rows: row.rows === null ? null : Number(row.rows), logIndex: row.logIndex === null ? null : Number(row.logIndex) };
  }

  /** The submissions of a society by id (those the log or the status says are committed). */
  async submissionsOf(q: Db, societyId: string): Promise<LoggedSubmission[]> {
    const rows: (LoggedSubmission & { rows: string | null; logIndex: string | null })[] = await q.query(
      `SELECT id, society_id AS "societyId", type, status, rows, root, log_index AS "logIndex"
       FROM submissions WHERE society_id = $1 AND (status IN ('committed', 'superseded') OR log_index IS NOT NULL)`,
      [societyId],
    );
    return rows.map((row) => ({ ...row, rows: row.rows === null ? null : Number(row.rows), logIndex: row.logIndex === null ? null : Number(row.logIndex) }));
  }

  /** One line of a submission (ids are unique within a package), its leaf data recomputed from the stored columns. */
  async line(s: LoggedSubmission, ref: LineRef): Promise<StoredLine | undefined> {
    const p = PACKAGES[s.type];
    const holder = s.type === 'distribution-lines' ? 'l.rights_holder_id' : 'NULL::uuid';
    const where = 'id' in ref ? `l.${p.idColumn!} = $3` : `l.line_no = $3`;
    const rows: StoredLine[] = await this.db.query(
      `SELECT l.line_no AS "lineNo", ${leafJsonSql(s.type, 'l')} AS leaf, l.leaf_hash AS "leafHash", ${holder} AS "rightsHolderId"
       FROM ${p.table} l WHERE l.society_id = $1 AND l.submission_id = $2 AND ${where}`,
      [s.societyId, s.id, 'id' in ref ? ref.id : ref.lineNo],
    );
    return rows[0];
  }

  /**
   * The line numbers and stored leaf hashes of up to `limit` lines from line
   * `fromLineNo` on, in line order (all the submission's lines by default).
   */
  async leaves(s: LoggedSubmission, fromLineNo = 0, limit: number | null = null): Promise<{ lineNos: number[]; hashes: Buffer[] }> {
    const rows: { line_no: number; leaf_hash: Buffer }[] = await this.db.query(
      `SELECT line_no, leaf_hash FROM ${PACKAGES[s.type].table} WHERE society_id = $1 AND submission_id = $2 AND line_no >= $3 ORDER BY line_no LIMIT $4`,
      [s.societyId, s.id, fromLineNo, limit],
    );
    return { lineNos: rows.map((r) => r.line_no), hashes: rows.map((r) => r.leaf_hash) };
  }

  /**
   * A `COPY … TO STDOUT` of every line of a submission in line order (or of the lines
   * numbered `from` ≤ line_no < `below`), as `line_no<TAB>leaf hash recomputed from
   * the columns, hex<TAB>t|f`, the last column telling whether the stored leaf_hash
   * equals the recomputed one.
   */
  recomputedLeavesCopySql(s: LoggedSubmission, range: { from?: number; below?: number } = {}): string {
    const bound = (n: number | undefined, op: string) => {
      if (n === undefined) return '';
      if (!Number.isSafeInteger(n)) throw new Error(`not a line number: ${n}`);
      return ` AND l.line_no ${op} ${n}`;
    };
    // OFFSET 0 keeps the subquery whole: the hash is computed once a line, not once for
    // the hex and again for the comparison (a flattened subquery repeats the expression).
    const sql = `COPY (
      SELECT x.line_no, encode(x.h, 'hex'), x.h IS NOT DISTINCT FROM x.leaf_hash
      FROM (SELECT l.line_no, l.leaf_hash, ${leafHashSql(s.type, 'l')} AS h
            FROM ${PACKAGES[s.type].table} l
            WHERE l.society_id = $1 AND l.submission_id = $2${bound(range.from, '>=')}${bound(range.below, '<')}
            ORDER BY l.line_no OFFSET 0) x
      ORDER BY x.line_no) TO STDOUT`;
    return bindUuids(sql, [s.societyId, s.id]);
  }

  /** The line ids of the given line numbers (the id column, or `#<line number>` for types without one). */
  async lineIds(q: Db, s: LoggedSubmission, lineNos: number[]): Promise<Map<number, string>> {
    const idColumn = PACKAGES[s.type].idColumn;
    const rows: { lineNo: number; lineId: string }[] = await q.query(
      `SELECT line_no AS "lineNo", ${idColumn ? idColumn : `'#' || line_no`} AS "lineId"
       FROM ${PACKAGES[s.type].table} WHERE society_id = $1 AND submission_id = $2 AND line_no = ANY($3::int[])`,
      [s.societyId, s.id, lineNos],
    );
    return new Map(rows.map((r) => [r.lineNo, r.lineId]));
  }
}
