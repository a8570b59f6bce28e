/**
 * Organisation names compared as a person would: "Volga Songs Ltd.", "VOLGA SONGS LTD"
 * and "Volga Songs, Limited" are one company; so are «ООО "Ромашка"» and "Ромашка OOO".
 * The key folds Unicode compatibility forms and case, drops dots and apostrophes (so
 * "S.A." is "sa"), reads every other punctuation or symbol as a space, and strips
 * legal-form words (LLC, Ltd, GmbH, ООО, АО, ZAO, PAO, SA, SARL, Inc, …) from both ends.
 * It is a candidate match for a person to confirm, never a verdict: the audit finding
 * shows both names as written and the key they share. Pure.
 */

/** Legal-form words stripped from either end of a name (lower case, dots removed). */
export const LEGAL_FORMS: readonly string[] = [
  // English-speaking
  'llc', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'plc', 'llp', 'lp', 'pty', 'jsc', 'pjsc', 'cjsc', 'ojsc',
  // German, Dutch, Nordic, Southern European
  'gmbh', 'ag', 'kg', 'ug', 'bv', 'nv', 'ab', 'as', 'asa', 'oy', 'oyj', 'aps', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'sro',
  // Russian, in Latin letters and in Cyrillic
  'ooo', 'ao', 'zao', 'pao', 'oao', 'nko', 'ip', 'ооо', 'ао', 'зао', 'пао', 'оао', 'нко', 'ип', 'ано',
];
const FORMS = new Set(LEGAL_FORMS);

/** The words of a name, folded: compatibility forms, case, dots and apostrophes gone, other punctuation a space. */
function words(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * The key two names of one organisation share. A name that is nothing but legal-form
 * words keeps them (an empty key would match every other such name).
 */
export function organisationKey(name: string): string {
  const all = words(name);
  let from = 0;
  let to = all.length;
  while (from < to && FORMS.has(all[from]!)) from++;
  while (to > from && FORMS.has(all[to - 1]!)) to--;
  return (from < to ? all.slice(from, to) : all).join(' ');
}

/** Whether two names read as the same organisation once folded (both non-empty). */
export function sameOrganisation(a: string, b: string): boolean {
  const k = organisationKey(a);
  return k !== '' && k === organisationKey(b);
}
