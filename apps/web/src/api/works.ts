import type { ApiClient } from './client';
import type { Answer } from './openapi';

/**
 * The works register and a work's money (CONTRACT.md "Industry formats and works"):
 * `GET /v1/works?iswc=&q=&ipi=`, `GET /v1/works/{id}`, `GET /v1/works/{id}/money?financialYear=`
 * and a CWR submission's ACK file, `GET /v1/submissions/{id}/ack`.
 *
 * Every shape is the generated one (docs/api-types.md).
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

export type WorkMoney = Answer<'getWorkMoney'>;

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
  return api.call('getWorkMoney', { path: { id }, query: { financialYear: String(financialYear) } });
}

/** Where a CWR submission's ACK file is served. */
export function ackPath(submissionId: string): string {
  return `/v1/submissions/${encodeURIComponent(submissionId)}/ack`;
}
