import type { Principal } from '../../../../libs/auth/src/index.js';

/**
 * Who reads a public route without a token (Directive 2014/26/EU Art. 22: published to
 * the world): the services' society checks see it as a reader of any society's public
 * facts, as they see a rights holder; it names no rights holder, so nothing of one.
 * Only routes marked @Public pass it, and only to services that return public facts.
 */
export const PUBLIC_READER: Principal = { role: 'rights-holder', tokenId: null, label: 'public (no token)' };
