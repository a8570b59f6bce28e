import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LOWER, MULTI, prefixTsQuery, romanize, searchKey, SINGLE_FROM, SINGLE_TO, UPPER } from './search-key.js';

describe('searchKey', () => {
  it.each([
    // [spellings that must meet, key]
    [['Иванова', 'IVANOVA', 'Ivanova', 'иванова'], 'ivanova'],
    [['Иванова, Мария', 'IVANOVA MARIA', 'Ivanova, Mariya', 'Ivanova Mariia'], 'ivanova maria'],
    // й: i (ICAO), y (BGN/PCGN), j (GOST 7.79 B); ий at the end
    [['Юрий', 'Yuri', 'Yuriy', 'Iurii', 'Jurij', 'Yury'], 'iuri'],
    [['Дмитрий', 'Dmitry', 'Dmitriy', 'Dmitrii', 'Dmitrij'], 'dmitri'],
    [['Алексей', 'Aleksei', 'Alexei', 'Aleksey', 'Alexey', 'Aleksej'], 'aleksei'],
    // х: kh (ICAO, BGN), h (common), x (GOST 7.79 B, not folded: see below)
    [['Хабибуллин', 'Khabibullin', 'Habibullin'], 'habibullin'],
    [['Михаил', 'Mikhail'], 'mihail'],
    // ц: ts (ICAO, BGN), cz (GOST 7.79 B), tz (German)
    [['Цветаева', 'Tsvetaeva', 'Tsvetayeva', 'Czvetaeva'], 'tsvetaeva'],
    [['Кузнецов', 'Kuznetsov', 'Kuzneczov'], 'kuznetsov'],
    // щ: shch (ICAO, BGN), shh (GOST 7.79 B)
    [['Щербаков', 'Shcherbakov', 'Shherbakov'], 'shcherbakov'],
    // ё: e (ICAO), yo (BGN, GOST 7.79 B) after a consonant
    [['Фёдор', 'Федор', 'Fyodor', 'Fedor'], 'fedor'],
    [['Пётр', 'Pyotr', 'Petr'], 'petr'],
    [['Семён', 'Semyon', 'Semen'], 'semen'],
    [['Соловьёв', "Solov'yov", 'Solovyov', 'Solovev'], 'solovev'],
    // ь and ъ dropped (ICAO writes ъ "ie"; BGN ʹ and ʺ, GOST ` and ``)
    [['Ольга', 'Olga', 'Olʹga', 'Ol`ga'], 'olga'],
    [['Наталья', 'Natalya', 'Nataliia', 'Natalia', 'Natal’ya'], 'natalia'],
    [['Подъячев', 'Podyachev', 'Podʺyachev', 'Pod``yachev'], 'podiachev'],
    // е as ye (BGN, after vowels and at the start)
    [['Елена', 'Yelena', 'Elena'], 'elena'],
    [['Андреев', 'Andreyev', 'Andreev'], 'andreev'],
    // я, ю: ia/iu (ICAO), ya/yu (BGN, GOST 7.79 B), ja/ju
    [['Юлия', 'Yulia', 'Yuliya', 'Julia', 'Iuliia'], 'iulia'],
    // ч: ch; tch (English), tsch (German)
    [['Чайковский', 'Tchaikovsky', 'Chaikovskiy', 'Tschaikowsky', 'Chaykovsky'], 'chaikovski'],
    [['Шостакович', 'Shostakovich', 'Shostakowitsch'], 'shostakovich'],
    // x as ks, w as v, c as k
    [['Ксения', 'Xenia', 'Kseniya'], 'ksenia'],
    [['Владимир', 'Wladimir', 'Vladimir'], 'vladimir'],
    [['Виктор', 'Victor', 'Viktor'], 'viktor'],
    // Latin diacritics and ligatures
    [['Zoë O’Brien', 'ZOE OBRIEN', 'Zoe O\'Brien'], 'zoe obrien'],
    [['Straße', 'STRASSE', 'strasse'], 'strasse'],
    [['Łódź', 'Lodz'], 'lodz'],
    [['Ærø', 'Aero'], 'aero'],
    // Ukrainian and Belarusian letters
    [['Євгенія', 'Ievgeniia'], 'ievgenia'],
    [['Ўладзімір', 'Uladzimir'], 'uladzimir'],
  ])('%j → %s', (spellings, key) => {
    for (const s of spellings) expect({ s, key: searchKey(s) }).toEqual({ s, key });
  });

  // The table of docs/search.md: Cyrillic, ICAO 9303, BGN/PCGN, GOST 7.79-2000 system B, common spellings.
  it.each([
    ['Иванова', 'Ivanova', 'IVANOVA', 'ivanova'],
    ['Юрий', 'Iurii', 'Yuriy', 'Yurij', 'Yuri', 'Jurij', 'iuri'],
    ['Фёдор', 'Fedor', 'Fëdor', 'Fyodor', 'fedor'],
    ['Хабибуллин', 'Khabibullin', 'Habibullin', 'habibullin'],
    ['Цветаева', 'Tsvetaeva', 'Tsvetayeva', 'Czvetaeva', 'tsvetaeva'],
    ['Щербаков', 'Shcherbakov', 'Shherbakov', 'shcherbakov'],
    ['Соловьёв', 'Solovev', "Solov'yëv", 'Solov`yov', 'Solovyov', 'solovev'],
    ['Чайковский', 'Chaikovskii', 'Chaykovskiy', 'Chajkovskij', 'Tchaikovsky', 'Tschaikowsky', 'chaikovski'],
    ['Наталья', 'Natalia', "Natal'ya", 'Natal`ya', 'Natalya', 'natalia'],
    ['Алексей', 'Aleksei', 'Aleksey', 'Aleksej', 'Alexei', 'aleksei'],
  ])('the table of docs/search.md: %s', (...row) => {
    const key = row.pop()!;
    expect(row.map((s) => [s, searchKey(s)])).toEqual(row.map((s) => [s, key]));
  });

  it('keeps the spellings it does not fold apart, for similarity to judge', () => {
    expect(searchKey('Soloviev')).not.toBe(searchKey('Solovyov'));
    // GOST 7.79 B writes х as x, which the key reads as ks (Alexei).
    expect(searchKey('Xabibullin')).toBe('ksabibullin');
  });

  it('separates words at punctuation and symbols, and drops apostrophes inside words', () => {
    expect(searchKey('  «Зимняя дорога» — песня № 5!  ')).toBe('zimniaia doroga pesnia 5');
    expect(searchKey('Ivanova,Maria')).toBe('ivanova maria');
    expect(searchKey("D'Artagnan")).toBe('dartagnan');
    expect(searchKey('T-034.524.680-1')).toBe('t 034 524 680 1');
  });

  it('keeps the letters of other scripts as written, and gives nothing for text without a letter or digit', () => {
    expect(searchKey('東京 Ωmega')).toBe('東京 Ωmega');
    expect(searchKey('')).toBe('');
    expect(searchKey(' ,.;-— ')).toBe('');
  });

  it('reads decomposed letters as the composed ones (NFC)', () => {
    expect(searchKey('Йорк'.normalize('NFD'))).toBe(searchKey('Йорк'));
    expect(searchKey('Zoë'.normalize('NFD'))).toBe('zoe');
  });

  it('gives a key of lower-case ASCII letters, digits and single inner spaces for any Latin or Cyrillic text', () => {
    const letters = [...new Set([...UPPER, ...LOWER, ...SINGLE_FROM, ...MULTI.map(([c]) => c), ..."abcxyz0189 ,.'’-ʹʺ`"])];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 40 }), (chars) => {
        const key = searchKey(chars.join(''));
        expect(key).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
        // A key is its own key: searching with a key finds what it was made from.
        expect(searchKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('is case-blind', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UPPER), { maxLength: 20 }), (chars) => {
        const upper = chars.join('');
        const lower = [...upper].map((c) => [...LOWER][[...UPPER].indexOf(c)]).join('');
        expect(searchKey(upper)).toBe(searchKey(lower));
      }),
    );
  });

  it('has tables of equal lengths', () => {
    expect([...UPPER].length).toBe([...LOWER].length);
    expect([...SINGLE_FROM].length).toBe([...SINGLE_TO].length);
  });
});

describe('romanize', () => {
  it('writes Russian by ICAO 9303, with ъ and ь dropped', () => {
    expect(romanize('Съешь же ещё этих мягких французских булок')).toBe('sesh zhe eshche etikh miagkikh frantsuzskikh bulok');
  });
});

describe('prefixTsQuery', () => {
  it('asks for every word as a prefix', () => {
    expect(prefixTsQuery('ivan mar')).toBe("'ivan':* & 'mar':*");
    expect(prefixTsQuery('ivanova m')).toBe("'ivanova':*");
    expect(prefixTsQuery('m')).toBe("'m':*");
    expect(prefixTsQuery('')).toBeNull();
  });
});
