import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../libs/database/src/index.js';
import { LOWER, MULTI, SINGLE_FROM, UPPER, searchKey } from '../../libs/transliteration/src/index.js';
import { createTestDatabase } from '../support/test-app.js';

/**
 * The database's ledger_search_key(text), which the search indexes are built on, gives
 * the key libs/transliteration's searchKey() gives for the same text: the query's key is
 * computed in TypeScript, the names' and titles' in SQL, and a difference would hide
 * matches. Checked on names in both scripts and on random text of every kind of
 * character the key treats (tables, separators, apostrophes, combining marks, other
 * scripts, astral characters), in both of the function's ways (ASCII only, and not).
 */
describe('ledger_search_key agrees with searchKey', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = await openDatabase(database.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await database?.drop();
  });

  /** The database's keys of many texts in one statement. */
  async function sqlKeys(texts: string[]): Promise<string[]> {
    const rows: { key: string }[] = await ds.query(`SELECT ledger_search_key(x) AS key FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i`, [texts]);
    return rows.map((r) => r.key);
  }

  async function expectAgreement(texts: string[]): Promise<void> {
    const sql = await sqlKeys(texts);
    const differing = texts.map((text, i) => ({ text, sql: sql[i], ts: searchKey(text) })).filter((d) => d.sql !== d.ts);
    expect(differing).toEqual([]);
  }

  it('on names and titles in Cyrillic and Latin', async () => {
    await expectAgreement([
      'Иванова, Мария',
      'IVANOVA MARIA',
      "Solov'yov Fyodor",
      'Tschaikowsky',
      'Щербаков Хабибуллин Цветаева',
      'Shherbakov, Czvetaeva',
      'Ёлкин Подъячев Наталья',
      'Zoë O’Brien — «Зимняя дорога» № 5',
      'Ўладзімір Євгенія Ђорђе Љубица Џон',
      'Straße Ærø Łódź İstanbul',
      'Йорк'.normalize('NFD'),
      '東京 Ωmega 🎵',
      '  ',
      '',
    ]);
  });

  it('on random text', async () => {
    const letters = [...new Set([...UPPER, ...LOWER, ...SINGLE_FROM, ...MULTI.map(([c]) => c)])];
    const special = [...'xXshchkhtszcwqyjoeiYOE  -,.;:!?\'’‘ʼʹʺ`´"«»—№\u0301\u0306\u0308\u00a0\t'];
    const character = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...letters) },
      { weight: 4, arbitrary: fc.constantFrom(...special) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    );
    // PostgreSQL's text holds no NUL, and lone surrogates are not UTF-8.
    const text = fc.array(character, { maxLength: 30 }).map((cs) => cs.join('').replace(/\u0000|\p{Cs}/gu, ''));
    const samples = fc.sample(text, { numRuns: 3000, seed: 17 });
    const asciiOnly = samples.filter((s) => /^[\u0001-\u007f]*$/.test(s)).length;
    expect(asciiOnly).toBeGreaterThan(50); // the ASCII way is taken too
    await expectAgreement(samples);
  });
});
