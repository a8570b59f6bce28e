import { COUNTRY_CODES, WORLD_TERRITORY, explainCountryCode } from '../../../identifiers/src/index.js';

/**
 * A set of countries, as a mandate names it: either an explicit list of ISO 3166-1
 * alpha-2 codes, or the whole world minus a list of excluded codes. Values are kept
 * normalised (codes sorted, no duplicates), so two equal sets have equal JSON.
 */
export type TerritorySet = { kind: 'countries'; codes: readonly string[] } | { kind: 'world'; excluded: readonly string[] };

/** The number of countries the world has here (every officially assigned code). */
export const WORLD_SIZE = COUNTRY_CODES.length;

const sortedUnique = (codes: Iterable<string>): string[] => [...new Set(codes)].sort();

export function countries(codes: Iterable<string>): TerritorySet {
  return { kind: 'countries', codes: sortedUnique(codes) };
}

export function worldExcept(excluded: Iterable<string> = []): TerritorySet {
  const codes = sortedUnique(excluded);
  // The world minus every country is empty: say so in the one canonical empty form.
  return codes.length >= WORLD_SIZE ? countries([]) : { kind: 'world', excluded: codes };
}

export function isEmptyTerritorySet(t: TerritorySet): boolean {
  return t.kind === 'countries' && t.codes.length === 0;
}

export function coversCountry(t: TerritorySet, code: string): boolean {
  return t.kind === 'countries' ? t.codes.includes(code) : !t.excluded.includes(code);
}

export function intersectTerritories(a: TerritorySet, b: TerritorySet): TerritorySet {
  if (a.kind === 'world' && b.kind === 'world') return worldExcept([...a.excluded, ...b.excluded]);
  if (a.kind === 'countries') return countries(a.codes.filter((c) => coversCountry(b, c)));
  return countries((b as { codes: readonly string[] }).codes.filter((c) => coversCountry(a, c)));
}

/** The countries of `a` that are not in `b`. */
export function subtractTerritories(a: TerritorySet, b: TerritorySet): TerritorySet {
  if (a.kind === 'countries') return countries(a.codes.filter((c) => !coversCountry(b, c)));
  if (b.kind === 'countries') return worldExcept([...a.excluded, ...b.codes]);
  // (world − x) − (world − y) = y − x
  return countries(b.excluded.filter((c) => !a.excluded.includes(c)));
}

export function territoriesEqual(a: TerritorySet, b: TerritorySet): boolean {
  if (a.kind !== b.kind) return false;
  const x = a.kind === 'countries' ? a.codes : a.excluded;
  const y = b.kind === 'countries' ? b.codes : (b as { excluded: readonly string[] }).excluded;
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

/** The two list fields of the API and the database: `territories` and `excludedTerritories`. */
export function territoryFields(t: TerritorySet): { territories: string[]; excludedTerritories: string[] } {
  return t.kind === 'world' ? { territories: [WORLD_TERRITORY], excludedTerritories: [...t.excluded] } : { territories: [...t.codes], excludedTerritories: [] };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Reads `territories` (country codes, or exactly `["WORLD"]`) and `excludedTerritories`
 * (only with WORLD) into a set, or says what is wrong with them, naming the field. A
 * list that names a country twice, or WORLD beside a country, is refused rather than
 * silently merged: it usually means the caller meant something else.
 */
export function parseTerritorySet(
  territories: unknown,
  excluded: unknown,
  fields: { territories: string; excluded: string } = { territories: 'territories', excluded: 'excludedTerritories' },
): { ok: true; value: TerritorySet } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(territories) || territories.length === 0) {
    return { ok: false, problems: [{ field: fields.territories, message: 'must be a non-empty list of ISO 3166-1 alpha-2 codes, or ["WORLD"]' }] };
  }
  const excludedList: unknown[] = excluded === undefined || excluded === null ? [] : Array.isArray(excluded) ? excluded : [excluded];
  if (excluded !== undefined && excluded !== null && !Array.isArray(excluded)) {
    problems.push({ field: fields.excluded, message: 'must be a list of ISO 3166-1 alpha-2 codes' });
  }
  const hasWorld = territories.includes(WORLD_TERRITORY);
  if (hasWorld && territories.length > 1) {
    problems.push({ field: fields.territories, message: 'WORLD already covers every country: write ["WORLD"] alone (use excludedTerritories to leave countries out)' });
  }
  checkCodes(territories.filter((t) => t !== WORLD_TERRITORY), fields.territories, problems);
  if (!hasWorld && excludedList.length > 0) {
    problems.push({ field: fields.excluded, message: 'only applies to ["WORLD"]: list the countries you mean in territories instead' });
  }
  checkCodes(excludedList, fields.excluded, problems);
  if (hasWorld && new Set(excludedList).size >= WORLD_SIZE) {
    problems.push({ field: fields.excluded, message: 'excludes every country: the mandate would cover no territory' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: hasWorld ? worldExcept(excludedList as string[]) : countries(territories as string[]) };
}

function checkCodes(codes: unknown[], field: string, problems: FieldProblem[]): void {
  const seen = new Set<unknown>();
  codes.forEach((code, i) => {
    const problem = explainCountryCode(code);
    if (problem !== null) problems.push({ field: `${field}[${i}]`, message: problem });
    else if (seen.has(code)) problems.push({ field: `${field}[${i}]`, message: `${String(code)} is listed twice` });
    seen.add(code);
  });
}

/** A short human description: "FR, DE" or "WORLD except RU". */
export function describeTerritories(t: TerritorySet): string {
  if (t.kind === 'countries') return t.codes.length === 0 ? 'no territory' : t.codes.join(', ');
  return t.excluded.length === 0 ? WORLD_TERRITORY : `${WORLD_TERRITORY} except ${t.excluded.join(', ')}`;
}
