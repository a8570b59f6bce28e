import { Injectable } from '@nestjs/common';
import { type Principal, seesAll } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { formatIswc } from '../../identifiers/src/index.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, parseSearchQuery, SEARCH_KINDS, type SearchKind, type SearchMatch } from './search-query.js';
import { type HolderHit, type LineHit, SearchRepository, type SearchScope, type SocietyHit, type WorkHit } from './search.repository.js';
import { WorksFromLines } from './works-from-lines.js';

/** One thing found (CONTRACT.md "Workflows": kind, id, label; the rest are additions, docs/contract-additions.md). */
export interface SearchItem {
  kind: SearchKind;
  /** Rights holder, society: its id. Work: its ISWC (T0345246801), or `title:` and the title's search key. Line: `{submissionId}/{lineId}`. */
  id: string;
  /** Name, title, or for a line the name and title written on it. */
  label: string;
  /** What matched: an identifier written out (ranked first), or the name or title. */
  match: SearchMatch;
  ipi?: string | null;
  cisacCode?: string;
  /** Display form (T-034.524.680-1). */
  iswc?: string | null;
  /** Work and line: the society whose lines name it (null for a holder's works, which may be in several). */
  societyId?: string | null;
  societyName?: string | null;
  /** Line: its package; work: the package its title was read from (one naming it). */
  submissionId?: string | null;
  /** Work: its id in the works register (GET /v1/works/{id}), present when it is registered. */
  workId?: string | null;
  lineId?: string;
  period?: string;
  /** Line: paid, unpaid or unidentified. */
  status?: string;
  /** Line: its package was replaced by a later one. */
  superseded?: boolean;
}

export interface SearchRequest {
  q?: unknown;
  kind?: SearchKind;
  limit?: number;
}

const KIND_ORDER: Record<SearchKind, number> = { 'rights-holder': 0, society: 1, work: 2, line: 3 };

/**
 * Search over rights holders, societies, works and lines (issue 17, docs/search.md):
 * names and titles by their search key (Cyrillic and Latin spellings meet), with trigram
 * similarity and full-text word prefixes; IPI, ISNI, ISWC, CISAC code and line id
 * exactly. An identifier written out ranks first, then the name or title spelled
 * exactly, then similarity. Each caller sees what the API would show it elsewhere:
 * admins and regulators everything; a society itself, the holders holding a mandate
 * at it, and its own works and lines; a rights holder itself, every society (as
 * GET /v1/societies), and the works and lines paid to it.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly works: WorksFromLines,
  ) {}

  async search(principal: Principal, request: SearchRequest): Promise<{ items: SearchItem[] }> {
    const query = parseSearchQuery(request.q);
    const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw DomainError.validation('Invalid search', [{ field: 'limit', message: `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}` }]);
    }
    const scope = scopeOf(principal);
    if (scope === null) return { items: [] };
    const kinds = request.kind ? [request.kind] : [...SEARCH_KINDS];
    const found = await Promise.all(
      kinds.map(async (kind): Promise<(SearchItem & { score: number })[]> => {
        switch (kind) {
          case 'rights-holder':
            return (await this.repository.holders(query, scope, limit)).map(holderItem);
          case 'society':
            return (await this.repository.societies(query, scope, limit)).map(societyItem);
          case 'work':
            if ('rightsHolderId' in scope) return (await this.repository.worksOfHolder(query, scope.rightsHolderId, limit)).map(workItem);
            await this.works.bringUpToDate();
            return (await this.repository.works(query, 'societyId' in scope ? scope.societyId : null, limit)).map(workItem);
          case 'line':
            if ('rightsHolderId' in scope) return (await this.repository.linesOfHolder(query, scope.rightsHolderId, limit)).map(lineItem);
            return (await this.repository.lines(query, 'societyId' in scope ? scope.societyId : null, limit)).map(lineItem);
        }
      }),
    );
    const items = found
      .flat()
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.label.localeCompare(b.label) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map(({ score: _score, ...item }) => item);
    return { items };
  }
}

/** What the principal may find; null: nothing (a tenant role without its tenant). */
function scopeOf(p: Principal): SearchScope | null {
  if (seesAll(p)) return { all: true };
  if (p.role === 'society' && p.societyId) return { societyId: p.societyId };
  if (p.role === 'rights-holder' && p.rightsHolderId) return { rightsHolderId: p.rightsHolderId };
  return null;
}

const holderItem = (h: HolderHit) => ({ kind: 'rights-holder' as const, id: h.id, label: h.name, match: h.match, score: h.score, ipi: h.ipi });

const societyItem = (s: SocietyHit) => ({ kind: 'society' as const, id: s.id, label: s.name, match: s.match, score: s.score, cisacCode: s.cisacCode });

const workItem = (w: WorkHit) => ({
  kind: 'work' as const,
  id: w.workKey,
  label: w.title,
  match: w.match,
  score: w.score,
  iswc: formatIswc(w.iswc),
  societyId: w.societyId,
  societyName: w.societyName,
  submissionId: w.submissionId,
  ...(w.workId ? { workId: w.workId } : {}),
});

const lineItem = (l: LineHit) => ({
  kind: 'line' as const,
  id: `${l.submissionId}/${l.lineId}`,
  label: l.label,
  match: l.match,
  score: l.score,
  iswc: formatIswc(l.iswc),
  societyId: l.societyId,
  societyName: l.societyName,
  submissionId: l.submissionId,
  lineId: l.lineId,
  period: l.period,
  status: l.status,
  superseded: l.submissionStatus === 'superseded',
});
