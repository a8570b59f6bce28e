import { describe } from '@jest/globals';

/**
 * `describe` for suites that need Redis. Without REDIS_URL they are skipped, and the
 * global setup says so (and fails the run when REQUIRE_REDIS=1).
 */
export const describeWithRedis: typeof describe = process.env.REDIS_URL ? describe : (describe.skip as typeof describe);

/** Removes every key under `prefix` (a suite's own queues and kept answers) from REDIS_URL's Redis. */
export async function dropRedisKeys(prefix: string): Promise<void> {
  if (!process.env.REDIS_URL) return;
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
