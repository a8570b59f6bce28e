/**
 * The search key: a name or title reduced to lower-case Latin letters, digits and single
 * spaces, so that its Cyrillic and Latin spellings, and the usual Latin spellings of one
 * Cyrillic name, give the same key ("Иванова", "IVANOVA", "Ivanova" → "ivanova";
 * "Фёдор", "Fyodor", "Fedor" → "fedor"; "Чайковский", "Tchaikovsky", "Chaikovskiy",
 * "Tschaikowsky" → "chaikovski").
 *
 * 1. Unicode NFC, then upper case to lower case for the Latin (Basic Latin, Latin-1,
 *    Latin Extended-A) and Cyrillic (Russian, Ukrainian, Belarusian, Serbian,
 *    Macedonian) letters, by the explicit table below. Other scripts are kept as they
 *    are, never lower-cased: the database's function does the same, whatever its locale.
 * 2. Cyrillic to Latin by ICAO Doc 9303 (machine-readable travel documents, Part 3), the
 *    romanisation of Russian passports: ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю iu, я ia,
 *    й i, ё e, ы y, э e; except ъ, which ICAO writes "ie" and the key drops, like ь.
 *    Ukrainian є ie, і i, ї i, ґ g; Belarusian ў u; Serbian and Macedonian ђ d, ѓ g,
 *    ѕ z, ј j, љ lj, њ nj, ћ ch, ќ k, џ dzh.
 * 3. Latin letters with diacritics to their base letter (é e, ñ n, ł l, ø o), ß ss,
 *    æ ae, œ oe, þ th, ĳ ij; left-over combining marks dropped.
 * 4. Apostrophes and primes (' ’ ‘ ʼ ʹ ʺ ` ´ ") dropped without splitting the word
 *    (BGN/PCGN's Solov'yev, GOST's shh``), other punctuation and symbols a space.
 * 5. Latin spelling variants folded, in this order, everywhere in the text:
 *      x → ks            (Alexei = Aleksei; GOST 7.79 system B's x for х is not folded)
 *      cz, tz → ts       (GOST 7.79 B ц, German tz)
 *      tsch, tch → ch    (German and English ч: Tschaikowsky, Tchaikovsky)
 *      c → k, unless ch  (Victor = Viktor)
 *      q → k
 *      kh → h            (х: Khabibullin = Habibullin)
 *      shh → shch        (GOST 7.79 B щ)
 *      ph → f, w → v     (Sophia, Wladimir)
 *      yo → e after a consonant  (ё: Fyodor, Pyotr, Semyon; Solovyov)
 *      ye → e            (BGN/PCGN е: Yelena, Andreyev)
 *      j → i, y → i      (й, ы and the glide of я, ю, е: Yuri = Juri = Iurii)
 *      ii, iii… → i      (ICAO's Mariia = Maria, Dmitrii = Dmitriy = Dmitry)
 *    Each rule runs once, after every rule whose output it reads (kh after the rules that
 *    write k; runs of t, k and i taken whole), so a key is its own key.
 * 6. Runs of spaces to one, none at the ends.
 *
 * So ICAO 9303, BGN/PCGN and GOST 7.79-2000 system B spellings of most Russian names, and
 * the common English and German ones, meet in one key; what still differs (Soloviev
 * against Solovyov, Cvetaeva against Tsvetaeva, Kiril against Kirill) is left to trigram similarity. The
 * database has the same function, `ledger_search_key(text)` (migration
 * 1765100500100-CreateSearchKeyFunction), which indexes use; a test checks that both
 * give the same key for the same text.
 */

/** Upper-case letters and, at the same positions, their lower case. */
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҐÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyzѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяґàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżž';

/** Lower-case letters written with more than one Latin letter, replaced first. */
export const MULTI: readonly (readonly [string, string])[] = [
  ['щ', 'shch'],
  ['ж', 'zh'],
  ['х', 'kh'],
  ['ц', 'ts'],
  ['ч', 'ch'],
  ['ш', 'sh'],
  ['ю', 'iu'],
  ['я', 'ia'],
  ['є', 'ie'],
  ['љ', 'lj'],
  ['њ', 'nj'],
  ['ћ', 'ch'],
  ['џ', 'dzh'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['þ', 'th'],
  ['ĳ', 'ij'],
];

/** Lower-case letters written with one Latin letter: SINGLE_FROM[i] becomes SINGLE_TO[i]. */
export const SINGLE_FROM = 'абвгдеёзийклмнопрстуфыэѐђѓѕіїјќѝўґàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįİıĵķĸĺļľŀłńņňŉŋōŏőŕŗřśŝşšţťŧũūŭůűųŵŷźżžſ';
export const SINGLE_TO = 'abvgdeeziiklmnoprstufyeedgziijkiugaaaaaaceeeeiiiidnoooooouuuuyyaaaccccddeeeeegggghhiiiiiijkklllllnnnnnooorrrsssstttuuuuuuwyzzzs';

/** Dropped without a trace: the hard and soft signs, apostrophes and primes. */
export const DROPPED = 'ъь\'’‘ʼʹʺ`´"';

/** Combining diacritical marks left after NFC (on letters no table names). */
const COMBINING = /[\u0300-\u036f]/gu;

/**
 * Punctuation and symbols, which separate words: ASCII's, Latin-1's (U+00A0–U+00BF, ×, ÷),
 * General Punctuation, currency signs, letter-like symbols (№, ™), arrows to miscellaneous symbols, CJK punctuation,
 * full-width ASCII punctuation. Letters and digits of any script are kept.
 */
export const SEPARATORS = '[\\u0001-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u20a0-\\u20cf\\u2100-\\u214f\\u2190-\\u2bff\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65]+';

/** Step 5: the Latin spelling variants, as [regular expression, replacement], applied in order. */
export const FOLDS: readonly (readonly [string, string])[] = [
  ['x', 'ks'],
  ['cz', 'ts'],
  ['tz', 'ts'],
  ['t+s?ch', 'ch'],
  ['c(?!h)', 'k'],
  ['q', 'k'],
  ['k+h', 'h'],
  ['shh', 'shch'],
  ['ph', 'f'],
  ['w', 'v'],
  ['([bdfghklmnprstvz])yo', '$1e'],
  ['ye', 'e'],
  ['[jy]', 'i'],
  ['i{2,}', 'i'],
];
function table(from: string, to: string): Map<string, string> {
  const a = [...from];
  const b = [...to];
  if (a.length !== b.length) throw new Error(`transliteration table of ${a.length} letters maps to ${b.length}`);
  return new Map(a.map((c, i) => [c, b[i]]));
}

const LOWERING = table(UPPER, LOWER);
const ONE_LETTER = table(SINGLE_FROM, SINGLE_TO);
const MULTI_LETTER = new Map(MULTI);
const DROP = new Set([...DROPPED]);
const SEPARATOR = new RegExp(SEPARATORS, 'gu');
const FOLDING = FOLDS.map(([pattern, replacement]) => [new RegExp(pattern, 'gu'), replacement] as const);

/** The letters-only romanisation of steps 1–4, before the Latin variants are folded. */
export function romanize(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = LOWERING.get(ch) ?? ch;
    if (DROP.has(lower)) continue;
    out += MULTI_LETTER.get(lower) ?? ONE_LETTER.get(lower) ?? lower;
  }
  return out.replace(COMBINING, '').replace(SEPARATOR, ' ');
}

/** The search key of a name or title (see the module's comment); '' when it has no letter or digit. */
export function searchKey(text: string): string {
  let key = romanize(text);
  for (const [pattern, replacement] of FOLDING) key = key.replace(pattern, replacement);
  return key.replace(/ {2,}/g, ' ').trim();
}

/**
 * A PostgreSQL tsquery (configuration `simple`) requiring every word of a search key, each
 * as a prefix: "ivan mar" → `'ivan':* & 'mar':*`. One-letter words (initials) are left out
 * when longer ones are there: a one-letter prefix matches most words, which costs the
 * index a long scan and narrows nothing. A key holds only letters, digits and spaces, so
 * nothing in it needs escaping; null for an empty key.
 */
export function prefixTsQuery(key: string): string | null {
  const words = key.split(' ').filter((w) => w !== '');
  const long = words.filter((w) => [...w].length > 1);
  const used = long.length > 0 ? long : words;
  if (used.length === 0) return null;
  return used.map((w) => `'${w}':*`).join(' & ');
}
