import type { MigrationInterface, QueryRunner } from 'typeorm';

// The tables of libs/transliteration/src/search-key.ts, copied here so that this migration
// never changes (a changed key needs a new migration that rebuilds the indexes on it). A
// test (test/search/search-key-sql.e2e-spec.ts) checks that the database's key is the
// library's for the same text.
const UPPER_NON_ASCII = 'ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҐÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ';
const LOWER_NON_ASCII = 'ѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяґàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżž';
const MULTI: [string, string][] = [
  ['щ', 'shch'], ['ж', 'zh'], ['х', 'kh'], ['ц', 'ts'], ['ч', 'ch'], ['ш', 'sh'], ['ю', 'iu'], ['я', 'ia'], ['є', 'ie'],
  ['љ', 'lj'], ['њ', 'nj'], ['ћ', 'ch'], ['џ', 'dzh'], ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['þ', 'th'], ['ĳ', 'ij'],
];
/** One-letter romanisations, then (mapped to nothing) the dropped signs and apostrophes. */
const SINGLE_FROM = `абвгдеёзийклмнопрстуфыэѐђѓѕіїјќѝўґàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįİıĵķĸĺļľŀłńņňŉŋōŏőŕŗřśŝşšţťŧũūŭůűųŵŷźżžſъь'’‘ʼʹʺ\`´"`;
const SINGLE_TO = 'abvgdeeziiklmnoprstufyeedgziijkiugaaaaaaceeeeiiiidnoooooouuuuyyaaaccccddeeeeegggghhiiiiiijkklllllnnnnnooorrrsssstttuuuuuuwyzzzs';
const SEPARATORS = '[\\u0001-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u20a0-\\u20cf\\u2100-\\u214f\\u2190-\\u2bff\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65]+';
const ASCII_SEPARATORS = '[\\u0001-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u007f]+';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Step 5 of the key, on lower-case Latin text with single-space word breaks: the folds in order (a string or a regular expression). */
const FOLDS: [kind: 'text' | 'regexp' | 'letters', from: string, to: string][] = [
  ['text', 'x', 'ks'],
  ['text', 'cz', 'ts'],
  ['text', 'tz', 'ts'],
  ['regexp', 't+s?ch', 'ch'],
  ['regexp', 'c(?!h)', 'k'],
  ['text', 'q', 'k'],
  ['regexp', 'k+h', 'h'],
  ['text', 'shh', 'shch'],
  ['text', 'ph', 'f'],
  ['text', 'w', 'v'],
  ['regexp', '([bdfghklmnprstvz])yo', '\\1e'],
  ['text', 'ye', 'e'],
  ['letters', 'jy', 'ii'],
  ['regexp', 'i{2,}', 'i'],
];

function fold(): string {
  let e = 'k';
  for (const [kind, from, to] of FOLDS) {
    if (kind === 'text') e = `replace(${e}, ${lit(from)}, ${lit(to)})`;
    else if (kind === 'letters') e = `translate(${e}, ${lit(from)}, ${lit(to)})`;
    else e = `regexp_replace(${e}, ${lit(from)}, ${lit(to)}, 'g')`;
  }
  return `btrim(regexp_replace(${e}, ' {2,}', ' ', 'g'))`;
}

/**
 * Steps 1–3 as one translate(): every letter the tables name, upper or lower case, to its
 * one Latin letter, or (a letter written with more) to its lower case, which the
 * replace() calls then write out; the dropped signs, in either case, to nothing.
 * translate() looks each character up from the start of its table, so Russian lower
 * case comes first, then Russian upper case, then the rest.
 */
function lettersTable(): { from: string; to: string } {
  const lower = new Map([...UPPER_NON_ASCII].map((u, i) => [u, [...LOWER_NON_ASCII][i]!]));
  const singleFrom = [...SINGLE_FROM];
  const single = new Map(singleFrom.slice(0, [...SINGLE_TO].length).map((c, i) => [c, [...SINGLE_TO][i]!]));
  const dropped = new Set(singleFrom.slice([...SINGLE_TO].length));
  const from: string[] = [];
  const to: string[] = [];
  const drops: string[] = [...dropped];
  for (const [c, l] of single) (from.push(c), to.push(l));
  const russianFirst = [...lower.keys()].sort((a, b) => rank(a) - rank(b));
  for (const u of russianFirst) {
    const l = lower.get(u)!;
    if (dropped.has(l)) drops.push(u);
    else (from.push(u), to.push(single.get(l) ?? l));
  }
  return { from: from.join('') + drops.join(''), to: to.join('') };
}

/** Russian upper case (А–Я, Ё) before the other upper-case letters. */
function rank(c: string): number {
  const code = c.codePointAt(0)!;
  return (code >= 0x0410 && code <= 0x042f) || code === 0x0401 ? 0 : 1;
}

/** Steps 1–4 for text with a character beyond ASCII. */
function romanized(): string {
  const letters = lettersTable();
  let e = `translate(lower(normalize(t, NFC) COLLATE "C"), ${lit(letters.from)}, ${lit(letters.to)})`;
  for (const [from, to] of MULTI) e = `replace(${e}, ${lit(from)}, ${lit(to)})`;
  return `regexp_replace(regexp_replace(${e}, '[\\u0300-\\u036f]', '', 'g'), ${lit(SEPARATORS)}, ' ', 'g')`;
}

/** The body of ledger_search_fold(k): step 5 of the key (also read by migration 1765100500350). */
export function searchFoldExpression(): string {
  return fold();
}

/** The body of ledger_search_key(t): steps 1–4, then ledger_search_fold (also read by migration 1765100500350). */
export function searchKeyExpression(): string {
  return `ledger_search_fold(CASE WHEN octet_length(t) = length(t)
          THEN regexp_replace(translate(lower(t COLLATE "C"), ${lit(`'\`"`)}, ''), ${lit(ASCII_SEPARATORS)}, ' ', 'g')
          ELSE ${romanized()} END)`;
}

/**
 * `ledger_search_key(text)`: the search key of a name or title, as
 * libs/transliteration's searchKey() computes it (Cyrillic by ICAO 9303, Latin spelling
 * variants folded; see docs/search.md). IMMUTABLE, so indexes are built on it; it never
 * depends on the database's locale (upper case is lowered by explicit tables, and
 * lower() only with the "C" collation, which lowers A–Z alone).
 *
 * Text of ASCII characters only (most names and titles once written in Latin) takes a
 * short way, with the same result: the tables' translate() scans them per character,
 * which for such text changes nothing. `ledger_search_fold(text)` is step 5, apart.
 * Not STRICT (a null gives null all the same), so that PostgreSQL inlines the body where
 * it is called, indexes included, instead of running a SQL function per row (measured:
 * 40 % less time per key).
 */
export class CreateSearchKeyFunction1765100500100 implements MigrationInterface {
  name = 'CreateSearchKeyFunction1765100500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION ledger_search_fold(k text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ${searchFoldExpression()} $$`);
    await q.query(`CREATE FUNCTION ledger_search_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${searchKeyExpression()} $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ledger_search_key(text)`);
    await q.query(`DROP FUNCTION ledger_search_fold(text)`);
  }
}
