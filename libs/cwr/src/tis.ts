/**
 * CISAC TIS territory codes (the 4-digit numeric codes of SPT/SWT/OPT/OWT, e.g. 2136
 * WORLD, 2120 EUROPE, 0826 UNITED KINGDOM) and what a group covers. Data: tis-data.ts
 * (sources named there).
 */
import { TIS_GROUP_MEMBERS, TIS_ROWS, type TisEntry } from './tis-data.js';

export type { TisEntry } from './tis-data.js';

/** 2136: the whole world. */
export const TIS_WORLD = '2136';

const ENTRIES: ReadonlyMap<string, TisEntry> = new Map(
  TIS_ROWS.map(([code, name, kind, from, until]) => [code, { code, name, kind: kind === 'C' ? 'country' : 'group', from, until }]),
);

/** Every TIS code known here, current and former. */
export const TIS_CODES: readonly string[] = [...ENTRIES.keys()];

/** The entry for a 4-digit TIS code (leading zeros included), or undefined. */
export function tisEntry(code: string): TisEntry | undefined {
  return ENTRIES.get(code);
}

export function isTisCode(code: string): boolean {
  return ENTRIES.has(code);
}

/** Countries (no groups) in the order of TIS_CODES: the leaves that shares are summed over. */
export const TIS_COUNTRIES: readonly string[] = TIS_CODES.filter((c) => ENTRIES.get(c)!.kind === 'country');
const LEAF_INDEX: ReadonlyMap<string, number> = new Map(TIS_COUNTRIES.map((c, i) => [c, i]));

const leafCache = new Map<string, Uint16Array>();

/**
 * Indexes into TIS_COUNTRIES of the countries a code covers (itself for a country, every
 * member country at any depth for a group, including former countries that belonged to
 * it), or an empty array for an unknown code.
 */
export function tisLeafIndexes(code: string): Uint16Array {
  const cached = leafCache.get(code);
  if (cached) return cached;
  const found = new Set<number>();
  const walk = (c: string, seen: Set<string>) => {
    if (seen.has(c)) return;
    seen.add(c);
    const leaf = LEAF_INDEX.get(c);
    if (leaf !== undefined) found.add(leaf);
    for (const m of TIS_GROUP_MEMBERS[c] ?? []) walk(m, seen);
  };
  if (ENTRIES.has(code)) walk(code, new Set());
  const result = Uint16Array.from([...found].sort((a, b) => a - b));
  leafCache.set(code, result);
  return result;
}

/** The country codes a TIS code covers. */
export function tisCountries(code: string): string[] {
  return [...tisLeafIndexes(code)].map((i) => TIS_COUNTRIES[i]);
}
