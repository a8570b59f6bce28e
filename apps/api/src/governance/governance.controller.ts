import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { EntitlementService, GovernanceSettingsService, MarketShareService } from '../../../../libs/governance/src/index.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { uuidParam } from '../common/uuid-param.js';
import { BoardEntitlementDto, EntitlementQueryDto } from './dto/entitlement.dto.js';
import { GovernanceSettingsDto, SetGovernanceSettingsDto } from './dto/governance-settings.dto.js';
import { MarketShareDto, MarketShareQueryDto } from './dto/market-share.dto.js';

@ApiTags('governance')
@Controller('v1/societies')
export class GovernanceController {
  constructor(
    private readonly entitlement: EntitlementService,
    private readonly settings: GovernanceSettingsService,
    private readonly marketShare: MarketShareService,
  ) {}

  @Get(':id/board/entitlement')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @CachedAnswer({ societies: ({ params }) => [params.id] })
  @ApiOperation({
    summary: "Board seats each constituency's market share entitles it to, against the actual board: gap and disproportionality, optionally as a history over financial years (public to rights holders)",
  })
  @ApiOkResponse({ type: BoardEntitlementDto })
  boardEntitlement(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: EntitlementQueryDto): Promise<BoardEntitlementDto> {
    return this.entitlement.entitlement(p, id, q);
  }

  @Get(':id/market-share')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'Money attributed by committed distribution lines over a window, per constituency or per rights holder' })
  @ApiOkResponse({ type: MarketShareDto })
  share(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MarketShareQueryDto): Promise<MarketShareDto> {
    return this.marketShare.share(p, id, q);
  }

  @Get(':id/governance-settings')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "The society's board size, apportionment method, look-back window and constituencies (the defaults while none are set)" })
  @ApiOkResponse({ type: GovernanceSettingsDto })
  getSettings(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<GovernanceSettingsDto> {
    return this.settings.get(p, id);
  }

  @Put(':id/governance-settings')
  @Roles('admin', 'society')
  @ApiOperation({ summary: "Set the society's board size (1-100), method, look-back years (1-10) and constituency map" })
  @ApiOkResponse({ type: GovernanceSettingsDto })
  setSettings(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: SetGovernanceSettingsDto): Promise<GovernanceSettingsDto> {
    return this.settings.set(p, id, dto);
  }
}
