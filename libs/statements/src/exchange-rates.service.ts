import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/src/index.js';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../../database/src/index.js';
import { DomainError, type InputProblem } from '../../errors/src/index.js';
import { eq, parseDecimal } from '../../money/src/index.js';
import { ExchangeRatesRepository, type RecordedRate } from './exchange-rates.repository.js';
import { explainIsoDate, parseRatesCsv } from './rates-csv.js';

/** A rate list's key: currency and day. */
const RATE_KEY = /^([A-Z]{3}) (\d{4}-\d{2}-\d{2})$/;
const isCalendarDate = (day: string) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** Largest rate table accepted in one upload (it is read into memory to be checked whole). */
export const MAX_RATE_TABLE_BYTES = 4 * 1024 * 1024;

export interface RateUpload {
  /** Rates recorded by this upload. */
  stored: number;
  /** Rates of the file that were already recorded with the same value. */
  unchanged: number;
  currencies: string[];
  /** First and last day of the file's rates (null for a file of EUR lines only). */
  from: string | null;
  to: string | null;
}

/**
 * The rate table statements convert with. Admins and regulators upload it as CSV;
 * everybody may read it. A recorded rate is never changed: uploading the same rate
 * again changes nothing, a different value for a recorded day and currency is a
 * conflict (409) and the upload stores nothing.
 */
@Injectable()
export class ExchangeRatesService {
  constructor(
    private readonly db: DataSource,
    private readonly rates: ExchangeRatesRepository,
  ) {}

  async upload(p: Principal, body: Readable): Promise<RateUpload> {
    const text = await readCapped(body, MAX_RATE_TABLE_BYTES);
    const parsed = parseRatesCsv(text);
    if (!parsed.ok) throw DomainError.validation(`The rate table has ${parsed.problems.length} problem(s); nothing was stored`, parsed.problems);
    const rows = parsed.rows;
    return this.db.transaction(async (m) => {
      await this.rates.lock(m);
      const existing = await this.rates.existing(m, rows);
      const conflicts: InputProblem[] = [];
      const fresh = rows.filter((r) => {
        const stored = existing.get(`${r.date} ${r.currency}`);
        if (stored === undefined) return true;
        if (!eq(parseDecimal(stored, { maxFractionDigits: 10 }), parseDecimal(r.rateToEur, { maxFractionDigits: 10 }))) {
          conflicts.push({ line: r.line, column: 'rate_to_eur', message: `${r.currency} on ${r.date} is recorded as ${stored}; a recorded rate is never changed` });
        }
        return false;
      });
      if (conflicts.length > 0) {
        throw new DomainError('conflict', `${conflicts.length} rate(s) differ from the recorded ones; nothing was stored`, conflicts);
      }
      const stored = await this.rates.insert(m, fresh, `${p.role}: ${p.label}`);
      const dates = rows.map((r) => r.date).sort();
      return {
        stored,
        unchanged: rows.length - fresh.length,
        currencies: [...new Set(rows.map((r) => r.currency))].sort(),
        from: dates[0] ?? null,
        to: dates[dates.length - 1] ?? null,
      };
    });
  }

  /** With a date, the rates in effect that day; without, every recorded rate (paged). */
  async read(q: { date?: string; currency?: string; limit: number; cursor?: string }): Promise<{ date: string | null; items: RecordedRate[]; nextCursor: string | null }> {
    if (q.date !== undefined) return { ...(await this.effective(q.date, q.currency)), nextCursor: null };
    return { date: null, ...(await this.list(q.currency, q.limit, q.cursor)) };
  }

  /** The rates in effect on `date` (the last recorded on or before it), per currency or for one. */
  async effective(date: string, currency: string | undefined): Promise<{ date: string; items: RecordedRate[] }> {
    const problem = explainIsoDate(date);
    if (problem) throw DomainError.validation('Invalid date', [{ field: 'date', message: problem }]);
    return { date, items: await this.rates.effective(date, currency ?? null) };
  }

  /** Every recorded rate (of one currency), by currency and day. */
  async list(currency: string | undefined, limit: number, cursor?: string): Promise<Page<RecordedRate>> {
    const key = decodeCursor(cursor, RATE_KEY);
    const after = key === null ? null : RATE_KEY.exec(key);
    if (after && !isCalendarDate(after[2])) throw invalidCursor();
    const rows = await this.rates.list(currency ?? null, after ? { currency: after[1], date: after[2] } : null, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor(`${last.currency} ${last.rateDate}`) : null };
  }
}

/**
 * The body as UTF-8 text, refused with 413 beyond `limit` bytes (the rest is read and
 * dropped, so that the connection can still carry the answer).
 */
async function readCapped(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  if (size > limit) throw new DomainError('payload-too-large', `A rate table may have at most ${limit} bytes (got ${size}); split the file`);
  return Buffer.concat(chunks).toString('utf8');
}
