import { Injectable, Logger } from '@nestjs/common';
import { type Principal, readableSocietyIds, seesAll } from '../../auth/src/index.js';
import { decodeCursor, invalidCursor, type Page } from '../../database/src/index.js';
import { DomainError, type InputProblem } from '../../errors/src/index.js';
import { JobQueue } from '../../jobs/src/index.js';
import { Notifier } from '../../notifications/src/index.js';
import { SocietiesService, type Society } from '../../registry/src/index.js';
import type { Audit, ReportFormat } from './audit.js';
import { AUDIT_JOB, type AuditJobPayload } from './audit.job.js';
import { type AuditRow, AuditsRepository } from './audits.repository.js';
import { findingsCsv } from './report/csv.js';
import type { Lang } from '../../i18n/src/index.js';
import { renderPdf } from './report/pdf.js';
import { ownHeads, reportBytes, sha256Hex } from './report/report.js';
import { RULE_IDS, UnknownRulesError, selectRules } from './rules/catalogue.js';
import type { AuditedSociety } from './rules/rule.js';
import { AuditEngine } from './runner/audit-engine.js';

/** An audit list's key: JSON of [createdAt (as the list writes it), id]. */
const AUDIT_KEY = /^\["\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z","[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"\]$/;

export interface AuditRequest {
  societyId: string;
  financialYear: number;
  rules?: string[];
}

export interface RenderedReport {
  contentType: string;
  filename: string;
  body: Buffer | string;
  sha256: string;
}

const SYSTEM: Principal = { role: 'admin', tokenId: null, label: 'audit runner' };
export const FINANCIAL_YEAR_RANGE = { min: 1900, max: 9999 } as const;

/**
 * Audits: requested by an admin, a regulator (any society) or a society (itself only;
 * another society's audit is not found), run as a job pinned to the signed heads of
 * every society's log when it starts, and served as canonical JSON, CSV or PDF.
 */
@Injectable()
export class AuditsService {
  private readonly logger = new Logger('Audits');

  constructor(
    private readonly audits: AuditsRepository,
    private readonly societies: SocietiesService,
    private readonly engine: AuditEngine,
    private readonly queue: JobQueue,
    private readonly notifier: Notifier,
  ) {}

  async request(principal: Principal, input: AuditRequest): Promise<Audit> {
    if (principal.role === 'rights-holder') throw DomainError.forbidden('Audits are requested by admins, regulators and societies');
    const problems: InputProblem[] = [];
    const year = input.financialYear;
    if (!Number.isInteger(year) || year < FINANCIAL_YEAR_RANGE.min || year > FINANCIAL_YEAR_RANGE.max) {
      problems.push({ field: 'financialYear', message: `must be a year from ${FINANCIAL_YEAR_RANGE.min} to ${FINANCIAL_YEAR_RANGE.max} (the calendar year the financial year ends in)` });
    }
    let rules: string[] = [...RULE_IDS];
    if (input.rules !== undefined) {
      if (input.rules.length === 0) problems.push({ field: 'rules', message: 'must name at least one rule (omit it to run every rule)' });
      input.rules.forEach((id, i) => {
        if (input.rules!.indexOf(id) !== i) problems.push({ field: `rules[${i}]`, message: `repeats ${JSON.stringify(id)}` });
      });
      try {
        rules = selectRules(input.rules).map((r) => r.id);
      } catch (error) {
        if (!(error instanceof UnknownRulesError)) throw error;
        for (const u of error.unknown) problems.push({ field: `rules[${u.i}]`, message: `${JSON.stringify(u.id)} is not a rule; the rules are ${RULE_IDS.join(', ')}` });
      }
    }
    // Whether the society exists (for this caller) comes first: another tenant learns nothing from the other checks.
    await this.societyFor(principal, input.societyId);
    if (problems.length > 0) throw DomainError.validation('The audit request is invalid', problems);
    const row = await this.audits.insert({ societyId: input.societyId, financialYear: year, rules, requestedBy: `${principal.role}: ${principal.label}` });
    await this.queue.enqueue(AUDIT_JOB, { auditId: row.id } satisfies AuditJobPayload, { jobId: row.id, attempts: 1, tenant: row.societyId });
    return view(row, principal);
  }

  async get(principal: Principal, id: string): Promise<Audit> {
    return view(await this.row(principal, id), principal);
  }

  /**
   * The audits the caller may read, newest first, optionally of one society (another
   * society's, for a society credential: 404 naming societyId). With each finished
   * audit's summary, without its findings: read one audit for those.
   */
  async list(principal: Principal, q: { societyId?: string }, limit: number, cursor?: string): Promise<Page<Audit>> {
    if (principal.role === 'rights-holder') throw DomainError.forbidden('Rights holders do not read audits');
    if (q.societyId) await this.societyFor(principal, q.societyId);
    // The key is JSON.stringify([createdAt, id]) of the last audit listed.
    const key = decodeCursor(cursor, AUDIT_KEY);
    let after: { createdAt: string; id: string } | null = null;
    if (key !== null) {
      const [createdAt, id] = JSON.parse(key) as [string, string];
      const at = Date.parse(createdAt);
      if (Number.isNaN(at) || new Date(at).toISOString() !== createdAt) throw invalidCursor();
      after = { createdAt, id };
    }
    const page = await this.audits.list(readableSocietyIds(principal), q.societyId ?? null, limit, after);
    return { items: page.items.map((row) => view(row, principal)), nextCursor: page.nextCursor };
  }

  /** The report of a finished audit in one of its formats. */
  async report(principal: Principal, id: string, format: ReportFormat, lang: Lang = 'en'): Promise<RenderedReport> {
    const row = await this.row(principal, id);
    if (row.status !== 'done' || !row.report || !row.reportSha256) {
      throw DomainError.conflict(`Audit ${id} is ${row.status}: its report exists once it is done${row.error ? ` (${row.error})` : ''}`, { auditStatus: row.status });
    }
    const bytes = reportBytes(row.report);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== row.reportSha256) throw new Error(`audit ${id}: the stored report no longer hashes to its recorded SHA-256`);
    const name = `audit-${row.report.society.cisacCode}-FY${row.financialYear}-${id.slice(0, 8)}`;
    if (format === 'json') return { contentType: 'application/json', filename: `${name}.json`, body: bytes, sha256 };
    if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: findingsCsv(row.report), sha256 };
    return { contentType: 'application/pdf', filename: `${name}.pdf`, body: await renderPdf(row.report, sha256, { lang }), sha256 };
  }

  /**
   * The job: pins the audit to every society's latest signed head (once: a retry keeps
   * the heads it started with), runs its rules and stores the report with its SHA-256.
   * A failure is recorded on the audit rather than retried: the same heads give the
   * same failure.
   */
  async run(auditId: string): Promise<void> {
    const row = await this.audits.find(auditId, null, false);
    if (!row) throw new Error(`audit ${auditId} does not exist`);
    if (!(await this.audits.start(row.societyId, row.id))) return; // finished earlier
    try {
      const heads = row.heads ?? (await this.audits.pinHeads(row.societyId, row.id, await this.engine.captureHeads()));
      const society = auditedSociety(await this.societies.get(SYSTEM, row.societyId));
      const started = Date.now();
      const report = await this.engine.evaluate({ society, financialYear: row.financialYear, ruleIds: row.rules, heads });
      const bytes = reportBytes(report);
      await this.audits.finish(row.societyId, row.id, report, Buffer.from(sha256Hex(bytes), 'hex'));
      this.logger.log(`audit ${row.id} of ${society.cisacCode} FY ${row.financialYear}: ${report.summary.failed} of ${report.summary.rules} rules failed (${Date.now() - started} ms)`);
      await this.notifyFinished(row, { status: 'done', rules: report.summary.rules, failed: report.summary.failed, reportSha256: sha256Hex(bytes) });
    } catch (error) {
      this.logger.error(`audit ${row.id} failed: ${(error as Error).message}`, (error as Error).stack);
      await this.audits.fail(row.societyId, row.id, (error as Error).message);
      await this.notifyFinished(row, { status: 'failed', error: (error as Error).message.slice(0, 500) });
    }
  }

  /** audit.finished: the audited society and the supervisors are told (a failure to tell is logged: the audit stands). */
  private async notifyFinished(row: AuditRow, outcome: Record<string, unknown>): Promise<void> {
    await this.notifier
      .publish({
        type: 'audit.finished',
        societyId: row.societyId,
        key: `audit.finished:${row.id}`,
        data: { auditId: row.id, societyId: row.societyId, financialYear: row.financialYear, requestedBy: row.requestedBy, ...outcome },
        to: { societies: [row.societyId] },
      })
      .catch((e: Error) => this.logger.error(`audit.finished of ${row.id} not raised: ${e.message}`));
  }

  /** Puts every unfinished audit back on the queue (PostgreSQL is the source of truth). */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.audits.unfinished();
    for (const a of unfinished) await this.queue.enqueue(AUDIT_JOB, { auditId: a.id } satisfies AuditJobPayload, { jobId: a.id, attempts: 1, tenant: a.societyId });
    if (unfinished.length > 0) this.logger.log(`re-queued ${unfinished.length} unfinished audit(s)`);
    return unfinished.length;
  }

  private async row(principal: Principal, id: string): Promise<AuditRow> {
    if (principal.role === 'rights-holder') throw DomainError.notFound('Audit', id);
    const row = await this.audits.find(id, readableSocietyIds(principal));
    if (!row) throw DomainError.notFound('Audit', id);
    return row;
  }

  private async societyFor(principal: Principal, societyId: string): Promise<Society> {
    try {
      return await this.societies.get(principal, societyId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') {
        throw new DomainError('not-found', `Society ${societyId} was not found`, [{ field: 'societyId', message: 'is not a society you may audit' }]);
      }
      throw error;
    }
  }
}

export function auditedSociety(s: Society): AuditedSociety {
  return { id: s.id, name: s.name, cisacCode: s.cisacCode, country: s.country, currency: s.currency, fyEndMonth: s.fyEndMonth, fyEndDay: s.fyEndDay };
}

/**
 * An audit as the caller sees it. The audit keeps every society's head it was pinned to
 * (a retry must read the same data); a society is shown only its own (issue 13),
 * regulators and admins, who may read every log, all of them.
 */
function view(row: AuditRow, principal: Principal): Audit {
  const { report, ...rest } = row;
  const heads = row.heads === null || seesAll(principal) ? row.heads : ownHeads(row.heads, row.societyId);
  return { ...rest, heads, findings: report?.findings ?? [], summary: report?.summary ?? null };
}
