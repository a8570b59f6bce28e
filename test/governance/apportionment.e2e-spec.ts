import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** POST /v1/apportionment: the stateless seat calculator over HTTP. */
describe('POST /v1/apportionment', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let http: Http;

  const TEXTBOOK = [
    { name: 'A', votes: '100000' },
    { name: 'B', votes: '80000' },
    { name: 'C', votes: '30000' },
    { name: 'D', votes: '20000' },
  ];

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    http = admin;
  });
  afterAll(async () => t?.close());

  it("apportions the textbook D'Hondt example 4/3/1/0 with quotas, indices and no ties", async () => {
    const res = await http.post('/v1/apportionment', { method: 'dhondt', seats: 8, parties: TEXTBOOK });
    expect(res.status).toBe(200);
    expect(res.body.seats).toEqual([
      { name: 'A', votes: '100000', seats: 4, lowerQuota: 3, upperQuota: 4, withinQuota: true },
      { name: 'B', votes: '80000', seats: 3, lowerQuota: 2, upperQuota: 3, withinQuota: true },
      { name: 'C', votes: '30000', seats: 1, lowerQuota: 1, upperQuota: 2, withinQuota: true },
      { name: 'D', votes: '20000', seats: 0, lowerQuota: 0, upperQuota: 1, withinQuota: true },
    ]);
    expect(res.body.ties).toEqual([]);
    expect(res.body.method).toBe('dhondt');
    expect(res.body.indices.gallagher).toMatch(/^\d+\.\d{6}$/);
    // Loosemore–Hanby: ½ Σ |v − s| over shares 43.478/34.783/13.043/8.696 % vs 50/37.5/12.5/0 %.
    expect(res.body.indices.loosemoreHanby).toBe('9.239130');
    expect(res.body.laws).toMatchObject({ lowerQuota: true, upperQuota: false, houseMonotone: true });
  });

  it('lets every role use the calculator', async () => {
    for (const token of [cast.tokens.regulator, cast.tokens.societyA, cast.tokens.holderA]) {
      const res = await http.as(token).post('/v1/apportionment', { method: 'sainte-lague', seats: 8, parties: TEXTBOOK });
      expect(res.status).toBe(200);
      expect(res.body.seats.map((s: { seats: number }) => s.seats)).toEqual([3, 3, 1, 1]);
    }
  });

  it('takes money shares as decimal strings, exactly (the same seats as the amounts in cents)', async () => {
    const money = [
      { name: 'authors', votes: '1234567.89' },
      { name: 'publishers', votes: '2345678.01' },
      { name: 'performers', votes: '0.5' },
    ];
    const cents = [
      { name: 'authors', votes: '123456789' },
      { name: 'publishers', votes: '234567801' },
      { name: 'performers', votes: '50' },
    ];
    for (const method of ['hamilton', 'droop', 'huntington-hill', 'modified-sainte-lague', 'adams']) {
      const a = await http.post('/v1/apportionment', { method, seats: 11, parties: money});
      const b = await http.post('/v1/apportionment', { method, seats: 11, parties: cents});
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.seats.map((s: { votes: string }) => s.votes)).toEqual(['1234567.89', '2345678.01', '0.5']);
      expect(a.body.seats.map((s: { seats: number }) => s.seats)).toEqual(b.body.seats.map((s: { seats: number }) => s.seats));
      expect(a.body.seats.reduce((n: number, s: { seats: number }) => n + s.seats, 0)).toBe(11);
    }
  });

  it('applies a threshold and seat bounds', async () => {
    const res = await http.post('/v1/apportionment', { method: 'dhondt', seats: 8, parties: TEXTBOOK, threshold: '10', maxSeats: 3 });
    expect(res.status).toBe(200);
    expect(res.body.seats.map((s: { seats: number }) => s.seats)).toEqual([3, 3, 2, 0]);
  });

  describe('bad input → 400 problem naming the field', () => {
    const valid = { method: 'dhondt', seats: 8, parties: TEXTBOOK };
    const cases: [string, unknown, string][] = [
      ['negative votes', { ...valid, parties: [TEXTBOOK[0], { name: 'B', votes: '-5' }] }, 'parties[1].votes'],
      ['non-numeric votes', { ...valid, parties: [{ name: 'A', votes: 'lots' }, TEXTBOOK[1]] }, 'parties[0].votes'],
      ['exponent votes', { ...valid, parties: [{ name: 'A', votes: '1e5' }] }, 'parties[0].votes'],
      ['fractional JSON number votes', { ...valid, parties: [{ name: 'A', votes: 10.5 }] }, 'parties[0].votes'],
      ['votes of the wrong type', { ...valid, parties: [{ name: 'A', votes: true }] }, 'parties[0].votes'],
      ['seats fewer than the minimum seats need', { ...valid, seats: 3, minSeats: 1 }, 'minSeats'],
      ['minSeats above maxSeats', { ...valid, minSeats: 3, maxSeats: 2 }, 'minSeats'],
      ['an unknown method', { ...valid, method: 'borda' }, 'method'],
      ['duplicate party names', { ...valid, parties: [...TEXTBOOK, { name: 'B', votes: '1' }] }, 'parties[4].name'],
      ['an empty party name', { ...valid, parties: [{ name: ' ', votes: '1' }] }, 'parties[0].name'],
      ['no parties', { ...valid, parties: [] }, 'parties'],
      ['all votes zero', { ...valid, parties: [{ name: 'A', votes: '0' }] }, 'parties'],
      ['zero seats', { ...valid, seats: 0 }, 'seats'],
      ['seats as a string', { ...valid, seats: '8' }, 'seats'],
      ['a threshold above 100', { ...valid, threshold: '101' }, 'threshold'],
      ['an unknown field', { ...valid, quota: 'hare' }, 'quota'],
      ['an unknown party field', { ...valid, parties: [{ name: 'A', votes: '1', colour: 'red' }] }, 'parties[0].colour'],
      ['a body that is not an object', [valid], 'body'],
    ];
    it.each(cases)('%s', async (_what, body, field) => {
      const res = await http.post('/v1/apportionment', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual([expect.objectContaining({ field, message: expect.any(String) })]);
    });

    it('refuses malformed JSON with a 400', async () => {
      const res = await http.post('/v1/apportionment', '{"method": "dhondt",', { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
    });
  });

  it('refuses a caller without a token', async () => {
    expect((await http.as(undefined).post('/v1/apportionment', { method: 'dhondt', seats: 1, parties: TEXTBOOK })).status).toBe(401);
  });
});
