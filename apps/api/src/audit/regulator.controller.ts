import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditParametersService, OverviewService } from '../../../../libs/audit/src/index.js';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { AuditCatalogueDto, AuditRulesQueryDto, CatalogueEntryDto, SetAuditParametersDto } from './dto/audit-rules.dto.js';
import { OverviewQueryDto, RegulatorOverviewDto } from './dto/audit.dto.js';

/** The regulator's side of audits: every society side by side, and the rule catalogue with each jurisdiction's parameters. */
@ApiTags('audits')
@Controller('v1')
export class RegulatorController {
  constructor(
    private readonly overviews: OverviewService,
    private readonly parameters: AuditParametersService,
  ) {}

  @Get('regulator/overview')
  @Roles('admin', 'regulator')
  @CachedAnswer({ societies: 'all' })
  @ApiOperation({ summary: 'Every society side by side for a financial year (cost ratio, payment delay, undistributed share, board gap, failed rules), pinned to the latest heads' })
  @ApiOkResponse({ type: RegulatorOverviewDto })
  overview(@CurrentPrincipal() p: Principal, @Query() q: OverviewQueryDto): Promise<RegulatorOverviewDto> {
    return this.overviews.overview(p, q.financialYear);
  }

  @Get('audit-rules')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'The rule catalogue: id, title, legal source, severity, parameters with their defaults and, for a jurisdiction, the values in force' })
  @ApiOkResponse({ type: AuditCatalogueDto })
  catalogue(@Query() q: AuditRulesQueryDto): Promise<AuditCatalogueDto> {
    return this.parameters.catalogue(q.jurisdiction) as Promise<AuditCatalogueDto>;
  }

  @Put('audit-rules/:ruleId/parameters/:jurisdiction')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: "Set a rule's parameters for a jurisdiction (ISO 3166-1 alpha-2; every society of that country is audited with them)" })
  @ApiOkResponse({ type: CatalogueEntryDto })
  setParameters(
    @CurrentPrincipal() p: Principal,
    @Param('ruleId') ruleId: string,
    @Param('jurisdiction') jurisdiction: string,
    @Body() dto: SetAuditParametersDto,
  ): Promise<CatalogueEntryDto> {
    return this.parameters.set(p, ruleId, jurisdiction, dto.params) as Promise<CatalogueEntryDto>;
  }
}
