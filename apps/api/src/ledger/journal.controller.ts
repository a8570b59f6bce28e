import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { BalancesService, VerifyService } from '../../../../libs/ledger/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { BalancesDto, BalancesQueryDto, ReconciliationDto, ReconciliationQueryDto, VerifyReportDto } from './dto/journal.dto.js';

/** A society's journal and the check of its log against its lines. */
@ApiTags('ledger')
@Controller('v1/societies/:id')
export class JournalController {
  constructor(
    private readonly balances: BalancesService,
    private readonly verifier: VerifyService,
  ) {}

  @Get('balances')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'Balance of every account by currency, from the entries dated on or before asOf' })
  @ApiOkResponse({ type: BalancesDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) societyId: string, @Query() q: BalancesQueryDto): Promise<BalancesDto> {
    return this.balances.balances(p, societyId, q.asOf);
  }

  @Get('reconciliation')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'Per category and currency over a financial year: collected = deductions + distributed + to other societies + undistributed, with every difference' })
  @ApiOkResponse({ type: ReconciliationDto })
  reconciliation(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) societyId: string, @Query() q: ReconciliationQueryDto): Promise<ReconciliationDto> {
    return this.balances.reconciliation(p, societyId, q.financialYear);
  }

  @Post('verify')
  @HttpCode(200)
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "Recomputes every line's leaf hash, every submission root and the log from the stored lines, and checks them against the signed heads" })
  @ApiOkResponse({ type: VerifyReportDto })
  @ApiConflictResponse({ description: 'A verification of this society is already running (one at a time per society)' })
  verify(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) societyId: string): Promise<VerifyReportDto> {
    return this.verifier.verify(p, societyId);
  }
}
