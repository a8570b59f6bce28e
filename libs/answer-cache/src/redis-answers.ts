import { Redis } from 'ioredis';
import type { StoredAnswer } from './answer-key.js';

/** An answer as one Redis value: its fingerprint (32 bytes), the headers' JSON length (4 bytes) and JSON, then the body. */
export function encodeEntry(fingerprint: Buffer, answer: StoredAnswer): Buffer {
  const headers = Buffer.from(JSON.stringify(answer.headers), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headers.length);
  return Buffer.concat([fingerprint, length, headers, answer.body]);
}

/** The answer in a Redis value when it was stored under `fingerprint`; null for another fingerprint or a value that is no entry. */
export function decodeEntry(value: Buffer, fingerprint: Buffer): StoredAnswer | null {
  if (value.length < 36 || !value.subarray(0, 32).equals(fingerprint)) return null;
  const length = value.readUInt32BE(32);
  if (36 + length > value.length) return null;
  return { headers: JSON.parse(value.subarray(36, 36 + length).toString('utf8')) as Record<string, string>, body: value.subarray(36 + length) };
}

/**
 * Answers kept in Redis (REDIS_URL): `<prefix>:answer:<question hex>` holds the entry, and
 * the sorted set `<prefix>:answers` every question by when it was stored, so the oldest go
 * first when there are more than the bound (BullMQ needs Redis never to evict keys, so the
 * bound is the ledger's own). Commands fail at once while Redis is away (no offline
 * queue): the request then computes its answer.
 */
export class RedisAnswers {
  private readonly redis: Redis;
  private readonly index: string;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.index = `${prefix}:answers`;
  }

  /** Connects (a failure is reported, and commands fail until Redis is back). */
  async connect(onError: (e: Error) => void): Promise<void> {
    this.redis.on('error', onError);
    await this.redis.connect().catch(onError);
  }

  async get(base: Buffer, fingerprint: Buffer): Promise<StoredAnswer | null> {
    const value = await this.redis.getBuffer(this.key(base));
    return value ? decodeEntry(value, fingerprint) : null;
  }

  async store(base: Buffer, fingerprint: Buffer, answer: StoredAnswer): Promise<void> {
    await this.redis.multi().set(this.key(base), encodeEntry(fingerprint, answer)).zadd(this.index, Date.now(), base.toString('hex')).exec();
  }

  /** Keeps the `max` most recently stored answers; returns how many went. */
  async trim(max: number): Promise<number> {
    const count = await this.redis.zcard(this.index);
    if (count <= max) return 0;
    const popped = await this.redis.zpopmin(this.index, count - max);
    const bases = popped.filter((_, i) => i % 2 === 0);
    if (bases.length > 0) await this.redis.del(...bases.map((hex) => `${this.prefix}:answer:${hex}`));
    return bases.length;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(base: Buffer): string {
    return `${this.prefix}:answer:${base.toString('hex')}`;
  }
}
