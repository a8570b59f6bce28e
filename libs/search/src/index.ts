/**
 * @module search — rights holders, societies, works and lines found by name, title, IPI,
 * ISNI, ISWC, CISAC code or line id, ranked and scoped to the caller (issue 17;
 * docs/search.md). Names and titles are compared on libs/transliteration's search key.
 */
export { SearchModule } from './search.module.js';
export { SearchService } from './search.service.js';
export type { SearchItem, SearchRequest } from './search.service.js';
export { WorksFromLines } from './works-from-lines.js';
export {
  DEFAULT_SEARCH_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  MIN_TRIGRAM_KEY,
  SEARCH_KINDS,
  SEARCH_MATCHES,
  parseSearchQuery,
} from './search-query.js';
export type { SearchKind, SearchMatch, SearchQuery } from './search-query.js';
