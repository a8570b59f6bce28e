import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GovernanceSettingsService } from '../../../governance/src/index.js';
import { financialYear } from '../../../ledger/src/index.js';
import { AuditParametersService } from '../parameters/audit-parameters.service.js';
import { type AuditReport, EVIDENCE_LIMIT, REPORT_FORMAT, finding, peerHeads, pinnedAtOf, summarize } from '../report/report.js';
import { selectRules } from '../rules/catalogue.js';
import type { AuditedSociety, BoardSettings, PinnedHead, RuleContext, Sql, YearWindow } from '../rules/rule.js';
import { PinnedDataRepository } from './pinned-data.repository.js';

/** How many example lines a finding lists: defined with the report, whose PDF says when a list was cut there. */
export { EVIDENCE_LIMIT };

export interface AuditInput {
  society: AuditedSociety;
  financialYear: number;
  /** Rule ids (catalogue order is kept); every rule when absent. */
  ruleIds?: readonly string[];
  /** The signed heads to pin to: every society's, as captured when the audit started. */
  heads: readonly PinnedHead[];
}

/**
 * Runs rules against data pinned to signed tree heads and builds the report. All the
 * rules of one audit run in one REPEATABLE READ transaction (one snapshot) on one
 * connection, after two shared steps: the pinned submissions of every society
 * (`audit_pinned`) and one grouped pass over the audited society's distribution lines.
 * Nothing in the report comes from the clock: deadlines are judged on the date of the
 * latest pinned head, so the same heads and parameters give the same report.
 */
@Injectable()
export class AuditEngine {
  constructor(
    private readonly db: DataSource,
    private readonly pinned: PinnedDataRepository,
    private readonly parameters: AuditParametersService,
    private readonly governance: GovernanceSettingsService,
  ) {}

  /** The latest signed head of every society's log: what an audit starting now is pinned to. */
  captureHeads(): Promise<PinnedHead[]> {
    return this.pinned.latestHeads();
  }

  async evaluate(input: AuditInput): Promise<AuditReport> {
    const { society } = input;
    const rules = selectRules(input.ruleIds);
    const params = await this.parameters.effective(society.country);
    const settings = await this.governance.effective(society.id);
    const board: BoardSettings = { boardSize: settings.boardSize, method: settings.method, lookbackYears: settings.lookbackYears, constituencyMap: { ...settings.constituencyMap } };
    const year = this.yearOf(society, input.financialYear);
    const lookback: YearWindow[] = [];
    for (let y = input.financialYear - board.lookbackYears + 1; y <= input.financialYear; y++) lookback.push(this.yearOf(society, y));

    const heads = [...input.heads].sort((a, b) => (a.societyId < b.societyId ? -1 : a.societyId > b.societyId ? 1 : 0));
    const head = heads.find((h) => h.societyId === society.id) ?? emptyHead(society);
    const pinnedAt = pinnedAtOf(heads);
    const peerSocieties = await this.pinned.societies(heads.filter((h) => h.treeSize > 0).map((h) => h.societyId));
    const peers = peerSocieties.map((p) => ({ societyId: p.id, currency: p.currency, year: financialYearWindow(input.financialYear, p.fyEndMonth, p.fyEndDay) }));

    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // Large grouped scans over generated SQL: compiling them costs more than it saves.
      await runner.query(`SET LOCAL jit = off`);
      await runner.query(`SET LOCAL work_mem = '64MB'`);
      await this.pinned.pin(runner, heads.some((h) => h.societyId === society.id) ? heads : [...heads, head]);
      const income = await this.pinned.income(runner, society.id, year);
      const pass = await this.pinned.linePass(runner, society.id, society.country, lookback);
      const ctx: RuleContext = {
        society,
        year,
        lookback,
        asOf: pinnedAt === null ? null : pinnedAt.slice(0, 10),
        pinnedAt,
        heads,
        peers,
        board,
        facts: pass.facts,
        payments: pass.payments,
        paidByPlace: pass.paidByPlace,
        income,
        holders: pass.holders.get(input.financialYear) ?? { nonContractual: 0, total: 0 },
        verifiedHolders: pass.verifiedHolders.get(input.financialYear) ?? { nonContractual: 0, total: 0 },
        evidenceLimit: EVIDENCE_LIMIT,
      };
      const sql: Sql = (text, values) => runner.query(text, values as unknown[]);
      const findings = [];
      for (const rule of rules) {
        const ruleParams = params.get(rule.id)!;
        let outcome;
        try {
          outcome = await rule.run(sql, ctx, ruleParams);
        } catch (error) {
          throw new Error(`rule ${rule.id} failed: ${(error as Error).message}`, { cause: error });
        }
        findings.push(finding(rule, outcome, ruleParams));
      }
      return {
        format: REPORT_FORMAT,
        society,
        financialYear: input.financialYear,
        period: { from: year.from, to: year.to },
        asOf: ctx.asOf,
        pinnedAt,
        // Only the audited society's head: the others are the peers' (issue 13).
        heads: [head],
        peers: peerHeads(heads, society.id),
        head,
        jurisdiction: society.country,
        rules: rules.map((r) => r.id),
        summary: summarize(findings),
        findings,
      };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private yearOf(society: AuditedSociety, year: number): YearWindow {
    return financialYearWindow(year, society.fyEndMonth, society.fyEndDay);
  }
}

function financialYearWindow(year: number, month: number, day: number): YearWindow {
  const fy = financialYear(year, month, day);
  return { year: fy.year, from: fy.from, to: fy.to };
}

function emptyHead(society: AuditedSociety): PinnedHead {
  return { societyId: society.id, cisacCode: society.cisacCode, treeSize: 0, rootHash: null, timestamp: null, origin: null, signature: null, keyId: null };
}
