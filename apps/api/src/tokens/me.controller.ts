import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, ROLES, Roles } from '../../../../libs/auth/src/index.js';

export class MeDto {
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ format: 'uuid' }) societyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) rightsHolderId?: string;
}

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'Who the presented credential is: its role and tenant (for sign-in)' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() p: Principal): MeDto {
    return { role: p.role, label: p.label, societyId: p.societyId, rightsHolderId: p.rightsHolderId };
  }
}
