import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Authentication, bearerTokenOf, type TokenService } from '../../../../libs/auth/src/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the request's Authorization header proved, decided once in onRequest (see authenticateRequests). */
    authentication: Authentication | null;
  }
}

type Limiter = (request: FastifyRequest, options?: { increment?: boolean }) => Promise<{ remaining?: number; ttlInSeconds?: number }>;

/**
 * Decides what each request's credential proves before anything else runs, so the rate
 * limit (an onRequest hook of its own, registered after this one) can count the request
 * against the credential, and the AuthGuard reuses the answer instead of asking again.
 * One indexed lookup of the token's hash per request that presents one, as the guard did.
 *
 * Brute force: each refused token (unknown, revoked, expired) counts against its address;
 * an address with `maxFailuresPerMinute` refusals in the current minute gets a 429 for any
 * token it presents until the minute is over, before the token is looked up, so a guess
 * that happens to be right is not told apart from a wrong one meanwhile. Requests without
 * a token are not held up by it (they carry nothing to guess).
 * Call after @fastify/rate-limit is registered (it provides createRateLimit) and before the
 * routes are: the limiter's hooks are the routes' own, which run after this instance hook.
 */
export function authenticateRequests(fastify: FastifyInstance, tokens: TokenService, maxFailuresPerMinute: number): void {
  const failures = fastify.createRateLimit({
    max: maxFailuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `auth-failures:${request.ip}`,
  }) as Limiter;
  fastify.decorateRequest('authentication', null);
  fastify.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (bearerTokenOf(header)) {
      const seen = await failures(request, { increment: false });
      if (seen.remaining === 0) {
        const retryIn = seen.ttlInSeconds ?? 60;
        void reply.header('retry-after', String(retryIn));
        throw Object.assign(new Error(`Too many refused tokens from this address (${maxFailuresPerMinute} a minute); retry in ${retryIn} s`), { statusCode: 429 });
      }
    }
    try {
      request.authentication = await tokens.authenticateHeader(header);
    } catch (error) {
      // The database is unreachable: public routes (health) still answer; the guard asks again.
      request.log.warn({ err: error }, 'could not check the bearer token before the rate limit');
      return;
    }
    if (request.authentication.outcome === 'refused') await failures(request);
  });
}

/**
 * The rate-limit bucket of a request: the credential it authenticated with (its token id;
 * ADMIN_TOKEN, which has none, is one bucket of its own), else the client address. A
 * refused token (unknown, revoked, expired) counts against its address, as does a request
 * without one: rewriting the header (`bearer`, extra spaces) or guessing tokens never
 * buys a fresh bucket.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const authentication = request.authentication;
  if (authentication?.outcome === 'authenticated') return `credential:${authentication.principal.tokenId ?? 'ADMIN_TOKEN'}`;
  return `address:${request.ip}`;
}
