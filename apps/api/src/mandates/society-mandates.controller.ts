import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { MandatePoliciesService, MandatesService, NonContractualService } from '../../../../libs/mandates/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { MandatePageDto, MandateSliceQueryDto } from './dto/mandate.dto.js';
import { MandatePolicyDto, NonContractualQueryDto, NonContractualReportDto, SetMandatePolicyDto } from './dto/society-mandates.dto.js';

@ApiTags('mandates')
@Controller('v1/societies')
export class SocietyMandatesController {
  constructor(
    private readonly mandates: MandatesService,
    private readonly policies: MandatePoliciesService,
    private readonly nonContractual: NonContractualService,
  ) {}

  @Get(':id/mandates')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'The mandates a society holds, valid on `at` as the ledger stood at `asKnownAt`' })
  @ApiOkResponse({ type: MandatePageDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MandateSliceQueryDto): Promise<MandatePageDto> {
    return this.mandates.listForSociety(p, id, q, q.limit, q.cursor);
  }

  @Get(':id/mandate-policy')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "The society's mandate policy (readable by rights holders, who choose by it): notice for ending mandates, financial-year-end rule, categories managed, days to answer a request, opt-out policy of its jurisdiction" })
  @ApiOkResponse({ type: MandatePolicyDto })
  getPolicy(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<MandatePolicyDto> {
    return this.policies.get(p, id);
  }

  @Put(':id/mandate-policy')
  @Roles('admin', 'society')
  @ApiOperation({ summary: 'Set the notice (0-6 months), financial-year-end rule, managed categories and days to answer requests, from now on (kept as history)' })
  @ApiOkResponse({ type: MandatePolicyDto })
  setPolicy(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: SetMandatePolicyDto): Promise<MandatePolicyDto> {
    return this.policies.set(p, id, dto);
  }

  @Get(':id/non-contractual')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'How many rights holders and how much money the society manages without a mandate (non-contractual), against the total: declared (its own label) and verified (the mandate register) side by side' })
  @ApiOkResponse({ type: NonContractualReportDto })
  nonContractualReport(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: NonContractualQueryDto): Promise<NonContractualReportDto> {
    return this.nonContractual.report(p, id, q.at, q.financialYear);
  }
}
