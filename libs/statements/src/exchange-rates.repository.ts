import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RateNeed, RateUsed } from './figures.js';
import type { RateRow } from './rates-csv.js';

/** A recorded rate, with who uploaded it when. */
export interface RecordedRate extends RateUsed {
  uploadedAt: string;
  uploadedBy: string;
}

const COLUMNS = `to_char(rate_date, 'YYYY-MM-DD') AS "rateDate", currency, trim_scale(rate_to_eur)::text AS "rateToEur",
  to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "uploadedAt", uploaded_by AS "uploadedBy"`;

/** Every SQL statement about exchange rates (shared reference data, append-only). */
@Injectable()
export class ExchangeRatesRepository {
  constructor(private readonly db: DataSource) {}

  /** For each (currency, day): the last rate recorded on or before that day, if any. */
  async lastOnOrBefore(needs: RateNeed[]): Promise<Map<string, RateUsed>> {
    if (needs.length === 0) return new Map();
    const rows: { currency: string; day: string; rateDate: string; rateToEur: string }[] = await this.db.query(
      `SELECT n.currency, to_char(n.day, 'YYYY-MM-DD') AS day, to_char(r.rate_date, 'YYYY-MM-DD') AS "rateDate", trim_scale(r.rate_to_eur)::text AS "rateToEur"
       FROM unnest($1::bpchar[], $2::date[]) AS n(currency, day)
       CROSS JOIN LATERAL (
         SELECT e.rate_date, e.rate_to_eur FROM exchange_rates e
         WHERE e.currency = n.currency AND e.rate_date <= n.day ORDER BY e.rate_date DESC LIMIT 1
       ) r`,
      [needs.map((n) => n.currency), needs.map((n) => n.on)],
    );
    return new Map(rows.map((r) => [`${r.currency}@${r.day}`, { currency: r.currency, rateDate: r.rateDate, rateToEur: r.rateToEur }]));
  }

  /** The rows of `rows` already recorded, with their stored value (for idempotence and conflicts). */
  async existing(m: EntityManager, rows: RateRow[]): Promise<Map<string, string>> {
    const found: { key: string; rateToEur: string }[] = await m.query(
      `SELECT to_char(e.rate_date, 'YYYY-MM-DD') || ' ' || e.currency AS key, trim_scale(e.rate_to_eur)::text AS "rateToEur"
       FROM unnest($1::date[], $2::bpchar[]) AS n(rate_date, currency)
       JOIN exchange_rates e ON e.rate_date = n.rate_date AND e.currency = n.currency`,
      [rows.map((r) => r.date), rows.map((r) => r.currency)],
    );
    return new Map(found.map((f) => [f.key, f.rateToEur]));
  }

  /** Inserts the rates (none of which is recorded yet); returns how many. */
  async insert(m: EntityManager, rows: RateRow[], uploadedBy: string): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await m.query(
      `INSERT INTO exchange_rates (rate_date, currency, rate_to_eur, uploaded_by)
       SELECT n.rate_date, n.currency, n.rate, $4 FROM unnest($1::date[], $2::text[], $3::numeric[]) AS n(rate_date, currency, rate)
       RETURNING 1`,
      [rows.map((r) => r.date), rows.map((r) => r.currency), rows.map((r) => r.rateToEur), uploadedBy],
    );
    return inserted.length;
  }

  /** Serialises uploads (so two cannot both find a rate missing and insert it). */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE exchange_rates IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** Per currency (or only `currency`), the rate in effect on `day`: the last recorded on or before it. */
  effective(day: string, currency: string | null): Promise<RecordedRate[]> {
    return this.db.query(
      `SELECT DISTINCT ON (currency) ${COLUMNS} FROM exchange_rates
       WHERE rate_date <= $1::date AND ($2::bpchar IS NULL OR currency = $2::bpchar)
       ORDER BY currency, rate_date DESC`,
      [day, currency],
    );
  }

  /** Recorded rates by currency and day, after the key `after` ("CUR YYYY-MM-DD"). */
  list(currency: string | null, after: { currency: string; date: string } | null, limit: number): Promise<RecordedRate[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM exchange_rates
       WHERE ($1::bpchar IS NULL OR currency = $1::bpchar)
         AND ($2::bpchar IS NULL OR (currency, rate_date) > ($2::bpchar, $3::date))
       ORDER BY currency, rate_date LIMIT $4`,
      [currency, after?.currency ?? null, after?.date ?? null, limit],
    );
  }
}
