import type { ApiClient } from './client';

/**
 * The works register and a work's money (CONTRACT.md "Industry formats and works"):
 * `GET /v1/works?iswc=&q=&ipi=`, `GET /v1/works/{id}`, `GET /v1/works/{id}/money?financialYear=`
 * and a CWR submission's ACK file, `GET /v1/submissions/{id}/ack`.
 *
 * PROVISIONAL: written from the shapes the API's authors documented
 * (/work/notes/works-schema.md, /work/notes/money-route.md) until their routes are in
 * the generated types; then each is `Answer<'…'>` like every other shape (docs/api-types.md).
 */

/** A share in percent as an exact decimal string ("33.33"): never a JS number. */
export type Percent = string;

/** Who sent a registration: the CWR sender's 11-digit IPI name number, else its sender ID. */
export type Submitter = string;

export interface WorkSummary {
  id: string;
  societyId: string;
  /** The society's work number (the ACK's Recipient Creation #). */
  number: string;
  iswc: string | null;
  title: string;
  submitter: Submitter;
  submitterWorkNumber: string;
  currentVersion: number;
  inConflict: boolean;
  submissionId: string;
  createdAt: string;
  updatedAt: string;
}

export type Right = 'PR' | 'MR' | 'SR';

export interface WorkParty {
  partyNo: number;
  kind: 'writer' | 'publisher';
  recordType: string;
  controlled: boolean;
  ipNumber: string;
  ipiNameNumber: string | null;
  ipiBaseNumber: string | null;
  name: string;
  /** CA, C, A… for a writer; E, AQ, AM, SE, PA… for a publisher. */
  role: string;
  chain: number | null;
  ownership: Record<Right, { share: Percent; society: string | null }>;
  collection: ({ tis: string; territory: string | null; include: boolean } & Record<Right, Percent>)[];
}

export interface WorkVersion {
  version: number;
  transactionType: string;
  /** The CISAC transaction status its ACK gave (AS, RA, CO, RJ…). */
  status: string;
  submissionId: string;
  line: number;
  lastLine: number;
  groupId: number | null;
  transactionSequence: number;
  submitter: Submitter;
  submitterWorkNumber: string;
  iswc: string | null;
  title: string;
  recordedAt: string;
}

export interface WorkConflict {
  id: string;
  version: number;
  otherVersions: number[];
  reason: string;
  right: Right | null;
  tis: string | null;
  territory: string | null;
  total: Percent | null;
  detail: Record<string, unknown>;
  submissionId: string;
  detectedAt: string;
}

export interface Work extends WorkSummary {
  /** The version shown (default: the current one). */
  version: number;
  /** The current registration of each submitter. */
  currentVersions: number[];
  titles: { title: string; titleType: string; language: string | null }[];
  recordings: { isrc: string | null; recordingTitle: string | null; albumTitle: string | null; label: string | null; releaseDate: string | null }[];
  parties: WorkParty[];
  /** Newest first. */
  versions: WorkVersion[];
  conflicts: WorkConflict[];
}

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
export function listWorks(api: ApiClient, query: WorksQuery, cursor: string | null = null, limit = 100): Promise<{ items: WorkSummary[]; nextCursor: string | null }> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return api.get(`/v1/works?${params}`);
}

/** A work, as registered in `version` (default: its current version). */
export function getWork(api: ApiClient, id: string, version?: number): Promise<Work> {
  return api.get<Work>(`/v1/works/${encodeURIComponent(id)}${version === undefined ? '' : `?version=${version}`}`);
}

export function getWorkMoney(api: ApiClient, id: string, financialYear: number): Promise<WorkMoney> {
  return api.get<WorkMoney>(`/v1/works/${encodeURIComponent(id)}/money?financialYear=${financialYear}`);
}

/** Where a CWR submission's ACK file is served. */
export function ackPath(submissionId: string): string {
  return `/v1/submissions/${encodeURIComponent(submissionId)}/ack`;
}
