import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../errors/src/index.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
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

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'A bearer token is required (Authorization: Bearer <token>)');
    const principal = await this.tokens.authenticate(match[1]);
    if (!principal) throw new DomainError('unauthenticated', 'The bearer token is unknown or revoked');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw DomainError.forbidden('This route declares no roles, so nobody may call it');
    if (!roles.includes(principal.role)) {
      throw DomainError.forbidden(`Role ${principal.role} may not call this route (allowed: ${roles.join(', ')})`);
    }
    return true;
  }
}
