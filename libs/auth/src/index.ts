export { AuthModule } from './auth.module.js';
export { TokenService, hashToken } from './token.service.js';
export type { IssueTokenInput } from './token.service.js';
export type { TokenView } from './tokens.repository.js';
export { bearerTokenOf } from './credential.js';
export type { Authentication } from './credential.js';
export { Roles, Public, CurrentPrincipal, ROLES_KEY, PUBLIC_KEY } from './decorators.js';
export { ROLES, seesAll, readableSocietyIds, canReadSociety, canReadRightsHolder } from './principal.js';
export type { Principal, Role } from './principal.js';
