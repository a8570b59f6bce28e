/**
 * The texts the dashboard's code marks for translation, read from its source: the first
 * argument of `t('…')` and `msg('…')`, and both English forms of `t.plural(n, '…', '…')`
 * (string literals and template literals without `${}`). The catalogue test checks each
 * against ru.ts (test/web/i18n-catalogue.e2e-spec.ts reads the files).
 */

const LITERAL = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\$]|\\.)*\``;
const CALL = new RegExp(String.raw`(?<![\w.])(?:t|msg)\(\s*(${LITERAL})`, 'g');
const PLURAL = new RegExp(String.raw`(?<![\w.])t\.plural\(\s*[^,]+?,\s*(${LITERAL})\s*,\s*(${LITERAL})`, 'g');

/** A JS string literal's value (the escapes the dashboard uses). */
export function literalValue(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.startsWith('u')) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e;
  });
}

export interface MarkedText {
  text: string;
  /** The plural's other form (its catalogue key) when this is a plural's one form, else null. */
  pluralOf: string | null;
  file: string;
}

/** Every text marked in `source`. */
export function markedTexts(source: string, file = ''): MarkedText[] {
  const found: MarkedText[] = [];
  for (const m of source.matchAll(CALL)) found.push({ text: literalValue(m[1]!), pluralOf: null, file });
  for (const m of source.matchAll(PLURAL)) found.push({ text: literalValue(m[2]!), pluralOf: null, file }, { text: literalValue(m[1]!), pluralOf: literalValue(m[2]!), file });
  return found;
}

/** The `{name}` slots of a text, sorted. */
export function slots(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}
