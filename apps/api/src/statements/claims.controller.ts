import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { ClaimsService } from '../../../../libs/statements/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { AcceptClaimDto, ClaimDto, ClaimPageDto, CreateClaimDto, PayClaimDto, RefuseClaimDto, SocietyClaimsQueryDto, UnclaimedPageDto, UnclaimedQueryDto } from './dto/claim.dto.js';

/**
 * Unclaimed money: unidentified lines that may be a holder's, and the claims on them —
 * made by the holder, answered by the society whose line it is (accepted, refused with a
 * reason, or paid by a line of a later package).
 */
@ApiTags('statements')
@Controller('v1')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get('rights-holders/:id/unclaimed')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "Unidentified committed lines whose name matches the holder's (case, order and punctuation aside) or whose work is one of the holder's" })
  @ApiOkResponse({ type: UnclaimedPageDto })
  unclaimed(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: UnclaimedQueryDto): Promise<UnclaimedPageDto> {
    return this.claims.unclaimed(p, id, q.year === undefined ? undefined : Number(q.year), q.limit, q.cursor);
  }

  @Post('rights-holders/:id/claims')
  @Roles('admin', 'rights-holder')
  @ApiOperation({ summary: 'Claim an unidentified line (recorded for its society to act on; 409 if already claimed by this holder)' })
  @ApiCreatedResponse({ type: ClaimDto })
  claim(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateClaimDto): Promise<ClaimDto> {
    return this.claims.claim(p, id, dto);
  }

  @Get('rights-holders/:id/claims')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "The holder's claims (a society: those on its own lines)" })
  @ApiOkResponse({ type: ClaimPageDto })
  ofHolder(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: PageQueryDto): Promise<ClaimPageDto> {
    return this.claims.ofHolder(p, id, q.limit, q.cursor);
  }

  @Get('societies/:id/claims')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "Claims on the society's unidentified lines, for it to act on" })
  @ApiOkResponse({ type: ClaimPageDto })
  ofSociety(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: SocietyClaimsQueryDto): Promise<ClaimPageDto> {
    return this.claims.ofSociety(p, id, q.status, q.limit, q.cursor);
  }

  @Get('claims/:id')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'One claim with its history (the holder who made it, the society whose line it is, regulators and admins)' })
  @ApiOkResponse({ type: ClaimDto })
  one(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<ClaimDto> {
    return this.claims.one(p, id);
  }

  @Post('claims/:id/acceptance')
  @Roles('admin', 'society')
  @ApiOperation({ summary: "The society accepts an open claim (the line is the claimant's; payment follows in a later package). 409 unless open, or when another claim on the line is accepted or paid" })
  @ApiCreatedResponse({ type: ClaimDto })
  accept(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: AcceptClaimDto): Promise<ClaimDto> {
    return this.claims.accept(p, id, dto);
  }

  @Post('claims/:id/refusal')
  @Roles('admin', 'society')
  @ApiOperation({ summary: 'The society refuses an open claim, stating its reason (Directive 2014/26/EU Art. 33(2)); final. 409 unless open' })
  @ApiCreatedResponse({ type: ClaimDto })
  refuse(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: RefuseClaimDto): Promise<ClaimDto> {
    return this.claims.refuse(p, id, dto);
  }

  @Post('claims/:id/payment')
  @Roles('admin', 'society')
  @ApiOperation({
    summary:
      "The society records the line of a later committed package that paid an open or accepted claim: paid, to the claimant, same currency, net, category, period of use and work as the claimed line (422 naming what differs; 409 if that line already paid a claim)",
  })
  @ApiCreatedResponse({ type: ClaimDto })
  pay(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PayClaimDto): Promise<ClaimDto> {
    return this.claims.pay(p, id, dto);
  }
}
