/**
 * Translation gettext-style: the English text is the key, so code reads as English and
 * a string nobody translated yet shows in English rather than as an id. A catalogue maps
 * those English texts to another language's; `{name}` marks a value put in.
 *
 * Plurals follow the language's rules (Intl.PluralRules: English one/other, Russian
 * one/few/many): `t.plural(n, '{n} line', '{n} lines')` is keyed by its English plural
 * (the second form) and the catalogue gives each of the other language's forms.
 */
import { type Lang, LOCALE_OF } from './lang.js';

/** A translation: a text, or one text per plural category of the language (`other` required). */
export type Message = string | { readonly one?: string; readonly few?: string; readonly many?: string; readonly other: string };
/** English text (the key) → its translation. */
export type Catalogue = Readonly<Record<string, Message>>;
export type Vars = Readonly<Record<string, string | number>>;

export interface Translate {
  (text: string, vars?: Vars): string;
  /**
   * The form for `count` (put in as `{n}`, grouped the language's way): `one` and `other`
   * are the English forms; the catalogue's entry for `other` gives the translation's forms.
   */
  plural(count: number, one: string, other: string, vars?: Vars): string;
  readonly lang: Lang;
}

/** Puts `vars` into `{name}` slots; a slot without a value stays as written. */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : slot));
}

/** A translator into `lang` with `catalogue` (English needs none: its texts are the keys). */
export function translator(lang: Lang, catalogue: Catalogue = {}, onMissing?: (text: string) => void): Translate {
  const rules = new Intl.PluralRules(LOCALE_OF[lang]);
  const integers = new Intl.NumberFormat(LOCALE_OF[lang], { maximumFractionDigits: 0 });
  const lookup = (text: string): Message | undefined => {
    if (lang === 'en') return undefined;
    const m = Object.hasOwn(catalogue, text) ? catalogue[text] : undefined;
    if (m === undefined) onMissing?.(text);
    return m;
  };
  const t = ((text: string, vars?: Vars) => {
    const m = lookup(text);
    return interpolate(m === undefined ? text : typeof m === 'string' ? m : m.other, vars);
  }) as Translate;
  t.plural = (count, one, other, vars) => {
    const m = lookup(other);
    const category = rules.select(count);
    let form: string;
    if (m === undefined) form = new Intl.PluralRules('en').select(count) === 'one' ? one : other;
    else if (typeof m === 'string') form = m;
    else form = m[category as 'one' | 'few' | 'many'] ?? m.other;
    return interpolate(form, { ...vars, n: integers.format(count) });
  };
  Object.defineProperty(t, 'lang', { value: lang, enumerable: true });
  return t;
}
