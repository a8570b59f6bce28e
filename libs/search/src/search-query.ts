import { DomainError } from '../../errors/src/index.js';
import { isCisacSocietyCode, isIpi, normalizeIsni, normalizeIswc } from '../../identifiers/src/index.js';
import { prefixTsQuery, searchKey } from '../../transliteration/src/index.js';

/** What search finds (CONTRACT.md "Workflows"). */
export const SEARCH_KINDS = ['rights-holder', 'work', 'society', 'line'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** What matched the query, best first: an identifier written out, or the text. */
export const SEARCH_MATCHES = ['ipi', 'isni', 'iswc', 'cisac-code', 'line-id', 'name', 'title'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

/** The longest query, in characters (the longest registered name is 300; a query is typed). */
export const MAX_QUERY_LENGTH = 200;
/** Items per answer: default and most. */
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;
/**
 * Trigram operators need a key of three characters to have a trigram of its own; a
 * shorter key is looked up by word prefix only (full text), which its index serves.
 */
export const MIN_TRIGRAM_KEY = 3;

/** A query read once: its text, its search key and the identifiers it may be. */
export interface SearchQuery {
  /** The text as typed, trimmed. */
  text: string;
  /** Its search key (libs/transliteration): what names and titles are compared on. */
  key: string;
  /** Every word of the key as a prefix (tsquery, configuration `simple`); null without words. */
  prefixQuery: string | null;
  /** Whether the key is long enough for trigram similarity. */
  trigrams: boolean;
  /** The key as a LIKE pattern (a substring of a name or title). */
  likePattern: string;
  /** An IPI name number, when the text is one (spaces, dots and dashes ignored; leading zeros may be left out). */
  ipi: string | null;
  isni: string | null;
  /** An ISWC in its stored form (T0345246801), when the text is one in either spelling. */
  iswc: string | null;
  /** A CISAC society code (three digits). */
  cisacCode: string | null;
  /** A line id as a society writes it (the text itself, when it has no space and a letter or digit). */
  lineId: string | null;
}

/** Reads `q`; a 400 naming `q` when it is empty, too long, or has neither a letter nor a digit. */
export function parseSearchQuery(q: unknown): SearchQuery {
  const problem = (message: string) => DomainError.validation('Invalid search', [{ field: 'q', message }]);
  if (typeof q !== 'string') throw problem('is required: the text to search for');
  const text = q.trim();
  if (text === '') throw problem('is empty: write a name, a title, an IPI, an ISWC or a line id');
  if ([...text].length > MAX_QUERY_LENGTH) throw problem(`is longer than ${MAX_QUERY_LENGTH} characters`);
  const key = searchKey(text);
  const compact = text.replace(/[\s.\-]/g, '');
  const digits = /^[0-9]{1,11}$/.test(compact) ? compact.padStart(11, '0') : null;
  const ipi = digits !== null && isIpi(digits) ? digits : null;
  const iswc = normalizeIswc(text);
  const isni = normalizeIsni(text);
  const cisacCode = isCisacSocietyCode(text) ? text : null;
  const lineId = !/\s/.test(text) && /[\p{L}\p{N}]/u.test(text) ? text : null;
  if (key === '' && !ipi && !iswc && !isni && !cisacCode && !lineId) throw problem('has neither a letter nor a digit');
  return {
    text,
    key,
    prefixQuery: prefixTsQuery(key),
    trigrams: key.length >= MIN_TRIGRAM_KEY,
    likePattern: `%${key}%`,
    ipi,
    isni,
    iswc,
    cisacCode,
    lineId,
  };
}
