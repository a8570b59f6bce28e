import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role, Roles, TokenService } from '../../../../libs/auth/src/index.js';

export class CreateTokenDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role society' }) @IsOptional() @IsUUID()
  societyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role rights-holder' }) @IsOptional() @IsUUID()
  rightsHolderId?: string;

  @ApiProperty({ example: 'RAO submissions clerk' }) @IsString() @Length(1, 200)
  label: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The bearer token. Shown once: only its hash is kept.' }) token: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

@ApiTags('auth')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Issue a credential bound to a role (and a tenant for society and rights-holder)' })
  @ApiCreatedResponse({ type: TokenDto })
  create(@Body() dto: CreateTokenDto): Promise<TokenDto> {
    return this.tokens.issue(dto);
  }
}
