import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIpi, makeIswc } from '../../libs/identifiers/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { givenMandate } from '../mandates/factories.js';
import { givenRightsHolder, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

interface Item {
  kind: string;
  id: string;
  label: string;
  match: string;
  [k: string]: unknown;
}

/** Works on the lines of society A and B (stored form and display form). */
const WINTER_ROAD = 'T-034.524.680-1';
const WINTER_ROAD_ID = 'T0345246801';
const NIGHTS = makeIswc('987654321');

/**
 * GET /v1/search (issue 17 item 2): rights holders, societies, works and lines, by name
 * or title in either script, by IPI, ISWC, CISAC code and line id; ranked; scoped to
 * the caller.
 */
describe('search', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let as: (token: string) => Http;
  let tokens: Record<string, string>;
  const holders: Record<string, { id: string; ipi: string; name: string }> = {};
  const packages: Record<string, string> = {};
  let n = 0;
  const freshIpi = () => makeIpi(String(610_000_000 + ((process.pid * 31 + ++n) % 300_000_000)).padStart(9, '0'));

  const search = async (token: string, query: string): Promise<Item[]> => {
    const res = await as(token).get(`/v1/search?${query}`);
    if (res.status !== 200) throw new Error(`search ${query}: ${res.status} ${res.text}`);
    return res.body.items;
  };
  const q = (token: string, text: string, more = '') => search(token, `q=${encodeURIComponent(text)}${more}`);
  const labels = (items: Item[], kind?: string) => items.filter((i) => !kind || i.kind === kind).map((i) => i.label);

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    as = (token) => admin.as(token);
    cast = await givenTenants(admin);
    const register = async (key: string, name: string) => (holders[key] = await givenRightsHolder(admin, { name, ipi: freshIpi(), kind: 'author', country: 'RU' }));
    await register('ivanovaMaria', 'Иванова, Мария');
    await register('ivanova', 'Ivanova');
    await register('ivanovskaya', 'Ivanovskaya, Olga');
    await register('petrov', 'Petrov, Pyotr');
    await register('tchaikovsky', 'Чайковский, Пётр');
    tokens = { ...cast.tokens, ivanovaMaria: await tokenFor(admin, 'rights-holder', { rightsHolderId: holders.ivanovaMaria.id }) };
    // Maria Ivanova holds a mandate at society A, Pyotr Petrov at society B.
    await givenMandate(admin, holders.ivanovaMaria.id, cast.societyA.id);
    await givenMandate(admin, holders.petrov.id, cast.societyB.id);

    const line = (o: Record<string, string>) => distribution({ currency: 'RUB', territory: 'RU', ...o });
    packages.a = (
      await commit(as(tokens.societyA), cast.societyA.id, 'distribution-lines', '2025Q1', [
        line({ line_id: 'L-1', rights_holder_ipi: holders.ivanovaMaria.ipi, rights_holder_name: 'Иванова Мария', work_iswc: WINTER_ROAD, work_title: 'Зимняя дорога' }),
        line({ line_id: 'L-2', rights_holder_ipi: holders.petrov.ipi, rights_holder_name: 'Petrov, Pyotr', work_iswc: '', work_title: 'Moscow Nights' }),
        line({ line_id: 'U-1', rights_holder_ipi: '', rights_holder_name: 'ПЕТРОВА АННА', work_iswc: WINTER_ROAD, work_title: 'Зимняя дорога', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual' }),
      ])
    ).id;
    packages.b = (
      await commit(as(tokens.societyB), cast.societyB.id, 'distribution-lines', '2025Q1', [
        line({ line_id: 'L-1', rights_holder_ipi: holders.petrov.ipi, rights_holder_name: 'Petrov, Pyotr', work_iswc: NIGHTS, work_title: 'Подмосковные вечера' }),
        line({ line_id: 'U-1', rights_holder_ipi: '', rights_holder_name: 'IVANOVA M.', work_iswc: '', work_title: 'Untitled', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual' }),
      ])
    ).id;
  });
  afterAll(async () => t?.close());

  describe('Cyrillic and Latin spellings find each other', () => {
    it('a Latin query finds a name written in Cyrillic, and its variants (й, х, ё, ий)', async () => {
      expect(labels(await q(tokens.regulator, 'Ivanova'), 'rights-holder')).toContain('Иванова, Мария');
      expect(labels(await q(tokens.regulator, 'Tchaikovsky'), 'rights-holder')).toEqual(['Чайковский, Пётр']);
      expect(labels(await q(tokens.regulator, 'Chaikovskiy Pyotr'), 'rights-holder')).toEqual(['Чайковский, Пётр']);
      expect(labels(await q(tokens.regulator, 'Tschaikowsky'), 'rights-holder')).toEqual(['Чайковский, Пётр']);
    });

    it('a Cyrillic query finds a name written in Latin, whatever the word order', async () => {
      expect(labels(await q(tokens.regulator, 'Петров'), 'rights-holder')).toContain('Petrov, Pyotr');
      expect(labels(await q(tokens.regulator, 'Пётр Петров'), 'rights-holder')[0]).toBe('Petrov, Pyotr');
      expect(labels(await q(tokens.regulator, 'ИВАНОВА'), 'rights-holder')).toEqual(expect.arrayContaining(['Ivanova', 'Иванова, Мария']));
    });

    it('finds a work by its title in the other script, and an unidentified line by the name written on it', async () => {
      const works = (await q(tokens.regulator, 'Zimnyaya doroga')).filter((i) => i.kind === 'work');
      expect(works).toEqual([
        { kind: 'work', id: WINTER_ROAD_ID, label: 'Зимняя дорога', match: 'title', iswc: WINTER_ROAD, societyId: cast.societyA.id, societyName: cast.societyA.name, submissionId: packages.a },
      ]);
      expect(labels(await q(tokens.regulator, 'Podmoskovnye vechera'), 'work')).toEqual(['Подмосковные вечера']);
      expect(labels(await q(tokens.regulator, 'MOSCOW nights'), 'work')).toEqual(['Moscow Nights']);
      const lines = (await q(tokens.regulator, 'Petrova Anna')).filter((i) => i.kind === 'line');
      expect(lines).toEqual([
        {
          kind: 'line',
          id: `${packages.a}/U-1`,
          label: 'ПЕТРОВА АННА — Зимняя дорога',
          match: 'name',
          iswc: WINTER_ROAD,
          societyId: cast.societyA.id,
          societyName: cast.societyA.name,
          submissionId: packages.a,
          lineId: 'U-1',
          period: '2025Q1',
          status: 'unidentified',
          superseded: false,
        },
      ]);
      expect(labels(await q(tokens.regulator, 'Иванова М'), 'line')).toEqual(['IVANOVA M. — Untitled']);
    });

    it('finds by the first letters of each word (full-text prefixes), also below three letters', async () => {
      expect(labels(await q(tokens.regulator, 'Чайк П'), 'rights-holder')).toEqual(['Чайковский, Пётр']);
      expect(labels(await q(tokens.regulator, 'iv'), 'rights-holder')).toEqual(expect.arrayContaining(['Ivanova', 'Иванова, Мария', 'Ivanovskaya, Olga']));
    });
  });

  describe('identifiers and ranking', () => {
    it('finds a rights holder by IPI, written with or without separators and leading zeros, first', async () => {
      const ipi = holders.ivanovaMaria.ipi;
      for (const written of [ipi, `${ipi.slice(0, 3)} ${ipi.slice(3, 6)} ${ipi.slice(6)}`, ipi.replace(/^0+/, '')]) {
        const items = await q(tokens.regulator, written);
        expect({ written, first: items[0] }).toEqual({ written, first: { kind: 'rights-holder', id: holders.ivanovaMaria.id, label: 'Иванова, Мария', match: 'ipi', ipi } });
      }
    });

    it('finds a work by ISWC in either spelling, and the unidentified lines on it, before anything similar', async () => {
      for (const written of [WINTER_ROAD, WINTER_ROAD_ID]) {
        const items = await q(tokens.regulator, written);
        expect(items.slice(0, 2).map((i) => [i.kind, i.id, i.match])).toEqual([
          ['work', WINTER_ROAD_ID, 'iswc'],
          ['line', `${packages.a}/U-1`, 'iswc'],
        ]);
      }
    });

    it('finds a society by name and by CISAC code', async () => {
      expect((await q(tokens.regulator, cast.societyA.cisacCode, '&kind=society'))[0]).toEqual({
        kind: 'society',
        id: cast.societyA.id,
        label: cast.societyA.name,
        match: 'cisac-code',
        cisacCode: cast.societyA.cisacCode,
      });
      expect(labels(await q(tokens.regulator, cast.societyB.name, '&kind=society'))[0]).toBe(cast.societyB.name);
    });

    it('finds a line by its line id in every package the caller may read', async () => {
      const items = (await q(tokens.regulator, 'U-1')).filter((i) => i.kind === 'line');
      expect(items.map((i) => [i.id, i.match]).sort()).toEqual([
        [`${packages.a}/U-1`, 'line-id'],
        [`${packages.b}/U-1`, 'line-id'],
      ].sort());
    });

    it('ranks the name spelled exactly first, then names holding the word, then similar names', async () => {
      const found = labels(await q(tokens.regulator, 'Иванова', '&kind=rights-holder'));
      expect(found.slice(0, 2)).toEqual(['Ivanova', 'Иванова, Мария']);
      expect(found).toContain('Ivanovskaya, Olga');
      expect(found.indexOf('Ivanovskaya, Olga')).toBeGreaterThan(1);
    });

    it('gives at most `limit` items, and one kind when asked', async () => {
      expect(await q(tokens.regulator, 'Ivanova', '&limit=1')).toHaveLength(1);
      const kinds = new Set((await q(tokens.regulator, 'Ivanova', '&kind=line')).map((i) => i.kind));
      expect([...kinds]).toEqual(['line']);
    });
  });

  describe('tenancy', () => {
    it("a society finds its own members, works and lines, and nothing of another society's", async () => {
      const a = await q(tokens.societyA, 'Petrov');
      expect(labels(a, 'rights-holder')).toEqual([]); // Petrov holds a mandate at society B only
      expect(labels(a, 'line')).toEqual(['ПЕТРОВА АННА — Зимняя дорога']);
      const b = await q(tokens.societyB, 'Petrov');
      expect(labels(b, 'rights-holder')).toEqual(['Petrov, Pyotr']);
      expect(labels(b, 'line')).toEqual([]);
      expect(labels(await q(tokens.societyB, 'Зимняя дорога'))).toEqual([]);
      expect(labels(await q(tokens.societyA, 'Зимняя дорога'), 'work')).toEqual(['Зимняя дорога']);
      expect((await q(tokens.societyB, 'U-1')).map((i) => i.id)).toEqual([`${packages.b}/U-1`]);
      expect(await q(tokens.societyB, WINTER_ROAD)).toEqual([]);
    });

    it('a society finds only itself among societies; a rights holder finds every society', async () => {
      // "Test Society 2" is found by its own society only; society A finds itself, similarly named.
      expect((await q(tokens.societyA, cast.societyB.name, '&kind=society')).map((i) => i.id)).toEqual([cast.societyA.id]);
      expect((await q(tokens.societyB, cast.societyB.name, '&kind=society')).map((i) => [i.id, i.match])).toEqual([[cast.societyB.id, 'name']]);
      expect(await q(tokens.societyA, cast.societyB.cisacCode, '&kind=society')).toEqual([]);
      expect(labels(await q(tokens.ivanovaMaria, cast.societyB.name, '&kind=society'))[0]).toBe(cast.societyB.name);
    });

    it('a rights holder finds itself, its works and its lines, and no other holder', async () => {
      const me = tokens.ivanovaMaria;
      expect(labels(await q(me, 'Ivanova'))).toEqual(['Иванова, Мария']);
      expect(await q(me, 'Petrov')).toEqual([]);
      expect(await q(me, holders.petrov.ipi)).toEqual([]);
      expect(await q(me, 'Zimnyaya doroga')).toEqual([{ kind: 'work', id: WINTER_ROAD_ID, label: 'Зимняя дорога', match: 'title', iswc: WINTER_ROAD, societyId: null, societyName: null, submissionId: null }]);
      expect(await q(me, 'Moscow Nights')).toEqual([]);
      // Its own L-1 at society A, not Petrov's L-1 at society B.
      expect((await q(me, 'L-1')).map((i) => [i.kind, i.id])).toEqual([['line', `${packages.a}/L-1`]]);
      expect(labels(await q(cast.tokens.holderB, 'Ivanova'))).toEqual([]);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming q when it is missing, empty, blank, too long or without a letter or digit', async () => {
      for (const query of ['', 'q=', 'q=%20%20', `q=${'я'.repeat(201)}`, 'q=%E2%80%94%20%21%3F']) {
        const res = await as(tokens.regulator).get(`/v1/search?${query}`);
        expect({ query, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ query, status: 400, fields: ['q'] });
      }
      expect((await as(tokens.regulator).get(`/v1/search?q=${'я'.repeat(200)}`)).status).toBe(200);
    });

    it('answers 400 for an unknown kind or a limit out of range', async () => {
      for (const query of ['q=a&kind=person', 'q=a&limit=0', 'q=a&limit=51', 'q=a&limit=x', 'q=a&extra=1']) {
        const res = await as(tokens.regulator).get(`/v1/search?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
    });

    it('answers 401 without a token', async () => {
      expect((await new Http(t.baseUrl).get('/v1/search?q=Ivanova')).status).toBe(401);
    });
  });
});
