import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authentication, TokenService } from '../../../../libs/auth/src/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the request's Authorization header proved, decided once in onRequest (see authenticateRequests). */
    authentication: Authentication | null;
  }
}

/**
 * Decides what each request's credential proves before anything else runs, so the rate
 * limit (an onRequest hook of its own, registered after this one) can count the request
 * against the credential, and the AuthGuard reuses the answer instead of asking again.
 * One indexed lookup of the token's hash per request that presents one, as the guard did.
 */
export function authenticateRequests(fastify: FastifyInstance, tokens: TokenService): void {
  fastify.decorateRequest('authentication', null);
  fastify.addHook('onRequest', async (request) => {
    request.authentication = await tokens.authenticateHeader(request.headers.authorization);
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
