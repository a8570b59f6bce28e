import { describe, expect, it } from '@jest/globals';
import { explainDisplayName, explainVisibleId } from './visible-text.js';

describe('explainVisibleId', () => {
  it('accepts ids of visible characters, any script', () => {
    for (const id of ['L-000001', 'RAO-2025Q1-U001', 'Ж-1', 'a b', '行-7']) expect(explainVisibleId(id)).toBeNull();
  });

  it('refuses a BOM, controls, bidi controls, zero-width and other invisible characters, naming the code point', () => {
    expect(explainVisibleId('\uFEFFL-1')).toBe('contains U+FEFF, a byte order mark: an id is written with visible characters only');
    expect(explainVisibleId('L-1\t')).toMatch(/^contains U\+0009, a control character/);
    expect(explainVisibleId('L\u0085-1')).toMatch(/^contains U\+0085, a control character/);
    expect(explainVisibleId('L-\u202E1')).toMatch(/^contains U\+202E, a bidirectional control/);
    expect(explainVisibleId('L-\u20661')).toMatch(/^contains U\+2066, a bidirectional control/);
    for (const ch of ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFE0F', '\u{E0041}']) expect(explainVisibleId(`L-1${ch}`)).toMatch(/^contains U\+[0-9A-F]{4,5}, an invisible character/);
  });
});

describe('explainDisplayName', () => {
  it('accepts real names, joiners inside a word included', () => {
    for (const name of ['Ivanova, Maria', 'Zoë Ødegård', "O'Brien & Sons", 'می\u200Cخواهم', 'Chedid (M)', 'Вера-Павлова']) expect(explainDisplayName(name)).toBeNull();
  });

  it('refuses controls, bidi overrides and isolates, zero-width characters, a joiner at an end and formula starts', () => {
    expect(explainDisplayName('Anna\u202Egnp.exe')).toMatch(/^contains U\+202E, a bidirectional control/);
    expect(explainDisplayName('\u2067Anna')).toMatch(/^contains U\+2067/);
    expect(explainDisplayName('An\u200Bna')).toMatch(/^contains U\+200B, an invisible character/);
    expect(explainDisplayName('\uFEFFAnna')).toMatch(/^contains U\+FEFF, a byte order mark/);
    expect(explainDisplayName('Anna\n=cmd')).toMatch(/^contains U\+000A, a control character/);
    expect(explainDisplayName('Anna\u200D')).toMatch(/zero-width joiner/);
    for (const name of ['=HYPERLINK("x")', '+1', '-1+cmd', '@SUM(A1)', '＝1+1']) expect(explainDisplayName(name)).toMatch(/^must not start with .* formula\)$/);
    expect(explainDisplayName('   ')).toBe('must not be blank');
  });
});
