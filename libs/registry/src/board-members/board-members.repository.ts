import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { BoardMember, NewBoardMember } from './board-member.js';

const COLUMNS = `id, society_id AS "societyId", member_id AS "memberId", name, constituency,
  to_char(seat_from, 'YYYY-MM-DD') AS "seatFrom", to_char(seat_to, 'YYYY-MM-DD') AS "seatTo",
  rights_holder_id AS "rightsHolderId", organisation,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"`;

@Injectable()
export class BoardMembersRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: NewBoardMember): Promise<BoardMember> {
    const rows: BoardMember[] = await this.db.query(
      `INSERT INTO board_members (society_id, member_id, name, constituency, seat_from, seat_to, rights_holder_id, organisation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [m.societyId, m.memberId, m.name, m.constituency, m.seatFrom, m.seatTo, m.rightsHolderId, m.organisation],
    );
    return rows[0];
  }

  /** Members whose seat covers `at` (all members when `at` is null). */
  async list(societyId: string, at: string | null, limit: number, after: string | null): Promise<Page<BoardMember>> {
    const rows: BoardMember[] = await this.db.query(
      `SELECT ${COLUMNS} FROM board_members
       WHERE society_id = $1 AND ($2::date IS NULL OR (seat_from <= $2::date AND (seat_to IS NULL OR seat_to >= $2::date)))
         AND ($3::uuid IS NULL OR id > $3::uuid)
       ORDER BY id LIMIT $4`,
      [societyId, at, after, limit + 1],
    );
    return toPage(rows, limit, (m) => m.id);
  }
}
