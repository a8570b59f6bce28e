import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../config/src/index.js';
import type { Authentication } from './credential.js';
import { TokenCache, type TokenListener } from './token-cache.js';

type Authenticated = Extract<Authentication, { outcome: 'authenticated' }>;

/** A listener driven by the test: it "connects", delivers notifications, answers for other processes and loses its connection on demand. */
class FakeListener implements TokenListener {
  readonly instance = 'me';
  others: string[] = [];
  acknowledged: string[] = [];
  starts = 0;
  fail = false;
  private handlers: Parameters<TokenListener['start']>[0] | null = null;
  async start(handlers: Parameters<TokenListener['start']>[0]): Promise<void> {
    this.starts++;
    if (this.fail) throw new Error('connection refused');
    this.handlers = handlers;
  }
  /** The trigger announces a change: this process hears it (and answers), as the others would. */
  notify(id: string): void {
    this.handlers!.changed(id);
  }
  /** Another process answers. */
  answer(instance: string, id: string): void {
    this.handlers!.acknowledged(instance, id);
  }
  lose(error: Error): void {
    this.handlers!.lost(error);
  }
  acknowledge(id: string): void {
    this.acknowledged.push(id);
    this.handlers!.acknowledged(this.instance, id);
  }
  async peers(): Promise<string[]> {
    return [this.instance, ...this.others];
  }
  async stop(): Promise<void> {}
}

const as = (tokenId: string, role: 'society' | 'admin' = 'society'): Authenticated => ({ outcome: 'authenticated', principal: { role, tokenId, label: tokenId, societyId: 'S' } });

async function listeningCache(config: Partial<Pick<AppConfig, 'TOKEN_CACHE_TTL_MS' | 'TOKEN_CACHE_MAX_ENTRIES'>> = {}) {
  const listener = new FakeListener();
  const cache = new TokenCache(null as never, { TOKEN_CACHE_TTL_MS: 30_000, TOKEN_CACHE_MAX_ENTRIES: 100, ...config } as AppConfig, listener);
  expect(cache.get('x')).toBeUndefined(); // the first use starts the listener
  await new Promise((r) => setImmediate(r));
  expect(cache.active).toBe(true);
  return { cache, listener };
}

describe('TokenCache', () => {
  it('keeps nothing before it listens, then reuses a lookup until its life or the token expiry, the earlier', async () => {
    const listener = new FakeListener();
    const cache = new TokenCache(null as never, { TOKEN_CACHE_TTL_MS: 30_000, TOKEN_CACHE_MAX_ENTRIES: 100 } as AppConfig, listener);
    cache.put('h1', as('t1'), null, cache.epoch);
    expect(cache.get('h1')).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(listener.starts).toBe(1);

    const now = 1_000_000;
    cache.put('h1', as('t1'), null, cache.epoch, now);
    cache.put('h2', as('t2'), now + 5_000, cache.epoch, now);
    expect(cache.get('h1', now + 29_999)).toEqual(as('t1'));
    expect(cache.get('h1', now + 30_000)).toBeUndefined();
    expect(cache.get('h2', now + 4_999)).toEqual(as('t2'));
    expect(cache.get('h2', now + 5_000)).toBeUndefined();
    // Already expired, and the ADMIN_TOKEN (no id): not kept.
    cache.put('h3', as('t3'), now, cache.epoch, now);
    expect(cache.get('h3', now)).toBeUndefined();
    cache.put('h4', { outcome: 'authenticated', principal: { role: 'admin', tokenId: null, label: 'ADMIN_TOKEN' } }, null, cache.epoch, now);
    expect(cache.get('h4', now)).toBeUndefined();
  });

  it('drops a token when its change is announced, and does not keep a lookup that began before', async () => {
    const { cache, listener } = await listeningCache();
    cache.put('h1', as('t1'), null, cache.epoch);
    cache.put('h2', as('t2'), null, cache.epoch);
    const before = cache.epoch; // a lookup of t1 in flight while it is revoked
    listener.notify('t1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(as('t2'));
    cache.put('h1', as('t1'), null, before);
    expect(cache.get('h1')).toBeUndefined();
    listener.notify('*');
    expect(cache.get('h2')).toBeUndefined();
  });

  it('drops everything and stops reusing lookups when the listener is lost, until it listens again', async () => {
    const { cache, listener } = await listeningCache();
    cache.put('h1', as('t1'), null, cache.epoch);
    listener.fail = true;
    listener.lose(new Error('connection reset'));
    expect(cache.active).toBe(false);
    expect(cache.get('h1')).toBeUndefined();
    cache.put('h1', as('t1'), null, cache.epoch);
    expect(cache.get('h1')).toBeUndefined();
    await cache.onModuleDestroy();
  });

  it('keeps at most TOKEN_CACHE_MAX_ENTRIES, the least recently used going first', async () => {
    const { cache } = await listeningCache({ TOKEN_CACHE_MAX_ENTRIES: 2 });
    cache.put('h1', as('t1'), null, cache.epoch);
    cache.put('h2', as('t2'), null, cache.epoch);
    expect(cache.get('h1')).toBeDefined(); // h2 is now the least recently used
    cache.put('h3', as('t3'), null, cache.epoch);
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.get('h1')).toBeDefined();
    expect(cache.get('h3')).toBeDefined();
  });

  it('with TOKEN_CACHE_TTL_MS=0 never listens nor keeps anything', () => {
    const listener = new FakeListener();
    const cache = new TokenCache(null as never, { TOKEN_CACHE_TTL_MS: 0, TOKEN_CACHE_MAX_ENTRIES: 100 } as AppConfig, listener);
    cache.put('h1', as('t1'), null, cache.epoch);
    expect(cache.get('h1')).toBeUndefined();
    expect(listener.starts).toBe(0);
  });

  it('tells a revoking request when every listening process dropped the token (at once when none listens)', async () => {
    const { cache, listener } = await listeningCache();
    listener.others = ['other'];
    let heard = false;
    const change = await cache.expectChange('t1');
    void change.heard.then(() => (heard = true));
    listener.notify('t2');
    listener.notify('t1'); // this process drops it and answers
    await new Promise((r) => setImmediate(r));
    expect(listener.acknowledged).toEqual(['t2', 't1']);
    expect(heard).toBe(false); // the other process has not answered yet
    listener.answer('other', 't2');
    await new Promise((r) => setImmediate(r));
    expect(heard).toBe(false);
    listener.answer('other', 't1');
    await change.heard;
    expect(heard).toBe(true);

    const idle = new TokenCache(null as never, { TOKEN_CACHE_TTL_MS: 30_000, TOKEN_CACHE_MAX_ENTRIES: 100 } as AppConfig, new FakeListener());
    await (await idle.expectChange('t1')).heard;
  });
});
