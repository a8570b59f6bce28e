import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { normalizeIsni } from '../../../../libs/identifiers/src/index.js';
import { RightsHoldersService } from '../../../../libs/registry/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { CreateRightsHolderDto, RenameRightsHolderDto, RightsHolderDto, RightsHolderPageDto } from './dto/rights-holder.dto.js';

@ApiTags('registry')
@Controller('v1/rights-holders')
export class RightsHoldersController {
  constructor(private readonly holders: RightsHoldersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register a rights holder',
    description: 'An IPI a society registered from its distribution lines (nameSource "society", provisional) is confirmed: same id, these details. Otherwise a registered IPI or ISNI is a 409.',
  })
  @ApiCreatedResponse({ type: RightsHolderDto })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateRightsHolderDto): Promise<RightsHolderDto> {
    return this.holders.register({ name: dto.name, ipi: dto.ipi, isni: dto.isni ? normalizeIsni(dto.isni) : null, kind: dto.kind, country: dto.country }, p);
  }

  @Patch(':id')
  @Roles('admin', 'rights-holder')
  @ApiOperation({ summary: "Correct a rights holder's name (an admin: any holder's; a rights holder: its own)", description: 'The name then comes from the admin or the holder (nameSource), never again from a society.' })
  @ApiOkResponse({ type: RightsHolderDto })
  rename(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: RenameRightsHolderDto): Promise<RightsHolderDto> {
    return this.holders.rename(p, id, dto.name);
  }

  @Get()
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'List the rights holders the caller may see (a rights holder sees itself; a society those holding a mandate at it)' })
  @ApiOkResponse({ type: RightsHolderPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<RightsHolderPageDto> {
    return this.holders.list(p, q.limit, q.cursor);
  }

  @Get(':id')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'One rights holder' })
  @ApiOkResponse({ type: RightsHolderDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<RightsHolderDto> {
    return this.holders.get(p, id);
  }
}
