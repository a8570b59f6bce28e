import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../errors/src/index.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { Authentication } from './credential.js';
import type { Principal, Role } from './principal.js';
import { TokenService } from './token.service.js';

/**
 * The global guard: every route needs a valid bearer token and a role the route names
 * in @Roles, unless it is @Public. A route that declares neither is refused to all.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal; authentication?: Authentication | null }>();
    // The HTTP edge decides it once per request before the rate limit (apps/api authentication hook).
    const authentication = request.authentication ?? (await this.tokens.authenticateHeader(request.headers.authorization));
    if (authentication.outcome === 'none') throw new DomainError('unauthenticated', 'A bearer token is required (Authorization: Bearer <token>)');
    if (authentication.outcome === 'refused') throw new DomainError('unauthenticated', authentication.reason);
    const principal = authentication.principal;
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw DomainError.forbidden('This route declares no roles, so nobody may call it');
    if (!roles.includes(principal.role)) {
      throw DomainError.forbidden(`Role ${principal.role} may not call this route (allowed: ${roles.join(', ')})`);
    }
    return true;
  }
}
