import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CurrentPrincipal, type Principal, ROLES, type Role, Roles, TokenService } from '../../../../libs/auth/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';

export class CreateTokenDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role society' }) @IsOptional() @IsUUID()
  societyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role rights-holder' }) @IsOptional() @IsUUID()
  rightsHolderId?: string;

  @ApiProperty({ example: 'RAO submissions clerk' }) @IsString() @Length(1, 200)
  label: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-06-30T00:00:00Z',
    description: 'When the token stops working: in the future, at most TOKEN_MAX_LIFETIME_DAYS (default 365) days ahead. Default: that maximum. Not with expiresInDays.',
  })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 date-time, e.g. 2026-06-30T00:00:00Z' })
  expiresAt?: string;

  @ApiPropertyOptional({ minimum: 1, example: 90, description: 'Or: how many days the token works, at most TOKEN_MAX_LIFETIME_DAYS (default 365)' })
  @IsOptional() @IsInt({ message: 'must be a whole number of days' }) @Min(1) @Max(36_500)
  expiresInDays?: number;
}

export class TokenDto {
  @ApiProperty({ description: 'The bearer token. Shown once: only its hash is kept.' }) token: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When the token stops working' }) expiresAt: string;
}

export class TokenInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) societyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) rightsHolderId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: issued before tokens expired; works until revoked' }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: string;
}

export class TokenPageDto {
  @ApiProperty({ type: [TokenInfoDto] }) items: TokenInfoDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('auth')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Issue a credential bound to a role (and a tenant for society and rights-holder); it expires (expiresAt, expiresInDays, default TOKEN_MAX_LIFETIME_DAYS)' })
  @ApiCreatedResponse({ type: TokenDto })
  create(@Body() dto: CreateTokenDto): Promise<TokenDto> {
    return this.tokens.issue(dto);
  }

  @Get()
  @Roles('admin', 'society', 'rights-holder')
  @ApiOperation({ summary: 'The tokens the caller manages (admin: all; a society or a rights holder: those bound to it), never the secret' })
  @ApiOkResponse({ type: TokenPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<TokenPageDto> {
    return this.tokens.list(p, q.limit, q.cursor);
  }

  @Delete(':id')
  @Roles('admin', 'society', 'rights-holder')
  @ApiOperation({ summary: "Revoke a token at once (admin: any; a society or a rights holder: its own tokens; another tenant's: 404). Revoking a revoked token changes nothing." })
  @ApiOkResponse({ type: TokenInfoDto, description: 'The revoked token' })
  revoke(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<TokenInfoDto> {
    return this.tokens.revoke(p, id);
  }
}
