import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * The board entitlement of a society from money attributed by committed distribution
 * lines, against the board in the registry or in a board package.
 *
 * Society A (EUR, financial year = calendar year). In 2025Q1 its lines attribute 2,500
 * to an author, 1,500 to a composer and 6,000 to two publishers (one line with a 400
 * management fee), plus money that must stay out of the shares: 999.99 USD and 123.45 of
 * an unidentified holder. In 2024Q4 1,000 to the author. The registry seats 3 authors,
 * 3 composers and 1 publisher from 2024; a board package for 2025Q2 seats 2/1/4.
 */
describe('board entitlement', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const holders: Record<string, { id: string; ipi: string; name: string }> = {};

  const entitlement = (query = '', as: Http = society, id = cast.societyA.id) => as.get(`/v1/societies/${id}/board/entitlement${query}`);
  const put = (as: Http, id: string, body: unknown) => as.request('PUT', `/v1/societies/${id}/governance-settings`, body);
  const row = (body: { constituencies: { constituency: string }[] }, name: string) => body.constituencies.find((c) => c.constituency === name) as Record<string, unknown>;
  const seatsOf = (body: { constituencies: { constituency: string; entitledSeats: number; actualSeats: number; gap: number }[] }) =>
    Object.fromEntries(body.constituencies.map((c) => [c.constituency, [c.entitledSeats, c.actualSeats, c.gap]]));

  const line = (id: string, holder: { ipi: string; name: string } | null, gross: string, extra: Record<string, string> = {}) => {
    const fee = extra.management_fee ?? '0.00';
    const net = extra.net ?? gross;
    return distLine({
      line_id: id,
      rights_holder_ipi: holder?.ipi ?? '',
      rights_holder_name: holder?.name ?? 'Unknown claimant',
      currency: 'EUR',
      gross,
      management_fee: fee,
      other_deductions: '0.00',
      net,
      ...(holder ? {} : { status: 'unidentified', paid_on: '' }),
      ...extra,
    });
  };

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    for (const [key, kind] of [
      ['author', 'author'],
      ['composer', 'composer'],
      ['publisher1', 'publisher'],
      ['publisher2', 'publisher'],
      ['performer', 'performer'],
    ] as const) {
      holders[key] = await givenRightsHolder(admin, { kind, name: `${kind} ${key}` });
    }
    const q1 = [
      DIST_HEADER,
      line('L-1', holders.author, '2500.00'),
      line('L-2', holders.composer, '1500.00'),
      line('L-3', holders.publisher1, '4000.00', { management_fee: '400.00', net: '3600.00' }),
      line('L-4', holders.publisher2, '2000.00'),
      line('L-5', holders.performer, '999.99', { currency: 'USD' }),
      line('L-6', null, '123.45'),
    ].join('\n');
    const q4 = [DIST_HEADER, line('L-1', holders.author, '1000.00', { use_from: '2024-10-01', use_to: '2024-12-31', paid_on: '2024-12-15' })].join('\n');
    for (const [period, csv] of [['2025Q1', q1], ['2024Q4', q4]] as const) {
      const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', period, `${csv}\n`);
      expect(final.status).toBe('committed');
    }
    for (const [i, constituency] of ['authors', 'authors', 'authors', 'composers', 'composers', 'composers', 'publishers'].entries()) {
      const res = await society.post(`/v1/societies/${cast.societyA.id}/board-members`, { memberId: `B-${i}`, name: `Member ${i}`, constituency, seatFrom: '2024-01-01' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  describe('governance settings', () => {
    it('gives the defaults while nothing is set', async () => {
      const res = await society.get(`/v1/societies/${cast.societyA.id}/governance-settings`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ societyId: cast.societyA.id, configured: false, boardSize: null, method: 'sainte-lague', lookbackYears: 3 });
      expect(res.body.constituencyMap).toEqual({ author: 'authors', composer: 'composers', publisher: 'publishers', performer: 'performers', producer: 'producers', other: 'other' });
    });

    it('takes the size of the actual board while no board size is set', async () => {
      const res = await entitlement('?from=2025-01-01&to=2025-12-31');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ boardSize: 7, boardSizeSource: 'actual-board', method: 'sainte-lague' });
    });

    it('is set by the society itself, and read by everyone who may read the entitlement', async () => {
      const res = await put(society, cast.societyA.id, { boardSize: 7, method: 'sainte-lague', lookbackYears: 3 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ configured: true, boardSize: 7, method: 'sainte-lague', lookbackYears: 3, updatedBy: expect.stringContaining('society') });
      for (const token of [cast.tokens.admin, cast.tokens.regulator, cast.tokens.holderB]) {
        const read = await admin.as(token).get(`/v1/societies/${cast.societyA.id}/governance-settings`);
        expect([read.status, read.body.boardSize]).toEqual([200, 7]);
      }
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['a board of no seats', { boardSize: 0 }, 'boardSize'],
      ['a board over 100 seats', { boardSize: 101 }, 'boardSize'],
      ['a board size as text', { boardSize: '7' }, 'boardSize'],
      ['no board size', { method: 'dhondt' }, 'boardSize'],
      ['an unknown method', { boardSize: 7, method: 'borda' }, 'method'],
      ['no look-back', { boardSize: 7, lookbackYears: 0 }, 'lookbackYears'],
      ['an 11-year look-back', { boardSize: 7, lookbackYears: 11 }, 'lookbackYears'],
      ['a constituency map that is a list', { boardSize: 7, constituencyMap: ['authors'] }, 'constituencyMap'],
      ['an empty constituency name', { boardSize: 7, constituencyMap: { author: '', composer: 'c', publisher: 'p', performer: 'pf', producer: 'pr', other: 'o' } }, 'constituencyMap.author'],
      ['a kind left out of the map', { boardSize: 7, constituencyMap: { author: 'a', composer: 'c', publisher: 'p', performer: 'pf', other: 'o' } }, 'constituencyMap.producer'],
      ['an unknown kind in the map', { boardSize: 7, constituencyMap: { author: 'a', composer: 'c', publisher: 'p', performer: 'pf', producer: 'pr', other: 'o', lyricist: 'l' } }, 'constituencyMap.lyricist'],
      ['an unknown field', { boardSize: 7, seats: 7 }, 'seats'],
    ];
    it.each(bad)('refuses %s with a 400 naming the field, and keeps the settings', async (_what, body, field) => {
      const res = await put(society, cast.societyA.id, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      const after = await society.get(`/v1/societies/${cast.societyA.id}/governance-settings`);
      expect(after.body).toMatchObject({ boardSize: 7, method: 'sainte-lague', lookbackYears: 3 });
    });

    it('is written only by an admin or the society itself', async () => {
      expect((await put(admin.as(cast.tokens.societyB), cast.societyA.id, { boardSize: 3 })).status).toBe(404);
      expect((await put(admin.as(cast.tokens.regulator), cast.societyA.id, { boardSize: 3 })).status).toBe(403);
      expect((await put(admin.as(cast.tokens.holderA), cast.societyA.id, { boardSize: 3 })).status).toBe(403);
      expect((await admin.as(cast.tokens.societyB).get(`/v1/societies/${cast.societyA.id}/governance-settings`)).status).toBe(404);
      expect((await society.get(`/v1/societies/${cast.societyA.id}/governance-settings`)).body.boardSize).toBe(7);
    });
  });

  describe('from the registry', () => {
    it('apportions the board by money share and shows publishers three seats short', async () => {
      const res = await entitlement('?from=2025-01-01&to=2025-12-31');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        societyId: cast.societyA.id,
        currency: 'EUR',
        method: 'sainte-lague',
        boardSize: 7,
        boardSizeSource: 'settings',
        amountBasis: 'gross',
        window: { from: '2025-01-01', to: '2025-12-31' },
        asOf: '2025-12-31',
        board: { kind: 'registry' },
        actualBoardSize: 7,
        totals: { attributed: '10000.00', unidentified: '123.45', otherCurrencies: [{ currency: 'USD', amount: '999.99' }] },
        ties: [],
        history: [],
      });
      expect(row(res.body, 'publishers')).toEqual({
        constituency: 'publishers',
        kinds: ['publisher'],
        attributed: '6000.00',
        sharePercent: '60.000000',
        entitledSeats: 4,
        lowerQuota: 4,
        upperQuota: 5,
        actualSeats: 1,
        gap: -3,
      });
      expect(seatsOf(res.body)).toEqual({
        authors: [2, 3, 1],
        composers: [1, 3, 2],
        publishers: [4, 1, -3],
        performers: [0, 0, 0],
        producers: [0, 0, 0],
        other: [0, 0, 0],
      });
      // Seat shares 3/7, 3/7, 1/7 against money shares 25 %, 15 %, 60 %.
      expect(res.body.indices).toEqual({ gallagher: '39.904222', loosemoreHanby: '45.714286' });
      expect(res.body.entitledIndices).toEqual({ gallagher: '3.273268', loosemoreHanby: '3.571429' });
    });

    it('counts the money of the window only (by the end of each line’s use period)', async () => {
      const res = await entitlement('?from=2024-01-01&to=2025-12-31');
      expect(res.body.totals.attributed).toBe('11000.00');
      expect(row(res.body, 'authors')).toMatchObject({ attributed: '3500.00', sharePercent: '31.818182' });
      const before = await entitlement('?from=2020-01-01&to=2024-06-30');
      expect(before.body.totals).toEqual({ attributed: '0.00', unidentified: '0.00', otherCurrencies: [] });
      expect(row(before.body, 'authors')).toMatchObject({ sharePercent: null, entitledSeats: null, actualSeats: 3, gap: null });
      expect(before.body.indices).toBeNull();
    });

    it('uses net amounts on request', async () => {
      const res = await entitlement('?from=2025-01-01&to=2025-12-31&amount=net');
      expect(res.body).toMatchObject({ amountBasis: 'net', totals: { attributed: '9600.00' } });
      expect(row(res.body, 'publishers')).toMatchObject({ attributed: '5600.00', sharePercent: '58.333333' });
    });

    it('applies another method on request', async () => {
      const res = await entitlement('?from=2025-01-01&to=2025-12-31&method=hamilton');
      expect(res.body.method).toBe('hamilton');
      // Quotas 1.75 / 1.05 / 4.2: whole parts 1/1/4, the last seat to the largest remainder (authors).
      expect(seatsOf(res.body).authors).toEqual([2, 3, 1]);
      expect(seatsOf(res.body).publishers).toEqual([4, 1, -3]);
    });

    it('defaults the window to the last three complete financial years', async () => {
      const last = new Date().getUTCFullYear() - 1;
      const res = await entitlement();
      expect(res.status).toBe(200);
      expect(res.body.window).toEqual({ from: `${last - 2}-01-01`, to: `${last}-12-31` });
      expect(res.body.asOf).toBe(`${last}-12-31`);
      const rolling = await entitlement('?to=2025-06-30');
      expect(rolling.body.window).toEqual({ from: '2022-07-01', to: '2025-06-30' });
    });

    it('gives a history over financial years, oldest first', async () => {
      const res = await entitlement('?to=2025-12-31&history=2');
      expect(res.status).toBe(200);
      expect(res.body.history.map((h: { financialYear: number; window: unknown; asOf: string }) => [h.financialYear, h.window, h.asOf])).toEqual([
        [2024, { from: '2022-01-01', to: '2024-12-31' }, '2024-12-31'],
        [2025, { from: '2023-01-01', to: '2025-12-31' }, '2025-12-31'],
      ]);
      const [fy2024, fy2025] = res.body.history;
      expect(fy2024.totals.attributed).toBe('1000.00');
      expect(seatsOf(fy2024).authors).toEqual([7, 3, -4]);
      expect(fy2025.totals).toEqual(res.body.totals);
      expect(fy2025.constituencies).toEqual(res.body.constituencies);
      expect(fy2025.totals.attributed).toBe('11000.00');
    });
  });

  describe('from a board package', () => {
    beforeAll(async () => {
      const csv = [
        'member_id,name,constituency,seat_from,seat_to',
        'P-1,Author One,authors,2025-04-01,',
        'P-2,Author Two,authors,2025-04-01,',
        'P-3,Composer One,composers,2025-04-01,',
        'P-4,Publisher One,publishers,2025-04-01,',
        'P-5,Publisher Two,publishers,2025-04-01,',
        'P-6,Publisher Three,publishers,2025-04-01,',
        'P-7,Publisher Four,publishers,2025-04-01,2026-03-31',
      ].join('\n');
      const { final } = await submitAndWait(society, cast.societyA.id, 'board', '2025Q2', `${csv}\n`);
      expect(final.status).toBe('committed');
    });

    it('prefers the committed board package over the registry, and then the gap closes', async () => {
      const res = await entitlement('?from=2025-01-01&to=2025-12-31');
      expect(res.body.board).toEqual({ kind: 'board-package', submissionId: expect.any(String), period: '2025Q2' });
      expect(seatsOf(res.body)).toMatchObject({ authors: [2, 2, 0], composers: [1, 1, 0], publishers: [4, 4, 0] });
      expect(res.body.indices).toEqual(res.body.entitledIndices);
    });

    it('reads the registry for a date before the package’s quarter', async () => {
      const res = await entitlement('?from=2024-04-01&to=2025-03-31');
      expect(res.body.board).toEqual({ kind: 'registry' });
      expect(res.body.actualBoardSize).toBe(7);
    });

    it('counts only the package’s seats held on the date', async () => {
      const res = await entitlement('?from=2025-04-01&to=2026-04-01');
      expect(res.body.board.kind).toBe('board-package');
      expect(seatsOf(res.body).publishers[1]).toBe(3);
      expect(res.body.actualBoardSize).toBe(6);
    });
  });

  describe('constituencies the society defines', () => {
    afterAll(async () => {
      expect((await put(society, cast.societyA.id, { boardSize: 7, method: 'sainte-lague', lookbackYears: 3 })).status).toBe(200);
    });

    it('merges authors and composers into one constituency, seats included', async () => {
      const merged = 'authors and composers';
      const set = await put(admin, cast.societyA.id, {
        boardSize: 5,
        method: 'dhondt',
        lookbackYears: 1,
        constituencyMap: { author: merged, composer: merged, publisher: 'publishers', performer: 'performers', producer: 'producers', other: 'other' },
      });
      expect(set.status).toBe(200);
      const res = await entitlement('?to=2025-03-31');
      expect(res.body).toMatchObject({ method: 'dhondt', boardSize: 5, lookbackYears: 1, window: { from: '2024-04-01', to: '2025-03-31' } });
      expect(res.body.constituencies.map((c: { constituency: string }) => c.constituency)).toEqual([merged, 'publishers', 'performers', 'producers', 'other']);
      // 5,000 vs 6,000 by D'Hondt over 5 seats: 6000, 5000, 3000, 2500, 2000 → 2 and 3; the registry seats 6 and 1.
      expect(row(res.body, merged)).toMatchObject({ kinds: ['author', 'composer'], attributed: '5000.00', entitledSeats: 2, actualSeats: 6, gap: 4 });
      expect(row(res.body, 'publishers')).toMatchObject({ entitledSeats: 3, actualSeats: 1, gap: -2 });
    });
  });

  describe('superseded packages', () => {
    it('counts only the committed resubmission of a quarter', async () => {
      const q1 = [DIST_HEADER, line('L-1', holders.author, '600.00'), line('L-2', holders.publisher1, '400.00')].join('\n');
      const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', `${q1}\n`);
      expect(final.status).toBe('committed');
      const res = await entitlement('?from=2025-01-01&to=2025-03-31');
      expect(res.body.totals).toEqual({ attributed: '1000.00', unidentified: '0.00', otherCurrencies: [] });
      // 60 % / 40 % by Sainte-Laguë over 7: 600, 400, 200, 133.3, 120, 85.7, 80 → 4 and 3.
      expect(seatsOf(res.body)).toMatchObject({ authors: [4, 3, -1], publishers: [3, 1, -2] });
    });
  });

  describe('market share', () => {
    it('lists constituencies and the largest rights holders', async () => {
      const byConstituency = await society.get(`/v1/societies/${cast.societyA.id}/market-share?from=2024-01-01&to=2024-12-31`);
      expect(byConstituency.status).toBe(200);
      expect(byConstituency.body).toMatchObject({ by: 'constituency', holders: null, totals: { attributed: '1000.00' }, window: { from: '2024-01-01', to: '2024-12-31' } });
      expect(byConstituency.body.items[0]).toEqual({ key: 'authors', name: 'authors', constituency: 'authors', kinds: ['author'], attributed: '1000.00', sharePercent: '100.000000' });
      const byHolder = await admin.as(cast.tokens.regulator).get(`/v1/societies/${cast.societyA.id}/market-share?from=2024-01-01&to=2025-12-31&by=rights-holder&limit=1`);
      expect(byHolder.status).toBe(200);
      expect(byHolder.body).toMatchObject({ by: 'rights-holder', holders: 2, totals: { attributed: '2000.00' } });
      expect(byHolder.body.items).toEqual([
        { key: holders.author.id, name: holders.author.name, constituency: 'authors', kinds: ['author'], attributed: '1600.00', sharePercent: '80.000000' },
      ]);
    });

    it('is not for rights holders nor other societies', async () => {
      expect((await admin.as(cast.tokens.holderA).get(`/v1/societies/${cast.societyA.id}/market-share`)).status).toBe(403);
      expect((await admin.as(cast.tokens.societyB).get(`/v1/societies/${cast.societyA.id}/market-share`)).status).toBe(404);
    });

    it('refuses bad queries naming the parameter', async () => {
      for (const [query, field] of [['by=kind', 'by'], ['limit=0', 'limit'], ['limit=1001', 'limit'], ['amount=tax', 'amount'], ['from=2025-02-30', 'from']]) {
        const res = await society.get(`/v1/societies/${cast.societyA.id}/market-share?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      }
    });
  });

  describe('who may read it', () => {
    it('is public to every rights holder, hidden from other societies', async () => {
      expect((await entitlement('?to=2025-12-31', admin.as(cast.tokens.holderB))).status).toBe(200);
      expect((await entitlement('?to=2025-12-31', admin.as(cast.tokens.regulator))).status).toBe(200);
      expect((await entitlement('?to=2025-12-31', admin.as(cast.tokens.societyB))).status).toBe(404);
      expect((await entitlement('?to=2025-12-31', admin.as(cast.tokens.societyA), cast.societyB.id)).status).toBe(404);
      expect((await entitlement('', admin.as(undefined))).status).toBe(401);
    });

    it('is 404 for a society that does not exist', async () => {
      expect((await entitlement('', admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('bad queries → 400 naming the parameter', () => {
    const cases: [string, string][] = [
      ['?method=borda', 'method'],
      ['?from=2025-13-01', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2025-06-01&to=2025-01-01', 'to'],
      ['?from=2999-01-01', 'from'],
      ['?history=21', 'history'],
      ['?history=-1', 'history'],
      ['?history=two', 'history'],
      ['?amount=tax', 'amount'],
      ['?colour=red', 'colour'],
    ];
    it.each(cases)('%s', async (query, field) => {
      const res = await entitlement(query);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(res.body.errors.map(() => field));
    });

    it('names the path parameter that is not a UUID', async () => {
      const res = await society.get('/v1/societies/not-a-uuid/board/entitlement');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  it('cannot apportion a board it knows no size of (422 naming boardSize)', async () => {
    const lonely = await givenSociety(admin);
    const token = await tokenFor(admin, 'society', { societyId: lonely.id });
    const res = await entitlement('', admin.as(token), lonely.id);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'boardSize' })]);
  });
});
