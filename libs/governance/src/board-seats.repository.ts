import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Where the seats of a board on a date were read from. */
export type BoardSource =
  | { kind: 'board-package'; submissionId: string; period: string }
  | { kind: 'registry' }
  | { kind: 'none' };

export interface BoardOnDate {
  date: string;
  source: BoardSource;
  /** Seats held on the date per board constituency (`authors`, …). */
  seats: Record<string, number>;
}

/**
 * The actual board of a society on given dates. A committed `board` package wins over the
 * registry (board_members): the latest one (by period) whose quarter began on or before
 * the date and that seats someone on it is the society's own sworn statement of its
 * board; without one, the seats recorded in the registry on that date count.
 */
@Injectable()
export class BoardSeatsRepository {
  constructor(private readonly db: DataSource) {}

  async seatsOn(societyId: string, dates: readonly string[]): Promise<Map<string, BoardOnDate>> {
    const result = new Map<string, BoardOnDate>(dates.map((date) => [date, { date, source: { kind: 'none' }, seats: {} }]));
    if (dates.length === 0) return result;
    const packaged: { date: string; submissionId: string; period: string; constituency: string; seats: number }[] = await this.db.query(
      `SELECT to_char(d.date, 'YYYY-MM-DD') AS date, p.id AS "submissionId", p.period, b.constituency, count(*)::int AS seats
       FROM unnest($2::date[]) AS d(date)
       CROSS JOIN LATERAL (
         SELECT s.id, s.period FROM submissions s
         WHERE s.society_id = $1 AND s.type = 'board' AND s.status = 'committed'
           AND make_date(left(s.period, 4)::int, (right(s.period, 1)::int - 1) * 3 + 1, 1) <= d.date
           AND EXISTS (SELECT 1 FROM board_lines l WHERE l.society_id = s.society_id AND l.submission_id = s.id
                         AND l.seat_from <= d.date AND (l.seat_to IS NULL OR l.seat_to >= d.date))
         ORDER BY s.period DESC, s.finished_at DESC NULLS LAST, s.id
         LIMIT 1
       ) p
       JOIN board_lines b ON b.society_id = $1 AND b.submission_id = p.id
         AND b.seat_from <= d.date AND (b.seat_to IS NULL OR b.seat_to >= d.date)
       GROUP BY d.date, p.id, p.period, b.constituency`,
      [societyId, dates],
    );
    for (const row of packaged) {
      const entry = result.get(row.date)!;
      entry.source = { kind: 'board-package', submissionId: row.submissionId, period: row.period };
      entry.seats[row.constituency] = row.seats;
    }
    const registered: { date: string; constituency: string; seats: number }[] = await this.db.query(
      `SELECT to_char(d.date, 'YYYY-MM-DD') AS date, m.constituency, count(*)::int AS seats
       FROM unnest($2::date[]) AS d(date)
       JOIN board_members m ON m.society_id = $1 AND m.seat_from <= d.date AND (m.seat_to IS NULL OR m.seat_to >= d.date)
       GROUP BY d.date, m.constituency`,
      [societyId, dates],
    );
    for (const row of registered) {
      const entry = result.get(row.date)!;
      if (entry.source.kind === 'board-package') continue;
      entry.source = { kind: 'registry' };
      entry.seats[row.constituency] = row.seats;
    }
    return result;
  }
}
