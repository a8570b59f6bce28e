import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { WorkMoneyService } from '../../../../libs/works-money/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { WorkMoneyDto, WorkMoneyQueryDto } from './dto/work-money.dto.js';

/**
 * Following a work's money (issue 16 item 3): a society reads its own works, admins and
 * regulators any; another society's work is a 404.
 */
@ApiTags('works')
@Controller('v1/works')
export class WorkMoneyController {
  constructor(private readonly money: WorkMoneyService) {}

  @Get(':id/money')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: "A work's money in a financial year: what platforms reported for it (DSR), the lines distributed for it, and each holder's registered share against the share paid",
    description:
      "Reported: DSR lines naming the work's ISWC, or naming no work and one of its registered recordings' ISRCs, from the packages of the quarters ending in the year. " +
      'Distributed: distribution lines with the work\'s ISWC whose use ended in the year or overlaps a reported period. Shares: per right (categories mapped to CWR PR/MR) and currency, ' +
      "each holder's gross over the work's gross against the register's ownership share of the current registration; a difference beyond tolerancePoints is a mismatch.",
  })
  @ApiOkResponse({ type: WorkMoneyDto })
  workMoney(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: WorkMoneyQueryDto): Promise<WorkMoneyDto> {
    return this.money.money(p, id, { financialYear: Number(q.financialYear), tolerancePoints: q.tolerancePoints });
  }
}
