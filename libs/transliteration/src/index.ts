/**
 * @module transliteration — the search key of names and titles, pure TypeScript.
 *
 * Cyrillic to Latin by ICAO Doc 9303 and the common Latin spelling variants folded
 * (BGN/PCGN, GOST 7.79-2000 system B, English and German forms), so that "Иванова" and
 * "Ivanova" have one key. The database's `ledger_search_key(text)` gives the same key;
 * see search-key.ts and docs/search.md.
 */
export { DROPPED, FOLDS, LOWER, MULTI, SEPARATORS, SINGLE_FROM, SINGLE_TO, UPPER, prefixTsQuery, romanize, searchKey } from './search-key.js';
