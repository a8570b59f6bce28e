import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import type { Page } from '../../database/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { DecimalValue, formatAmount, minorUnitsOf } from '../../money/src/index.js';
import { formatMinorUnits } from './conversion.js';
import { StatementCorrectionsRepository } from './corrections.js';
import { ExchangeRatesRepository } from './exchange-rates.repository.js';
import { type HolderLine, MissingRateError, type RateBook, type RateUsed, buildFigures, convertLine, rateNeeds } from './figures.js';
import { type HolderScope, HolderScopeService } from './holder-scope.js';
import { decodeLineCursor, lineCursor, proofUrl } from './line-keys.js';
import { type OverdueFigures, type Statement, toStatement } from './statement.js';
import { art13Deadline, overdueDays } from './overdue.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { staleRates } from './stale-rates.js';
import { statementCsv } from './statement-csv.js';
import type { Lang } from '../../i18n/src/index.js';
import { statementPdf } from './statement-pdf.js';
import { StatementsRepository } from './statements.repository.js';

export const STATEMENT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface StatementQuery {
  year: number;
  /** ISO 4217 code of the statement currency. */
  currency: string;
}

/** A statement in the asked format: the JSON document, or CSV text, or PDF bytes, with how to serve it. */
export type RenderedStatement =
  | { format: 'json'; body: Statement }
  | { format: 'csv' | 'pdf'; body: string | Buffer; contentType: string; filename: string };

/** One line of a statement, in its own currency and in the statement's, with the proof that it is in the log. */
export interface StatementLine {
  societyId: string;
  societyName: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
  category: string;
  useType: string;
  territory: string;
  workIswc: string | null;
  workTitle: string;
  useFrom: string;
  useTo: string;
  status: string;
  paidOn: string | null;
  /** Art. 13(1): nine months after the end of the society's financial year in which the use ended. */
  deadline: string;
  /** Days past the deadline, unpaid (null when paid or not yet due). */
  overdueDays: number | null;
  mandateBasis: string;
  original: { currency: string; gross: string; managementFee: string; otherDeductions: string; net: string };
  converted: { currency: string; gross: string; managementFee: string; otherDeductions: string; net: string };
  /** The rates that converted it (none when it is in the statement currency). */
  rates: RateUsed[];
  /** GET it for the line's inclusion proof in the society's signed log. */
  proof: string;
}

/**
 * Rights-holder statements (Directive Art. 18): per society what it attributed,
 * deducted, paid and still owes the holder in a year, converted to one currency by
 * recorded rates, with the signed log head each society's part was built from and
 * every line's proof.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly rates: ExchangeRatesRepository,
    private readonly scopes: HolderScopeService,
    private readonly corrections: StatementCorrectionsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The statement: one query for the caller's view when it is a society (the member
   * rule), then one query for everything else (see StatementsRepository.statement).
   */
  async statement(p: Principal, holderId: string, q: StatementQuery): Promise<Statement> {
    const view = await this.scopes.view(p, holderId);
    const found = await this.statements.statement(holderId, yearBounds(q.year), q.currency, view.societyIds, view.mandates);
    if (!found) throw DomainError.notFound('Rights holder', holderId);
    const { from, to } = yearBounds(q.year);
    const corrections = await this.corrections.forHolder(holderId, from, to, view.societyIds);
    const rates = new Map<string, RateUsed>();
    for (const s of found.societies) for (const r of s.rates) rates.set(`${r.currency}@${r.on}`, r.rate);
    const figures = withRates(() =>
      buildFigures(
        found.societies.flatMap((s) => s.lines),
        q.currency,
        (currency, on) => rates.get(`${currency}@${on}`),
        found.societies.map((s) => s.societyId),
      ),
    );
    const asOf = this.clock.today();
    const book: RateBook = (currency, on) => rates.get(`${currency}@${on}`);
    const overdue = new Map<string, OverdueFigures>();
    for (const s of found.societies) {
      let o: OverdueFigures | undefined;
      for (const line of s.lines) {
        const deadline = art13Deadline(line.useTo, s.fyEnd);
        const days = overdueDays(line, deadline, asOf);
        if (days === null) continue;
        o ??= { units: 0n, lines: 0, oldestDeadline: null, maxOverdueDays: null };
        o.units += withRates(() => convertLine(line, q.currency, book)).net;
        o.lines += 1;
        if (o.oldestDeadline === null || deadline < o.oldestDeadline) o.oldestDeadline = deadline;
        o.maxOverdueDays = Math.max(o.maxOverdueDays ?? 0, days);
      }
      if (o) overdue.set(s.societyId, o);
    }
    return toStatement(figures, {
      corrections,
      asOf,
      overdue,
      rightsHolderId: holderId,
      rightsHolderName: found.holder.name,
      rightsHolderIpi: found.holder.ipi,
      year: q.year,
      societies: new Map(found.societies.map((s) => [s.societyId, { name: s.societyName, head: s.head, mandates: s.mandates, contact: s.contact }])),
      staleRates: {
        maxAgeDays: this.config.RATE_MAX_AGE_DAYS,
        rates: staleRates(
          found.societies.flatMap((s) => s.lines),
          q.currency,
          book,
          this.config.RATE_MAX_AGE_DAYS,
        ),
      },
    });
  }

  /** The statement as JSON, CSV (one row per society × category × type of use) or PDF. */
  async render(p: Principal, holderId: string, q: StatementQuery & { format: StatementFormat; lang?: Lang }): Promise<RenderedStatement> {
    const statement = await this.statement(p, holderId, q);
    if (q.format === 'json') return { format: 'json', body: statement };
    const filename = `statement-${q.year}-${q.currency}-${holderId}.${q.format}`;
    if (q.format === 'csv') return { format: 'csv', body: statementCsv(statement), contentType: 'text/csv; charset=utf-8', filename };
    const linesUrl = `/v1/rights-holders/${holderId}/statement/lines?year=${q.year}&currency=${q.currency}`;
    return { format: 'pdf', body: await statementPdf(statement, { linesUrl, lang: q.lang ?? 'en' }), contentType: 'application/pdf', filename };
  }

  /**
   * The statement's lines, a page at a time, each converted exactly as the statement
   * converts it (so the converted amounts of all pages add up to its totals), with its
   * proof URL. `societyId` narrows to one society.
   */
  async lines(p: Principal, holderId: string, q: StatementQuery & { societyId?: string; limit: number; cursor?: string }): Promise<Page<StatementLine>> {
    const after = decodeLineCursor(q.cursor);
    const scope = await this.scopes.scope(p, holderId);
    const { from, to } = yearBounds(q.year);
    const societyIds = narrow(scope, q.societyId);
    const rows = await this.statements.linesPage(holderId, from, to, societyIds, after, q.limit + 1);
    const items = rows.slice(0, q.limit);
    const book = await this.rateBook(items, q.currency);
    const asOf = this.clock.today();
    return {
      items: items.map((line) => {
        const c = withRates(() => convertLine(line, q.currency, book));
        const f = (units: bigint) => formatMinorUnits(units, q.currency);
        const o = (amount: string) => displayAmount(amount, line.currency);
        return {
          societyId: line.societyId,
          societyName: line.societyName,
          submissionId: line.submissionId,
          lineNo: line.lineNo,
          lineId: line.lineId,
          category: line.category,
          useType: line.useType,
          territory: line.territory,
          workIswc: line.workIswc,
          workTitle: line.workTitle,
          useFrom: line.useFrom,
          useTo: line.useTo,
          status: line.status,
          paidOn: line.paidOn,
          deadline: art13Deadline(line.useTo, { month: line.fyEndMonth, day: line.fyEndDay }),
          overdueDays: overdueDays(line, art13Deadline(line.useTo, { month: line.fyEndMonth, day: line.fyEndDay }), asOf),
          mandateBasis: line.mandateBasis,
          original: { currency: line.currency, gross: o(line.gross), managementFee: o(line.managementFee), otherDeductions: o(line.otherDeductions), net: o(line.net) },
          converted: { currency: q.currency, gross: f(c.gross), managementFee: f(c.managementFee), otherDeductions: f(c.otherDeductions), net: f(c.net) },
          rates: c.rates,
          proof: proofUrl(line.submissionId, line.lineId),
        };
      }),
      nextCursor: rows.length > q.limit ? lineCursor(items[items.length - 1]) : null,
    };
  }

  /** The rates converting `lines` to `currency` need, looked up in one query. */
  private async rateBook(lines: HolderLine[], currency: string): Promise<RateBook> {
    const found = await this.rates.lastOnOrBefore(rateNeeds(lines, currency));
    return (c, on) => found.get(`${c}@${on}`);
  }
}

function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The societies a lines query looks at: the caller's scope, narrowed to `societyId` when given. */
function narrow(scope: HolderScope, societyId: string | undefined): string[] | null {
  if (societyId === undefined) return scope.societyIds;
  if (scope.societyIds && !scope.societyIds.includes(societyId)) return [];
  return [societyId];
}

/** Runs a conversion, turning a missing rate into a 422 that names the currency and the day. */
function withRates<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MissingRateError) {
      throw new DomainError(
        'unprocessable',
        `${error.message}: record it (POST /v1/exchange-rates) or ask for the statement in another currency`,
        [{ field: 'currency', message: `no exchange rate for ${error.currency} on or before ${error.on}` }],
        { missingRate: { currency: error.currency, date: error.on } },
        { cause: error },
      );
    }
    throw error;
  }
}

/** A stored amount (numeric text) with the currency's minor-unit digits, or all its digits when it has more. */
function displayAmount(text: string, currency: string): string {
  const value = new DecimalValue(text);
  const scale = minorUnitsOf(currency);
  return value.decimalPlaces() <= scale ? formatAmount(value, scale) : formatAmount(value);
}
