import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TokenService } from '../../libs/auth/src/index.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const LIMIT = 5;

/**
 * The rate limit counts requests per authenticated credential, else per address (issue 13,
 * item 5): the same token however its header is spelled is one bucket, and refused tokens
 * count against the address they come from.
 */
describe('rate limit', () => {
  let t: TestApp;
  let tokens: TokenService;

  beforeAll(async () => {
    t = await bootTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    tokens = t.app.get(TokenService);
  });
  afterAll(async () => t?.close());

  const regulatorToken = async () => (await tokens.issue({ role: 'regulator', label: 'rate limit' })).token;
  const me = async (authorization?: string) => {
    const res = await fetch(`${t.baseUrl}/v1/me`, { headers: authorization === undefined ? {} : { authorization } });
    await res.text();
    return res.status;
  };

  it('counts one credential in one bucket however the scheme and spaces are written (RFC 7235)', async () => {
    const token = await regulatorToken();
    const spellings = [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}`, `Bearer\t${token}`, `bEaReR ${token}`];
    const statuses: number[] = [];
    for (const header of spellings) statuses.push(await me(header));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    // The bucket is spent: a new spelling of the same token does not open a fresh one.
    for (const header of [`bearer  ${token}`, `Bearer ${token}`]) {
      const res = await fetch(`${t.baseUrl}/v1/me`, { headers: { authorization: header } });
      expect(res.status).toBe(429);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/Rate limit of 5 requests per minute/);
    }
    // Another credential from the same address has a bucket of its own.
    expect(await me(`Bearer ${await regulatorToken()}`)).toBe(200);
  });

  it('counts refused tokens against the address: guessing never buys a fresh bucket, and anonymous callers share it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push(await me(`Bearer clt_guess-${i}`));
    expect(statuses).toEqual(Array(LIMIT).fill(401));
    expect(await me('Bearer clt_guess-next')).toBe(429);
    expect(await me('bearer clt_guess-other')).toBe(429);
    expect(await me()).toBe(429);
    expect(await me('Basic dXNlcjpwYXNz')).toBe(429);
    // A revoked token is a refused one too.
    const revoked = await tokens.issue({ role: 'regulator', label: 'rate limit, revoked' });
    await tokens.revoke({ role: 'admin', tokenId: null, label: 'test' }, revoked.id);
    expect(await me(`Bearer ${revoked.token}`)).toBe(429);
  });

  it('still serves a valid credential from an address whose bucket guessing has spent', async () => {
    expect(await me(`Bearer ${await regulatorToken()}`)).toBe(200);
  });
});

/** Brute force: refused tokens from one address beyond AUTH_FAILURES_PER_MINUTE lock its token checks for the minute. */
describe('refused tokens per address', () => {
  let t: TestApp;
  let tokens: TokenService;

  beforeAll(async () => {
    t = await bootTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
    tokens = t.app.get(TokenService);
  });
  afterAll(async () => t?.close());

  const get = (path: string, authorization?: string) => fetch(`${t.baseUrl}${path}`, { headers: authorization === undefined ? {} : { authorization } });

  it('answers 429 to any token from an address that presented too many refused ones, without telling a right guess apart', async () => {
    const valid = (await tokens.issue({ role: 'regulator', label: 'brute force' })).token;
    expect((await get('/v1/me', `Bearer ${valid}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get('/v1/me', `Bearer clt_guess-${i}`)).status).toBe(401);
    const locked = await get('/v1/me', 'bearer clt_guess-3');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { detail: string }).detail).toMatch(/Too many refused tokens from this address \(3 a minute\)/);
    // A right guess now looks the same as a wrong one.
    expect((await get('/v1/me', `Bearer ${valid}`)).status).toBe(429);
    // Requests without a token carry nothing to guess: not held up.
    expect((await get('/v1/me')).status).toBe(401);
    expect((await get('/health')).status).toBe(200);
  });
});
