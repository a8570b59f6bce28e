import type { Principal } from './principal.js';

/**
 * What the Authorization header of a request proved, decided once per request (in a
 * Fastify onRequest hook, before the rate limit, so the limit can be keyed by it) and
 * reused by the AuthGuard:
 * - `none`: no bearer credential was presented (no header, or another scheme);
 * - `refused`: a bearer token was presented and is unknown, revoked or expired;
 * - `authenticated`: the principal the token stands for.
 */
export type Authentication =
  | { outcome: 'none' }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'authenticated'; principal: Principal };

/**
 * The bearer token of an Authorization header (RFC 7235 §2.1, RFC 6750 §2.1): the
 * scheme is case-insensitive and any run of spaces or tabs may surround the credential,
 * so `Bearer X`, `bearer X` and `BEARER   X ` carry the same token X. Undefined without
 * a header; null for a header that is not a bearer credential.
 */
export function bearerTokenOf(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^[ \t]*Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1] : null;
}

