import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { TokenCache } from './token-cache.js';
import { TokenService } from './token.service.js';
import { TokensRepository } from './tokens.repository.js';

@Module({
  providers: [TokensRepository, TokenCache, TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class AuthModule {}
