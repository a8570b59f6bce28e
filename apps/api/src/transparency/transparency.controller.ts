import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { TransparencyService } from '../../../../libs/transparency/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { TransparencyQueryDto, TransparencyReportDto } from './dto/transparency.dto.js';

/**
 * A society's annual transparency report (Directive 2014/26/EU Art. 22 and Annex),
 * computed from its signed log. Public by law, so rights holders read any society's; a
 * society reads its own; regulators and admins every society's.
 */
@ApiTags('transparency')
@Controller('v1/societies/:id')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('transparency-report')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({
    summary: "The annual transparency report of a financial year (Art. 22 and Annex), pinned to a signed head of the society's log: JSON (RFC 8785 canonical), CSV or PDF",
    description:
      'Figures from the current packages of the quarters ending in the financial year, as of the latest signed head (or asOfTreeSize). ' +
      'The same head gives the same bytes; X-Report-SHA256 is the SHA-256 of the canonical JSON whatever the format. CSV: one row per figure (docs/transparency.md).',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: TransparencyReportDto })
  async report(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) societyId: string,
    @Query() q: TransparencyQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const rendered = await this.transparency.render(p, societyId, { financialYear: q.financialYear, asOfTreeSize: q.asOfTreeSize, format: q.format ?? 'json' });
    void reply.header('Content-Type', rendered.contentType).header('X-Report-SHA256', rendered.sha256);
    if (rendered.format !== 'json') void reply.header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    return rendered.body;
  }
}
