import type { ApiClient } from './client';
import type { Answer } from './openapi';

/**
 * The works register and a work's money (CONTRACT.md "Industry formats and works"):
 * `GET /v1/works?iswc=&q=&ipi=`, `GET /v1/works/{id}`, `GET /v1/works/{id}/money?financialYear=`
 * and a CWR submission's ACK file, `GET /v1/submissions/{id}/ack`.
 *
 * The register's shapes are the generated ones (docs/api-types.md). WorkMoney is
 * PROVISIONAL: written from the shape its author documented until its route is in the
 * generated types; then it is `Answer<'getWorkMoney'>` too.
 */

/** A share in percent as an exact decimal string ("33.33"): never a JS number. */
export type Percent = string;

export type WorkPage = Answer<'listWorks'>;
export type WorkSummary = WorkPage['items'][number];
export type Work = Answer<'getWork'>;
export type WorkParty = Work['parties'][number];
export type WorkVersion = Work['versions'][number];
export type WorkConflict = Work['conflicts'][number];
export type Right = 'PR' | 'MR' | 'SR';

export interface WorkMoney {
  workId: string;
  societyId: string;
  iswc: string | null;
  title: string;
  financialYear: number;
  from: string;
  to: string;
  /** Art. 13(1): nine months after the financial year's end. */
  distributeBy: string;
  /** ISRCs of the work's recordings in the register. */
  isrcs: string[];
  reported: {
    totals: { currency: string; amount: string; usages: string; lines: number }[];
    lines: {
      submissionId: string;
      period: string;
      lineNo: number;
      sourceLine: number;
      dsp: string;
      dspPartyId: string;
      matchedBy: 'iswc' | 'isrc';
      iswc: string | null;
      isrc: string | null;
      title: string | null;
      useType: string | null;
      commercialModel: string | null;
      territory: string;
      periodStart: string;
      periodEnd: string;
      category: string;
      currency: string;
      usages: string;
      amount: string;
    }[];
    linesTotal: number;
  };
  distributed: {
    totals: { currency: string; gross: string; net: string; paidNet: string; lines: number }[];
    lines: {
      submissionId: string;
      period: string;
      lineNo: number;
      lineId: string;
      rightsHolderId: string | null;
      rightsHolderIpi: string | null;
      rightsHolderName: string;
      category: string;
      territory: string;
      useFrom: string;
      useTo: string;
      currency: string;
      gross: string;
      net: string;
      status: string;
      paidOn: string | null;
    }[];
    linesTotal: number;
  };
  tolerancePoints: string;
  shares: {
    /** The register's right the lines' categories are compared with (performing, mechanical, synchronisation). */
    right: string;
    /** null: nothing was distributed for the right. */
    currency: string | null;
    /** null: money distributed to nobody identified. */
    ipi: string | null;
    rightsHolderId: string | null;
    name: string;
    /** null: the holder is not registered on the work. */
    registeredShare: Percent | null;
    /** null: nothing distributed for the right. */
    paidShare: Percent | null;
    gross: string;
    net: string;
    differencePoints: string | null;
    /** null: nothing to compare. */
    withinTolerance: boolean | null;
  }[];
}

export type ReportedLine = WorkMoney['reported']['lines'][number];
export type DistributedLine = WorkMoney['distributed']['lines'][number];
export type ShareCheck = WorkMoney['shares'][number];

export interface WorksQuery {
  iswc?: string;
  q?: string;
  ipi?: string;
}

/** One page of the works matching a query (by title, then id), after `cursor`. */
export function listWorks(api: ApiClient, query: WorksQuery, cursor: string | null = null, limit = 100): Promise<WorkPage> {
  return api.call('listWorks', { query: { iswc: query.iswc || undefined, q: query.q || undefined, ipi: query.ipi || undefined, limit, cursor: cursor ?? undefined } });
}

/** A work, as registered in `version` (default: its current version). */
export function getWork(api: ApiClient, id: string, version?: number): Promise<Work> {
  return api.call('getWork', { path: { id }, query: { version } });
}

export function getWorkMoney(api: ApiClient, id: string, financialYear: number): Promise<WorkMoney> {
  return api.get<WorkMoney>(`/v1/works/${encodeURIComponent(id)}/money?financialYear=${financialYear}`);
}

/** Where a CWR submission's ACK file is served. */
export function ackPath(submissionId: string): string {
  return `/v1/submissions/${encodeURIComponent(submissionId)}/ack`;
}
