import type { InputProblem } from '../../errors/src/index.js';

/**
 * Board constituencies. Money is attributed to rights holders, each of one *kind*
 * (author, composer, …); board seats are held for one of the six *board
 * constituencies* of the board package and registry (authors, composers, …), the
 * plural of a kind. A society groups them into its own constituencies with a
 * constituency map, kind → constituency name: the identity (`author → authors`, …)
 * by default, or e.g. `author` and `composer` both → `authors and composers`. A seat
 * of board constituency `authors` counts for the constituency its kind `author` maps to.
 *
 * Pure: no framework, no database.
 */

/** Rights-holder kinds, in the order constituencies are listed (libs/registry has the same list). */
export const HOLDER_KINDS = ['author', 'composer', 'publisher', 'performer', 'producer', 'other'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** The board constituency of a seat held for rights holders of each kind. */
export const BOARD_CONSTITUENCY_OF_KIND: Readonly<Record<HolderKind, string>> = {
  author: 'authors',
  composer: 'composers',
  publisher: 'publishers',
  performer: 'performers',
  producer: 'producers',
  other: 'other',
};

/** kind → the society's constituency name. */
export type ConstituencyMap = Readonly<Record<HolderKind, string>>;

/** One kind, one constituency, named as on the board. */
export const DEFAULT_CONSTITUENCY_MAP: ConstituencyMap = BOARD_CONSTITUENCY_OF_KIND;

export const MAX_CONSTITUENCY_NAME_LENGTH = 100;

export interface Constituency {
  name: string;
  /** The kinds of rights holders it represents, in {@link HOLDER_KINDS} order. */
  kinds: HolderKind[];
}

/** The constituencies a map defines, in the order of their first kind. */
export function constituenciesOf(map: ConstituencyMap): Constituency[] {
  const byName = new Map<string, Constituency>();
  for (const kind of HOLDER_KINDS) {
    const name = map[kind];
    const existing = byName.get(name);
    if (existing) existing.kinds.push(kind);
    else byName.set(name, { name, kinds: [kind] });
  }
  return [...byName.values()];
}

/** The kind a board constituency (`authors`, …) stands for; undefined for anything else. */
export function kindOfBoardConstituency(boardConstituency: string): HolderKind | undefined {
  return HOLDER_KINDS.find((k) => BOARD_CONSTITUENCY_OF_KIND[k] === boardConstituency);
}

/**
 * Problems with a constituency map given as input, each naming its field
 * (`constituencyMap.publisher`): it must map every kind, and only kinds, to a
 * non-blank name of at most 100 characters without surrounding spaces.
 */
export function explainConstituencyMap(value: unknown, field = 'constituencyMap'): InputProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field, message: `must be an object mapping each rights-holder kind (${HOLDER_KINDS.join(', ')}) to a constituency name` }];
  }
  const problems: InputProblem[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(HOLDER_KINDS as readonly string[]).includes(key)) {
      problems.push({ field: `${field}.${key}`, message: `is not a rights-holder kind; the kinds are ${HOLDER_KINDS.join(', ')}` });
    }
  }
  for (const kind of HOLDER_KINDS) {
    const name = record[kind];
    const at = `${field}.${kind}`;
    if (name === undefined) problems.push({ field: at, message: 'is missing: every kind needs a constituency (map those the board does not represent to "other")' });
    else if (typeof name !== 'string' || name.trim() === '') problems.push({ field: at, message: 'must be a non-empty constituency name' });
    else if (name !== name.trim()) problems.push({ field: at, message: 'must not start or end with spaces' });
    else if (name.length > MAX_CONSTITUENCY_NAME_LENGTH) problems.push({ field: at, message: `must be at most ${MAX_CONSTITUENCY_NAME_LENGTH} characters` });
  }
  return problems;
}
