import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { quartersOf } from '../../audit/src/rules/governance-transparency.js';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { financialYear as financialYearOf, LogRepository } from '../../ledger/src/index.js';
import { addMonths } from '../../mandates/src/index.js';
import { canonicalJson } from '../../merkle/src/index.js';
import { SocietiesService, type Society } from '../../registry/src/index.js';
import { type BoardSource, type Head, type ReportInput, type TransparencyReport, boardCandidates, buildReport, currentSubmissions } from './report.js';
import { transparencyCsv } from './report-csv.js';
import type { Lang } from '../../i18n/src/index.js';
import { transparencyPdf } from './report-pdf.js';
import { TransparencyRepository } from './transparency.repository.js';

export const TRANSPARENCY_FORMATS = ['json', 'csv', 'pdf'] as const;
export type TransparencyFormat = (typeof TRANSPARENCY_FORMATS)[number];

/** Financial years the report is computed for (as audits take them). */
export const REPORT_YEAR_RANGE = { min: 1900, max: 9999 } as const;

/** How many computed reports a process keeps (each is tens of kilobytes). */
const KEPT_REPORTS = 64;

/** Months after the financial year end by which the report is published (Art. 22(1); RULES.md: 8). */
export const PUBLICATION_MONTHS = 8;

export interface TransparencyQuery {
  financialYear: number | undefined;
  /** Reproduce the report at an older signed head of this size (default: the latest head). */
  asOfTreeSize?: number;
}

/** The report in the asked format, with how to serve it. */
export interface RenderedTransparencyReport {
  format: TransparencyFormat;
  body: Buffer | string;
  contentType: string;
  filename: string;
  /** SHA-256 (hex) of the report's canonical JSON, whatever the format served. */
  sha256: string;
}

/** The report's published JSON bytes: RFC 8785 canonical JSON, UTF-8. */
export function transparencyJsonBytes(report: TransparencyReport): Buffer {
  return Buffer.from(canonicalJson(report), 'utf8');
}

/**
 * The annual transparency report of a society (Art. 22 and Annex), computed on request
 * from its signed log: pinned to one signed tree head (the latest, or the one of size
 * `asOfTreeSize`), so the same head gives the same report and the same bytes.
 *
 * Who reads it: admins and regulators any society's; a society its own (another one's is
 * a 404, as everywhere); rights holders any society's — the report is public by law
 * (Art. 22(1): published on the society's website and kept public for five years), and
 * it holds only sums and the board, no rights holder's lines.
 */
@Injectable()
export class TransparencyService {
  /** Reports already computed, by what fixes them (least recently used first). */
  private readonly kept = new Map<string, TransparencyReport>();

  constructor(
    private readonly db: DataSource,
    private readonly repository: TransparencyRepository,
    private readonly log: LogRepository,
    private readonly societies: SocietiesService,
  ) {}

  async report(p: Principal, societyId: string, q: TransparencyQuery): Promise<TransparencyReport> {
    const society = await this.readable(p, societyId);
    const year = q.financialYear;
    if (year === undefined) {
      throw DomainError.validation('The financial year is required', [{ field: 'financialYear', message: 'is required (YYYY, the calendar year the financial year ends in)' }]);
    }
    if (!Number.isInteger(year) || year < REPORT_YEAR_RANGE.min || year > REPORT_YEAR_RANGE.max) {
      throw DomainError.validation('The financial year is invalid', [{ field: 'financialYear', message: `must be a whole year from ${REPORT_YEAR_RANGE.min} to ${REPORT_YEAR_RANGE.max}` }]);
    }
    const fy = financialYearOf(year, society.fyEndMonth, society.fyEndDay);
    const quarters = quartersOf(fy);

    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      // One snapshot for every statement; nothing here writes.
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const signed = await this.log.head(societyId, q.asOfTreeSize, runner);
      if (q.asOfTreeSize !== undefined && !signed) {
        const latest = await this.log.head(societyId, undefined, runner);
        throw DomainError.validation('No signed head of that size', [
          { field: 'asOfTreeSize', message: `no signed head of the society's log has tree size ${q.asOfTreeSize} (the latest has ${latest?.treeSize ?? 0})` },
        ]);
      }
      const head: Head = signed
        ? { societyId, cisacCode: society.cisacCode, treeSize: signed.treeSize, rootHash: signed.rootHash, timestamp: signed.timestamp, origin: signed.origin ?? null, signature: signed.signature, keyId: signed.keyId }
        : { societyId, cisacCode: society.cisacCode, treeSize: 0, rootHash: null, timestamp: null, origin: null, signature: null, keyId: null };

      // Pinned to a head, the report is fixed: the same head, year and society record give
      // the same report, kept for the next reader (a public report is read many times).
      const key = JSON.stringify([society.id, society.name, society.cisacCode, society.country, society.currency, society.fyEndMonth, society.fyEndDay, year, head.treeSize, head.rootHash, head.timestamp, head.keyId]);
      const kept = this.kept.get(key);
      if (kept) {
        this.kept.delete(key); // most recently used last
        this.kept.set(key, kept);
        return kept;
      }

      const logged = head.treeSize === 0 ? [] : await this.repository.logged(runner, societyId, head.treeSize);
      const ids = (type: Parameters<typeof currentSubmissions>[2]) => currentSubmissions(logged, quarters, type).map((s) => s.submissionId);
      const distribution = ids('distribution-lines');
      const input: ReportInput = {
        society: { id: society.id, name: society.name, cisacCode: society.cisacCode, country: society.country, currency: society.currency, fyEndMonth: society.fyEndMonth, fyEndDay: society.fyEndDay },
        financialYear: year,
        period: { from: fy.from, to: fy.to },
        quarters,
        publicationDeadline: addMonths(fy.to, PUBLICATION_MONTHS),
        head,
        logged,
        income: await this.repository.income(runner, societyId, ids('income')),
        deductions: await this.repository.deductions(runner, societyId, ids('deductions')),
        socialCulturalLines: await this.repository.socialCulturalLines(runner, societyId, currentSubmissions(logged, quarters, 'deductions')),
        distribution: await this.repository.distribution(runner, societyId, distribution),
        holders: await this.repository.holders(runner, societyId, distribution),
        interSociety: await this.repository.interSociety(runner, societyId, ids('inter-society')),
        undistributed: await this.repository.undistributed(runner, societyId, ids('undistributed')),
        board: await this.board(runner, societyId, logged, fy.to, head),
        declarations: await this.repository.declarations(runner, societyId, year, head.timestamp),
      };
      const report = buildReport(input);
      this.kept.set(key, report);
      if (this.kept.size > KEPT_REPORTS) this.kept.delete(this.kept.keys().next().value!);
      return report;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Drops the reports kept so far: the next request computes its report again. */
  forgetReports(): void {
    this.kept.clear();
  }

  /** The report as canonical JSON, CSV or PDF. */
  async render(p: Principal, societyId: string, q: TransparencyQuery & { format: TransparencyFormat; lang?: Lang }): Promise<RenderedTransparencyReport> {
    const report = await this.report(p, societyId, q);
    const json = transparencyJsonBytes(report);
    const sha256 = createHash('sha256').update(json).digest('hex');
    const filename = `transparency-report-${report.society.cisacCode}-FY${report.financialYear}-tree${report.head.treeSize}.${q.format}`;
    if (q.format === 'csv') return { format: 'csv', body: transparencyCsv(report), contentType: 'text/csv; charset=utf-8', filename, sha256 };
    if (q.format === 'pdf') return { format: 'pdf', body: await transparencyPdf(report, sha256, { lang: q.lang ?? 'en' }), contentType: 'application/pdf', filename, sha256 };
    return { format: 'json', body: json, contentType: 'application/json; charset=utf-8', filename, sha256 };
  }

  /** The board on the year's last day: from the log's board packages, else the registry as recorded by the head's time. */
  private async board(runner: Parameters<TransparencyRepository['logged']>[0], societyId: string, logged: ReportInput['logged'], date: string, head: Head): Promise<ReportInput['board']> {
    const packaged = await this.repository.boardFromPackages(runner, societyId, boardCandidates(logged, date).map((c) => c.submissionId), date);
    if (packaged) {
      const period = logged.find((l) => l.submissionId === packaged.submissionId)!.period;
      return { source: { kind: 'board-package', submissionId: packaged.submissionId, period }, members: packaged.members };
    }
    const registered = await this.repository.boardFromRegistry(runner, societyId, date, head.timestamp);
    const source: BoardSource = registered.length > 0 ? { kind: 'registry' } : { kind: 'none' };
    return { source, members: registered };
  }

  private async readable(p: Principal, societyId: string): Promise<Society> {
    try {
      return await this.societies.assertReadable(p, societyId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') {
        throw new DomainError('not-found', `Society ${societyId} was not found`, [{ field: 'id', message: 'is not a society you may read' }]);
      }
      throw error;
    }
  }
}
