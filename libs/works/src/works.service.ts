import { Injectable } from '@nestjs/common';
import { type Principal, seesAll } from '../../auth/src/index.js';
import { tisEntry } from '../../cwr/src/index.js';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, MAX_LIMIT } from '../../database/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { isIpi, normalizeIswc } from '../../identifiers/src/index.js';
import { parseSearchQuery } from '../../search/src/index.js';
import type { ConflictReason } from './conflicts.js';
import { type ShareRowOut, type WorkSummaryRow, WorksRepository, type WorksScope } from './works.repository.js';

export interface WorkSummary {
  id: string;
  societyId: string;
  /** The society's work number (the ACK's Recipient Creation #). */
  number: string;
  iswc: string | null;
  title: string;
  submitter: string;
  submitterWorkNumber: string;
  currentVersion: number;
  inConflict: boolean;
  submissionId: string;
  createdAt: string;
  updatedAt: string;
}

type Shares = { PR: string; MR: string; SR: string };

export interface WorkParty {
  partyNo: number;
  kind: 'writer' | 'publisher';
  recordType: string;
  controlled: boolean;
  ipNumber: string;
  ipiNameNumber: string | null;
  ipiBaseNumber: string | null;
  name: string;
  role: string;
  chain: number | null;
  ownership: { PR: { share: string; society: string | null }; MR: { share: string; society: string | null }; SR: { share: string; society: string | null } };
  collection: ({ tis: string; territory: string | null; include: boolean } & Shares)[];
}

export interface WorkVersionSummary {
  version: number;
  transactionType: string;
  status: string;
  submissionId: string;
  line: number;
  lastLine: number;
  groupId: number | null;
  transactionSequence: number;
  submitter: string;
  submitterWorkNumber: string;
  iswc: string | null;
  title: string;
  recordedAt: string;
}

export interface WorkConflict {
  id: string;
  version: number;
  otherVersions: number[];
  reason: ConflictReason;
  right: 'PR' | 'MR' | 'SR' | null;
  tis: string | null;
  territory: string | null;
  total: string | null;
  detail: Record<string, unknown>;
  submissionId: string;
  detectedAt: string;
}

export interface Work extends WorkSummary {
  /** The version shown (the current one unless asked). */
  version: number;
  /** The current registration of each submitter (its latest version). */
  currentVersions: number[];
  titles: { title: string; titleType: string; language: string | null }[];
  recordings: { isrc: string | null; recordingTitle: string | null; albumTitle: string | null; label: string | null; releaseDate: string | null }[];
  parties: WorkParty[];
  versions: WorkVersionSummary[];
  conflicts: WorkConflict[];
}

export interface WorksQuery {
  iswc?: string;
  q?: string;
  ipi?: string;
  societyId?: string;
  limit?: number;
  cursor?: string;
}

const CURSOR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\u0000[\s\S]{0,60}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/**
 * The works register as the API shows it (CONTRACT.md "Industry formats and works"):
 * works found by ISWC, title (any title, in Cyrillic or Latin spelling: libs/search's
 * key) or a party's IPI; a work with its registration history, its shares by party,
 * right and territory, and its conflicts. Who sees what: admins and regulators every
 * society's works; a society its own; a rights holder the works whose current
 * registrations name her IPI name number as a party.
 */
@Injectable()
export class WorksService {
  constructor(private readonly repository: WorksRepository) {}

  private async scopeOf(p: Principal, societyId?: string): Promise<WorksScope | null> {
    if (seesAll(p)) return societyId ? { all: true, societyId } : { all: true };
    if (p.role === 'society' && p.societyId) {
      if (societyId && societyId !== p.societyId) throw DomainError.forbidden('A society reads its own works only');
      return { societyId: p.societyId };
    }
    if (p.role === 'rights-holder' && p.rightsHolderId) {
      const ipi = await this.repository.holderIpi(p.rightsHolderId);
      if (!ipi) return null;
      return societyId ? null : { ipi };
    }
    return null;
  }

  async list(p: Principal, query: WorksQuery): Promise<{ items: WorkSummary[]; nextCursor: string | null }> {
    const problems: { field: string; message: string }[] = [];
    let iswc: string | null = null;
    if (query.iswc !== undefined && query.iswc !== '') {
      iswc = normalizeIswc(query.iswc);
      if (!iswc) problems.push({ field: 'iswc', message: 'is not a valid ISWC (T-034.524.680-1 or T0345246801, with its check digit)' });
    }
    let ipi: string | null = null;
    if (query.ipi !== undefined && query.ipi !== '') {
      const digits = query.ipi.replace(/[\s.\-]/g, '');
      ipi = /^[0-9]{1,11}$/.test(digits) ? digits.padStart(11, '0') : null;
      if (!ipi || !isIpi(ipi)) {
        problems.push({ field: 'ipi', message: 'is not a valid IPI name number (up to 11 digits, with its check digits)' });
        ipi = null;
      }
    }
    let q = null;
    if (query.q !== undefined && query.q !== '') {
      try {
        q = parseSearchQuery(query.q);
      } catch (e) {
        if (e instanceof DomainError) problems.push(...e.errors.map((x) => ({ field: 'q', message: x.message })));
        else throw e;
      }
    }
    if (query.societyId !== undefined && !UUID.test(query.societyId)) problems.push({ field: 'societyId', message: 'is not a UUID' });
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) problems.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
    if (problems.length > 0) throw DomainError.validation('Invalid works query', problems);
    const key = decodeCursor(query.cursor, CURSOR);
    const after = key === null ? null : { id: key.slice(0, 36), title: key.slice(37) };

    const scope = await this.scopeOf(p, query.societyId);
    if (!scope) return { items: [], nextCursor: null };
    const rows = await this.repository.list(scope, { iswc, ipi, q, after, limit });
    const items = rows.slice(0, limit).map(summaryOf);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(`${last.id}\u0000${last.title}`) : null };
  }

  async get(p: Principal, id: string, version?: number): Promise<Work> {
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
      throw DomainError.validation('Invalid work query', [{ field: 'version', message: 'must be a whole number from 1' }]);
    }
    const scope = await this.scopeOf(p);
    const row = scope ? await this.repository.find(scope, id) : null;
    if (!row) throw DomainError.notFound('Work', id);
    const shown = version ?? row.currentVersion;
    if (shown > row.currentVersion) throw DomainError.notFound(`Version ${shown} of work`, id);
    const [currentVersions, versions, titles, recordings, shares, conflicts] = await Promise.all([
      this.repository.currentVersions(row.societyId, id),
      this.repository.versions(row.societyId, id),
      this.repository.titles(row.societyId, id, shown),
      this.repository.recordings(row.societyId, id, shown),
      this.repository.shares(row.societyId, id, shown),
      this.repository.conflicts(row.societyId, id),
    ]);
    return {
      ...summaryOf(row),
      version: shown,
      currentVersions,
      titles,
      recordings: recordings as Work['recordings'],
      parties: partiesOf(shares),
      versions: (versions as unknown as (WorkVersionSummary & { recordedAt: Date })[]).map((v) => ({ ...v, recordedAt: iso(v.recordedAt) })),
      conflicts: (conflicts as unknown as (WorkConflict & { detectedAt: Date })[]).map((c) => ({ ...c, territory: c.tis ? (tisEntry(c.tis)?.name ?? null) : null, detectedAt: iso(c.detectedAt) })),
    };
  }
}

function summaryOf(r: WorkSummaryRow): WorkSummary {
  return {
    id: r.id,
    societyId: r.societyId,
    number: r.number,
    iswc: r.iswc,
    title: r.title,
    submitter: r.submitter,
    submitterWorkNumber: r.submitterWorkNumber,
    currentVersion: r.currentVersion,
    inConflict: r.inConflict,
    submissionId: r.submissionId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Share rows (one per party, kind, right and territory) folded into parties. */
export function partiesOf(rows: readonly ShareRowOut[]): WorkParty[] {
  const parties = new Map<number, WorkParty>();
  for (const r of rows) {
    let party = parties.get(r.partyNo);
    if (!party) {
      party = {
        partyNo: r.partyNo,
        kind: r.kind,
        recordType: r.recordType,
        controlled: r.controlled,
        ipNumber: r.ipNumber,
        ipiNameNumber: r.ipiNameNumber,
        ipiBaseNumber: r.ipiBaseNumber,
        name: r.name,
        role: r.role,
        chain: r.chain,
        ownership: { PR: { share: '0.00', society: null }, MR: { share: '0.00', society: null }, SR: { share: '0.00', society: null } },
        collection: [],
      };
      parties.set(r.partyNo, party);
    }
    if (r.shareKind === 'ownership') {
      party.ownership[r.right] = { share: r.share, society: r.societyCode };
    } else {
      // Each territory record gives three rows in order PR, MR, SR (registration.ts rowsOf): PR opens its entry.
      let c = party.collection[party.collection.length - 1];
      if (!c || r.right === 'PR') {
        c = { tis: r.tis!, territory: tisEntry(r.tis!)?.name ?? null, include: r.include ?? true, PR: '0.00', MR: '0.00', SR: '0.00' };
        party.collection.push(c);
      }
      c[r.right] = r.share;
    }
  }
  return [...parties.values()];
}
