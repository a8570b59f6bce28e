import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { MandatesService, TerminationsService } from '../../../../libs/mandates/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { AcceptMandateDto, AsKnownAtQueryDto, CreateMandateDto, RefuseMandateDto, MandateDto, MandatePageDto, MandateSliceQueryDto } from './dto/mandate.dto.js';
import { TerminationRequestDto, TerminationResultDto } from './dto/termination.dto.js';
import { WhoManagesDto, WhoManagesQueryDto } from './dto/who-manages.dto.js';

@ApiTags('mandates')
@Controller('v1')
export class MandatesController {
  constructor(
    private readonly mandates: MandatesService,
    private readonly terminations: TerminationsService,
  ) {}

  @Post('rights-holders/:id/mandates')
  @Roles('admin', 'rights-holder', 'society')
  @ApiOperation({
    summary:
      "Entrust a society with a category of rights, a type of work, territories and a period: from the rights holder a request the society answers (status requested); from an admin or the society itself (at itself only) active at once. 409 if an exclusive mandate at another society overlaps; 422 naming the society's managed categories if it does not manage this one",
  })
  @ApiCreatedResponse({ type: MandateDto })
  create(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateMandateDto): Promise<MandateDto> {
    return this.mandates.create(p, id, dto);
  }

  @Get('rights-holders/:id/mandates')
  @Roles('admin', 'regulator', 'rights-holder')
  @ApiOperation({ summary: "A rights holder's mandates at every society, valid on `at` as the ledger stood at `asKnownAt`" })
  @ApiOkResponse({ type: MandatePageDto })
  listForHolder(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MandateSliceQueryDto): Promise<MandatePageDto> {
    return this.mandates.listForHolder(p, id, q, q.limit, q.cursor);
  }

  @Get('mandates/:id')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'One mandate as the ledger stands now, or stood at `asKnownAt`' })
  @ApiOkResponse({ type: MandateDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: AsKnownAtQueryDto): Promise<MandateDto> {
    return this.mandates.get(p, id, q.asKnownAt);
  }

  @Get('mandates/:id/versions')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "A mandate's recorded history, oldest version first" })
  @ApiOkResponse({ type: MandatePageDto })
  versions(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: PageQueryDto): Promise<MandatePageDto> {
    return this.mandates.history(p, id, q.limit, q.cursor);
  }

  @Post('mandates/:id/acceptance')
  @Roles('admin', 'society')
  @ApiOperation({ summary: "The society accepts a rights holder's mandate request (Directive Art. 5(2)): active from effectiveFrom (default: the later of the day asked for and the day of the request)" })
  @ApiCreatedResponse({ type: MandateDto })
  accept(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: AcceptMandateDto): Promise<MandateDto> {
    return this.mandates.accept(p, id, dto);
  }

  @Post('mandates/:id/refusal')
  @Roles('admin', 'society')
  @ApiOperation({ summary: "The society refuses a rights holder's mandate request, stating its reason (Directive Art. 5(2), 6(2)): status refused, it never applies" })
  @ApiCreatedResponse({ type: MandateDto })
  refuse(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: RefuseMandateDto): Promise<MandateDto> {
    return this.mandates.refuse(p, id, dto);
  }

  @Post('mandates/:id/termination')
  @Roles('admin', 'rights-holder', 'society')
  @ApiOperation({ summary: "Terminate a contractual mandate, wholly or for some territories (it splits); effective after the society's notice, at its financial-year end if it so chooses" })
  @ApiCreatedResponse({ type: TerminationResultDto })
  terminate(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: TerminationRequestDto): Promise<TerminationResultDto> {
    return this.terminations.terminate(p, id, dto);
  }

  @Post('mandates/:id/opt-out')
  @Roles('admin', 'rights-holder', 'society')
  @ApiOperation({ summary: "Opt out of non-contractual management (without consent): effective under the society's jurisdiction's opt-out policy (its source named), else like a termination" })
  @ApiCreatedResponse({ type: TerminationResultDto })
  optOut(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: TerminationRequestDto): Promise<TerminationResultDto> {
    return this.terminations.optOut(p, id, dto);
  }

  @Get('who-manages')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "Which societies manage a holder's category of rights in a work type and country on a day (a holder asks about itself; a society sees only its own mandates)" })
  @ApiOkResponse({ type: WhoManagesDto })
  whoManages(@CurrentPrincipal() p: Principal, @Query() q: WhoManagesQueryDto): Promise<WhoManagesDto> {
    return this.mandates.whoManages(p, q);
  }
}
