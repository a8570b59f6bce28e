import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, seesAll } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { LogWitnessingService } from '../../../ledger/src/index.js';
import { SocietiesService, type Society } from '../../../registry/src/index.js';
import { AuditsRepository } from '../audits.repository.js';
import { FINANCIAL_YEAR_RANGE, auditedSociety } from '../audits.service.js';
import { type AuditReport, pinnedAtOf } from '../report/report.js';
import { financialYear as financialYear_ } from '../../../ledger/src/index.js';
import type { PinnedHead } from '../rules/rule.js';
import { AuditEngine } from '../runner/audit-engine.js';

export interface OverviewRow {
  societyId: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  period: { from: string; to: string };
  treeSize: number;
  rootHash: string | null;
  /** Management costs as a percentage of income (payout.management-cost-ratio). */
  costRatioPercent: string | null;
  /** Days after the year end by which half the year's money (net) was paid (payout.distribution-deadline). */
  medianDelayDays: number | null;
  /** Undistributed amounts reported in the year against its income, percent. */
  undistributedSharePercent: string | null;
  /** Net attributed to identified rights holders but unpaid, percent of the net money attributed for uses in the year (in the society's currency): a share of money, not of lines. */
  unpaidSharePercent: string | null;
  /** Seats the most under-represented constituency lacks, and the Gallagher index of the board. */
  boardGap: { maxShortfall: number | null; gallagher: string | null };
  /** Gross of the year's lines the society declared non-contractual, percent of all (its own label). */
  nonContractualSharePercent: string | null;
  /** The same as the mandate register says (each line's status derived when its package committed): governance.non-contractual-management. */
  verifiedNonContractualSharePercent: string | null;
  /**
   * Year on year, the financial year and the four before it (oldest first): declared and
   * verified non-contractual shares of the gross in the society's currency over its
   * committed distribution lines whose use ended in each year (null: no lines). The
   * phase-out of non-contractual management is what regulators follow.
   */
  nonContractualTrend: NonContractualTrendPoint[];
  /**
   * Conflicts of interest on the board (issue 18): members seated in the year, how many
   * declared (Art. 10(2)), declarations leaving out money paid as a rights holder,
   * organisations matched among the licensees, and the management-fee rate of board
   * members' lines against everyone else's (null: no line to compare).
   */
  boardConflicts: BoardConflictsRow;
  /** The society's log as its witnesses (LOG_WITNESSES) see it now: whether its latest head has its quorum of cosignatures, and standing alarms. */
  witnessing: OverviewWitnessing;
  findings: { failed: number; high: number; medium: number; low: number; rules: string[] };
  /** The latest finished audit of the society for the year, if any. */
  latestAudit: { id: string; finishedAt: string; failed: number; reportSha256: string } | null;
  /** Why the society could not be audited (e.g. its jurisdiction's parameters are unusable); the figures are then null. */
  error: string | null;
}

export interface BoardConflictsRow {
  members: number | null;
  declared: number | null;
  missingDeclarations: number | null;
  understatedDeclarations: number | null;
  licenseeMatches: number | null;
  boardFeeRatePercent: string | null;
  othersFeeRatePercent: string | null;
}

const NO_BOARD_CONFLICTS: BoardConflictsRow = { members: null, declared: null, missingDeclarations: null, understatedDeclarations: null, licenseeMatches: null, boardFeeRatePercent: null, othersFeeRatePercent: null };

/** A society log's witnessing as /health reports it (LogWitnessingService.status), for one row of the overview. */
export interface OverviewWitnessing {
  /** False when no witness is configured (LOG_WITNESSES unset): nothing below is checked. */
  configured: boolean;
  quorum: string;
  /** The log's latest head (the ledger's, now: it may be past the pinned one). */
  treeSize: number;
  /** Largest head whose cosignatures meet the quorum (null: none). */
  witnessedSize: number | null;
  /** Witnesses are configured and the latest head lacks its quorum of cosignatures. */
  behindQuorum: boolean;
  /** Witnesses whose cosignature of the latest head the ledger holds. */
  cosigners: string[];
  /** Witnesses in alarm for this log (a checkpoint refused as inconsistent), not cleared. */
  alarms: string[];
}

export interface NonContractualTrendPoint {
  financialYear: number;
  declaredPercent: string | null;
  verifiedPercent: string | null;
}

/** Years the overview's non-contractual trend covers, the audited one last. */
export const TREND_YEARS = 5;

export interface RegulatorOverview {
  financialYear: number;
  /** The day deadlines were judged on: the date of the latest head. */
  asOf: string | null;
  pinnedAt: string | null;
  /** Median cost ratio of the societies with income. */
  peerMedianCostRatioPercent: string | null;
  societies: OverviewRow[];
}

/**
 * Every society side by side for one financial year: the whole rule catalogue run for
 * each, all pinned to the same heads (every society's latest, read once), and the
 * figures a regulator compares. Computed on request, not stored; each society's full
 * report is one POST /v1/audits away.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly engine: AuditEngine,
    private readonly societies: SocietiesService,
    private readonly audits: AuditsRepository,
    private readonly db: DataSource,
    private readonly witnessing: LogWitnessingService,
  ) {}

  async overview(principal: Principal, financialYear: number | undefined): Promise<RegulatorOverview> {
    if (!seesAll(principal)) throw DomainError.forbidden('The overview is for admins and regulators');
    if (financialYear === undefined || !Number.isInteger(financialYear) || financialYear < FINANCIAL_YEAR_RANGE.min || financialYear > FINANCIAL_YEAR_RANGE.max) {
      throw DomainError.validation('The financial year is required', [{ field: 'financialYear', message: `is required: a year from ${FINANCIAL_YEAR_RANGE.min} to ${FINANCIAL_YEAR_RANGE.max}` }]);
    }
    const heads = await this.engine.captureHeads();
    const all = await this.allSocieties(principal);
    const latest = new Map((await this.audits.latestDone(financialYear)).map((a) => [a.societyId, a]));
    const rows: OverviewRow[] = [];
    let median: string | null = null;
    for (const s of all) {
      let report: AuditReport;
      const witnessing = await this.witnessingOf(s.id);
      try {
        report = await this.engine.evaluate({ society: auditedSociety(s), financialYear, heads });
      } catch (error) {
        rows.push(failedRow(s, financialYear, heads, latest.get(s.id) ?? null, (error as Error).message, witnessing));
        continue;
      }
      const m = (rule: string) => report.findings.find((f) => f.rule === rule)?.metrics ?? {};
      median ??= (m('payout.management-cost-ratio').peerMedianPercent as string | null) ?? null;
      rows.push({ ...row(s, report, latest.get(s.id) ?? null, m), witnessing, nonContractualTrend: await this.trend(s, financialYear) });
    }
    const pinnedAt = pinnedAtOf(heads);
    return { financialYear, asOf: pinnedAt?.slice(0, 10) ?? null, pinnedAt, peerMedianCostRatioPercent: median, societies: rows };
  }

  /**
   * Declared against verified non-contractual shares per financial year (the society's
   * currency, its committed current lines by end of use). Lines without a derived status
   * count by their declared basis, as in governance.non-contractual-management.
   */
  private async trend(s: Society, financialYear: number): Promise<NonContractualTrendPoint[]> {
    const years = Array.from({ length: TREND_YEARS }, (_, i) => financialYear_(financialYear - TREND_YEARS + 1 + i, s.fyEndMonth, s.fyEndDay));
    const rows: { year: number; declared: string | null; verified: string | null }[] = await this.db.query(
      `SELECT y.year,
              round(100 * sum(l.gross) FILTER (WHERE l.mandate_basis = 'non-contractual') / NULLIF(sum(l.gross), 0), 2)::text AS declared,
              round(100 * sum(l.gross) FILTER (WHERE CASE WHEN l.mandate_status IS NULL THEN l.mandate_basis = 'non-contractual'
                                                          ELSE l.mandate_status IN ('no-mandate', 'entrusted-elsewhere') END) / NULLIF(sum(l.gross), 0), 2)::text AS verified
       FROM unnest($2::int[], $3::date[], $4::date[]) AS y(year, first_day, last_day)
       JOIN distribution_lines l ON l.society_id = $1 AND l.currency = $5 AND l.use_to BETWEEN y.first_day AND y.last_day
       JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
       GROUP BY y.year`,
      [s.id, years.map((y) => y.year), years.map((y) => y.from), years.map((y) => y.to), s.currency],
    );
    const byYear = new Map(rows.map((r) => [Number(r.year), r]));
    return years.map((y) => {
      const r = byYear.get(y.year);
      return { financialYear: y.year, declaredPercent: r?.declared ?? null, verifiedPercent: r?.verified ?? null };
    });
  }

  private async witnessingOf(societyId: string): Promise<OverviewWitnessing> {
    const status = await this.witnessing.status(societyId);
    return {
      configured: status.witnesses.length > 0,
      quorum: status.quorum,
      treeSize: status.treeSize,
      witnessedSize: status.witnessedSize,
      behindQuorum: status.behindQuorum,
      cosigners: status.cosigners,
      alarms: status.witnesses.filter((w) => w.alarm !== null).map((w) => w.witness),
    };
  }

  private async allSocieties(principal: Principal): Promise<Society[]> {
    const out: Society[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.societies.list(principal, 100, cursor);
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out.sort((a, b) => (a.cisacCode < b.cisacCode ? -1 : a.cisacCode > b.cisacCode ? 1 : 0));
  }
}

function row(s: Society, report: AuditReport, latest: OverviewRow['latestAudit'], m: (rule: string) => Record<string, unknown>): Omit<OverviewRow, 'nonContractualTrend' | 'witnessing'> {
  const failed = report.findings.filter((f) => !f.passed);
  const board = m('governance.board-representation');
  return {
    societyId: s.id,
    name: s.name,
    cisacCode: s.cisacCode,
    country: s.country,
    currency: s.currency,
    period: report.period,
    treeSize: report.head.treeSize,
    rootHash: report.head.rootHash,
    costRatioPercent: (m('payout.management-cost-ratio').costRatioPercent as string | null) ?? null,
    medianDelayDays: (m('payout.distribution-deadline').medianDelayDays as number | null) ?? null,
    undistributedSharePercent: (m('payout.undistributed-over-3-years').undistributedSharePercent as string | null) ?? null,
    unpaidSharePercent: (m('payout.outstanding').unpaidSharePercent as string | null) ?? null,
    boardGap: { maxShortfall: (board.maxShortfall as number | null) ?? null, gallagher: (board.gallagher as string | null) ?? null },
    nonContractualSharePercent: (m('governance.non-contractual-management').nonContractualSharePercent as string | null) ?? null,
    verifiedNonContractualSharePercent: (m('governance.non-contractual-management').verifiedNonContractualSharePercent as string | null) ?? null,
    boardConflicts: boardConflictsOf(m),
    findings: {
      failed: failed.length,
      high: failed.filter((f) => f.severity === 'high').length,
      medium: failed.filter((f) => f.severity === 'medium').length,
      low: failed.filter((f) => f.severity === 'low').length,
      rules: failed.map((f) => f.rule),
    },
    latestAudit: latest,
    error: null,
  };
}

function failedRow(s: Society, financialYear: number, heads: readonly PinnedHead[], latest: OverviewRow['latestAudit'], error: string, witnessing: OverviewWitnessing): OverviewRow {
  const head = heads.find((h) => h.societyId === s.id);
  const fy = financialYear_(financialYear, s.fyEndMonth, s.fyEndDay);
  return {
    societyId: s.id,
    name: s.name,
    cisacCode: s.cisacCode,
    country: s.country,
    currency: s.currency,
    period: { from: fy.from, to: fy.to },
    treeSize: head?.treeSize ?? 0,
    rootHash: head?.rootHash ?? null,
    costRatioPercent: null,
    medianDelayDays: null,
    undistributedSharePercent: null,
    unpaidSharePercent: null,
    boardGap: { maxShortfall: null, gallagher: null },
    nonContractualSharePercent: null,
    verifiedNonContractualSharePercent: null,
    nonContractualTrend: [],
    boardConflicts: { ...NO_BOARD_CONFLICTS },
    witnessing,
    findings: { failed: 0, high: 0, medium: 0, low: 0, rules: [] },
    latestAudit: latest,
    error,
  };
}

/** The board-conflict figures of the three issue 18 rules' metrics. */
function boardConflictsOf(m: (rule: string) => Record<string, unknown>): BoardConflictsRow {
  const d = m('governance.board-declarations');
  const l = m('governance.board-member-licensee');
  const s = m('governance.board-self-dealing');
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const t = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    members: n(d.boardMembers),
    declared: n(d.declared),
    missingDeclarations: n(d.missingDeclarations),
    understatedDeclarations: n(d.understatedDeclarations),
    licenseeMatches: n(l.matches),
    boardFeeRatePercent: t(s.boardFeeRatePercent),
    othersFeeRatePercent: t(s.othersFeeRatePercent),
  };
}
