import type { ApiClient } from './client';

/**
 * GET /v1/search (docs/search.md): rights holders, societies, works and lines by name or
 * title in either script, IPI, ISNI, ISWC, CISAC code or line id, best first, scoped to
 * the caller. Types mirror the API's SearchItemDto.
 */

export const SEARCH_KINDS = ['rights-holder', 'society', 'work', 'line'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchMatch = 'ipi' | 'isni' | 'iswc' | 'cisac-code' | 'line-id' | 'name' | 'title';

export interface SearchItem {
  kind: SearchKind;
  /** Rights holder, society: its id. Work: its ISWC, or "title:" and its title's key. Line: "{submissionId}/{lineId}". */
  id: string;
  label: string;
  match: SearchMatch;
  ipi?: string | null;
  cisacCode?: string;
  iswc?: string | null;
  societyId?: string | null;
  societyName?: string | null;
  submissionId?: string | null;
  lineId?: string;
  period?: string;
  status?: string;
  superseded?: boolean;
}

/** The longest query the API takes. */
export const MAX_QUERY_LENGTH = 200;

export function search(api: ApiClient, q: string, options: { kind?: SearchKind | null; limit?: number } = {}): Promise<{ items: SearchItem[] }> {
  const params = new URLSearchParams({ q, limit: String(options.limit ?? 20) });
  if (options.kind) params.set('kind', options.kind);
  return api.get(`/v1/search?${params}`);
}
