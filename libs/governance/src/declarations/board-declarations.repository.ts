import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { BoardDeclaration, NewBoardDeclaration } from './board-declaration.js';

const COLUMNS = `d.id, d.society_id AS "societyId", d.member_id AS "memberId", d.year::int AS year, d.version,
  (d.version = max(d.version) OVER (PARTITION BY d.society_id, d.year, d.member_id)) AS current,
  d.interests, trim_scale(d.remuneration)::text AS remuneration, d.currency,
  trim_scale(d.amounts_as_rightholder)::text AS "amountsAsRightholder", d.conflicts,
  to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt", d.recorded_by AS "recordedBy"`;

@Injectable()
export class BoardDeclarationsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Appends the declaration as the next version for its member and year. Two
   * declarations sent at once both land: the loser of the unique (year, member, version)
   * race takes the next number.
   */
  async append(societyId: string, d: NewBoardDeclaration, recordedBy: string): Promise<BoardDeclaration> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows: { id: string }[] = await this.db.query(
          `INSERT INTO board_declarations (society_id, member_id, year, version, interests, remuneration, currency, amounts_as_rightholder, conflicts, recorded_by)
           SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5::numeric, $6, $7::numeric, $8, $9
           FROM board_declarations WHERE society_id = $1 AND year = $3 AND member_id = $2
           RETURNING id`,
          [societyId, d.memberId, d.year, d.interests, d.remuneration, d.currency, d.amountsAsRightholder, d.conflicts, recordedBy],
        );
        return (await this.find(societyId, rows[0]!.id))!;
      } catch (e) {
        if ((e as { code?: string }).code !== '23505' || attempt >= 4) throw e;
      }
    }
  }

  async find(societyId: string, id: string): Promise<BoardDeclaration | null> {
    const rows: BoardDeclaration[] = await this.db.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM board_declarations d WHERE d.society_id = $1) x WHERE x.id = $2`,
      [societyId, id],
    );
    return rows[0] ?? null;
  }

  /** Every version (the current one flagged), optionally of one year and member, ordered by id for the cursor. */
  async list(societyId: string, q: { year: number | null; memberId: string | null; currentOnly: boolean }, limit: number, after: string | null): Promise<Page<BoardDeclaration>> {
    const rows: BoardDeclaration[] = await this.db.query(
      `SELECT * FROM (
         SELECT ${COLUMNS} FROM board_declarations d
         WHERE d.society_id = $1 AND ($2::int IS NULL OR d.year = $2::int) AND ($3::text IS NULL OR d.member_id = $3::text)
       ) x
       WHERE ($4::uuid IS NULL OR x.id > $4::uuid) AND (NOT $5::boolean OR x.current)
       ORDER BY x.id LIMIT $6`,
      [societyId, q.year, q.memberId, after, q.currentOnly, limit + 1],
    );
    return toPage(rows, limit, (r) => r.id);
  }

  /**
   * Whether `memberId` sits or sat on the society's board: in the registry or on a line
   * of a committed board package.
   */
  async isBoardMember(societyId: string, memberId: string): Promise<boolean> {
    const rows: { found: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM board_members WHERE society_id = $1 AND member_id = $2)
           OR EXISTS (SELECT 1 FROM board_lines l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
                      WHERE l.society_id = $1 AND l.member_id = $2 AND s.status IN ('committed', 'superseded')) AS found`,
      [societyId, memberId],
    );
    return rows[0]!.found;
  }
}
