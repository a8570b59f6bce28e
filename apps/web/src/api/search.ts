import type { ApiClient } from './client';
import type { Answer } from './openapi';

/**
 * GET /v1/search (docs/search.md): rights holders, societies, works and lines by name or
 * title in either script, IPI, ISNI, ISWC, CISAC code or line id, best first, scoped to
 * the caller. Types are the API's (SearchItemDto), generated (docs/api-types.md).
 */

export type SearchResult = Answer<'search'>;
/** Rights holder, society: `id` is its id. Work: its ISWC, or "title:" and its title's key. Line: "{submissionId}/{lineId}". */
export type SearchItem = SearchResult['items'][number];
export type SearchKind = SearchItem['kind'];
export type SearchMatch = SearchItem['match'];
export const SEARCH_KINDS = ['rights-holder', 'society', 'work', 'line'] as const satisfies readonly SearchKind[];
type Check<T extends true> = T;
/** SEARCH_KINDS names every kind the API has (a compile error otherwise). */
export type SearchKindsMatchApi = Check<Exclude<SearchKind, (typeof SEARCH_KINDS)[number]> extends never ? true : false>;

/** The longest query the API takes. */
export const MAX_QUERY_LENGTH = 200;

export function search(api: ApiClient, q: string, options: { kind?: SearchKind | null; limit?: number } = {}): Promise<SearchResult> {
  return api.call('search', { query: { q, limit: options.limit ?? 20, kind: options.kind ?? undefined } });
}
