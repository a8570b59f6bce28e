import { describe } from '@jest/globals';

/**
 * `describe` for suites that need Redis. Without REDIS_URL they are skipped, and the
 * global setup says so (and fails the run when REQUIRE_REDIS=1).
 */
export const describeWithRedis: typeof describe = process.env.REDIS_URL ? describe : (describe.skip as typeof describe);
