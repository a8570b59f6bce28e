import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DateWindow } from './financial-years.js';

/** Which amount of a distribution line counts as "attributed": gross (the default) or net of deductions. */
export const AMOUNT_BASES = ['gross', 'net'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

/** Money attributed in one window to rights holders of one kind (null: unidentified lines), in one currency. */
export interface AttributedSum {
  /** Index of the window in the list asked for. */
  window: number;
  kind: string | null;
  currency: string;
  /** numeric text, 8 fraction digits */
  amount: string;
}

export interface HolderShareRow {
  rightsHolderId: string;
  name: string;
  kind: string;
  amount: string;
  /** How many identified holders earned anything in the window (the same on every row). */
  holders: number;
}

/**
 * Money attributed to rights holders by the committed distribution lines of a society.
 * Only lines of committed submissions count (a superseded or rejected package's do
 * not); a line belongs to a window when the end of its use period (`use_to`) lies in it.
 */
@Injectable()
export class MarketShareRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Sums per window, kind of rights holder and currency. Windows may overlap (a line is
   * counted once in each window it falls in).
   */
  async attributedByWindow(societyId: string, basis: AmountBasis, windows: readonly DateWindow[]): Promise<AttributedSum[]> {
    if (windows.length === 0) return [];
    const from = windows.reduce((min, w) => (w.from < min ? w.from : min), windows[0]!.from);
    const to = windows.reduce((max, w) => (w.to > max ? w.to : max), windows[0]!.to);
    return this.db.query(
      `SELECT (w.i - 1)::int AS "window", rh.kind, dl.currency, sum(dl.${column(basis)})::text AS amount
       FROM distribution_lines dl
       JOIN submissions s ON s.society_id = dl.society_id AND s.id = dl.submission_id
       JOIN unnest($2::date[], $3::date[]) WITH ORDINALITY AS w(from_date, to_date, i) ON dl.use_to BETWEEN w.from_date AND w.to_date
       LEFT JOIN rights_holders rh ON rh.id = dl.rights_holder_id
       WHERE dl.society_id = $1 AND s.status = 'committed' AND s.type = 'distribution-lines'
         AND dl.use_to BETWEEN $4::date AND $5::date
       GROUP BY w.i, rh.kind, dl.currency
       ORDER BY w.i, rh.kind, dl.currency`,
      [societyId, windows.map((w) => w.from), windows.map((w) => w.to), from, to],
    );
  }

  /** The identified rights holders with the most money attributed in `currency`, largest first. */
  async topHolders(societyId: string, basis: AmountBasis, currency: string, window: DateWindow, limit: number): Promise<HolderShareRow[]> {
    return this.db.query(
      `WITH per_holder AS (
         SELECT dl.rights_holder_id AS id, sum(dl.${column(basis)}) AS amount
         FROM distribution_lines dl
         JOIN submissions s ON s.society_id = dl.society_id AND s.id = dl.submission_id
         WHERE dl.society_id = $1 AND s.status = 'committed' AND s.type = 'distribution-lines'
           AND dl.currency = $2 AND dl.rights_holder_id IS NOT NULL AND dl.use_to BETWEEN $3::date AND $4::date
         GROUP BY dl.rights_holder_id
       )
       SELECT ph.id AS "rightsHolderId", rh.name, rh.kind, ph.amount::text AS amount, (count(*) OVER ())::int AS holders
       FROM per_holder ph JOIN rights_holders rh ON rh.id = ph.id
       ORDER BY ph.amount DESC, ph.id
       LIMIT $5`,
      [societyId, currency, window.from, window.to, limit],
    );
  }
}

/** The column of a basis (a closed list, never caller text, goes into the SQL). */
function column(basis: AmountBasis): 'gross' | 'net' {
  if (basis !== 'gross' && basis !== 'net') throw new RangeError(`unknown amount basis ${String(basis)}`);
  return basis;
}
