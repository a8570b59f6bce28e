import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { InterSocietyMatchingService } from '../../../../libs/inter-society/src/index.js';
import { MatchesDto, MatchesQueryDto, MatrixDto, MatrixQueryDto } from './dto/matching.dto.js';

/** What one society reports paying another against what the other reports receiving (Directive Art. 15, 19). */
@ApiTags('inter-society')
@Controller('v1/inter-society')
export class InterSocietyController {
  constructor(private readonly matching: InterSocietyMatchingService) {}

  @Get('matches')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary:
      "Each society's outgoing transfers matched to the counterparty's incoming ones (CISAC codes, currency, exact amount, dates within toleranceDays, the same transfer id when both use it): matched, amount-differs, unmatched-out, unmatched-in, counterparty-not-on-ledger. A society sees the items it is a side of",
  })
  @ApiOkResponse({ type: MatchesDto })
  matches(@CurrentPrincipal() p: Principal, @Query() q: MatchesQueryDto): Promise<MatchesDto> {
    return this.matching.matches(p, q);
  }

  @Get('matrix')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Society × society: what each payer reports paying each payee and what the payee reports receiving, per currency, with the difference and the items per status' })
  @ApiOkResponse({ type: MatrixDto })
  matrix(@CurrentPrincipal() p: Principal, @Query() q: MatrixQueryDto): Promise<MatrixDto> {
    return this.matching.matrix(p, q);
  }
}
