import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { SubmissionLinesService } from '../../../../libs/submissions/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { SubmissionLinesPageDto, SubmissionLinesQueryDto } from './dto/submission-lines.dto.js';

@ApiTags('submissions')
@Controller()
export class SubmissionLinesController {
  constructor(private readonly lines: SubmissionLinesService) {}

  @Get('v1/submissions/:id/lines')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: "A committed distribution-lines package's lines, with the declared mandate basis and the mandate status derived from the register when it committed",
    description: 'Ordered by line number. mandateStatus filters by derived status; q finds text in the line id, holder name or IPI, or work title.',
  })
  @ApiOkResponse({ type: SubmissionLinesPageDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: SubmissionLinesQueryDto): Promise<SubmissionLinesPageDto> {
    return this.lines.list(p, id, q);
  }
}
