import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { pathToFileURL } from 'node:url';
import { type MarkedText, markedTexts, slots } from '../../apps/web/src/i18n/catalogue.js';
import type { Catalogue } from '../../libs/i18n/src/index.js';
import { ROOT } from '../support/process.js';

/**
 * The dashboard's Russian catalogue against its code (no app, no browser): every text the
 * code marks with t(), msg() or t.plural() has a translation with the same {slots}.
 */
const SRC = path.join(ROOT, 'apps', 'web', 'src');
// Loaded by path: the catalogue is the dashboard's code (bundler resolution, imports without
// extensions), which the server's tsconfig does not compile.
const { ru } = (await import(pathToFileURL(path.join(SRC, 'i18n', 'ru.ts')).href)) as { ru: Catalogue };

function markedTextsUnder(dir: string): MarkedText[] {
  const out: MarkedText[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'i18n') out.push(...markedTextsUnder(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name)) {
      out.push(...markedTexts(readFileSync(full, 'utf8'), path.relative(SRC, full)));
    }
  }
  return out;
}

describe('the dashboard\'s Russian catalogue', () => {
  it('finds the texts the code marks', () => {
    const source = `t('Sign out'); t("It's {n}", { n }); msg(\`Plain\`); t(label); t.plural(rows.length, '{n} line', '{n} lines'); format('x'); at('no')`;
    expect(markedTexts(source).map((m) => m.text)).toEqual(['Sign out', "It's {n}", 'Plain', '{n} lines', '{n} line']);
  });

  it('has every text the dashboard marks, with the same {slots}', () => {
    const marked = markedTextsUnder(SRC);
    expect(marked.length).toBeGreaterThan(20);
    const missing = [...new Set(marked.filter((m) => m.pluralOf === null && !Object.hasOwn(ru, m.text)).map((m) => `${m.file}: ${m.text}`))];
    // I18N_MISSING=FILE writes the missing texts there, one JSON string a line (a translator's worklist).
    if (process.env.I18N_MISSING) writeFileSync(process.env.I18N_MISSING, [...new Set(marked.filter((m) => !Object.hasOwn(ru, m.pluralOf ?? m.text)).map((m) => JSON.stringify(m.pluralOf ?? m.text)))].join('\n'));
    expect(missing).toEqual([]);
    const wrongSlots = Object.entries(ru).flatMap(([en, tr]) =>
      (typeof tr === 'string' ? [tr] : Object.values(tr)).filter((form) => slots(form).some((s) => !slots(en).includes(s))).map((form) => `${en} → ${form}`),
    );
    expect(wrongSlots).toEqual([]);
  });

  it('gives each plural all three Russian forms', () => {
    const plurals = markedTextsUnder(SRC).filter((m) => m.pluralOf !== null).map((m) => m.pluralOf!);
    const incomplete = plurals.filter((key) => {
      const entry = ru[key];
      return entry === undefined || typeof entry === 'string' || !entry.one || !entry.few || !entry.many;
    });
    expect(incomplete).toEqual([]);
  });
});
