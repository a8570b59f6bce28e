import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../../../libs/auth/src/index.js';
import { TransparencyService } from '../../../../libs/transparency/src/index.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { documentLang } from '../common/lang.js';
import { PUBLIC_READER } from '../common/public-reader.js';
import { uuidParam } from '../common/uuid-param.js';
import { TransparencyQueryDto, TransparencyReportDto } from './dto/transparency.dto.js';

/**
 * A society's annual transparency report (Directive 2014/26/EU Art. 22 and Annex),
 * computed from its signed log. Public by law (Art. 22(1): published on the society's
 * website, kept there for at least five years): anyone reads any society's, any
 * financial year's, without a token (rate-limited per address). Nothing is deleted:
 * a report is recomputed from the append-only log, so every year stays available.
 */
@ApiTags('transparency')
@Controller('v1/societies/:id')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('transparency-report')
  @Public()
  @CachedAnswer({ societies: ({ params }) => [params.id], headers: ['x-report-sha256'] })
  @ApiOperation({
    summary: "Public, no token. The annual transparency report of a financial year (Art. 22 and Annex), pinned to a signed head of the society's log: JSON (RFC 8785 canonical), CSV or PDF",
    description:
      'Figures from the current packages of the quarters ending in the financial year, as of the latest signed head (or asOfTreeSize). ' +
      'The same head gives the same bytes; X-Report-SHA256 is the SHA-256 of the canonical JSON whatever the format. CSV: one row per figure (docs/transparency.md).',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: TransparencyReportDto })
  async report(
    @Param('id', uuidParam('id')) societyId: string,
    @Query() q: TransparencyQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const lang = q.format === 'pdf' ? documentLang(q.lang, acceptLanguage, reply) : 'en';
    const rendered = await this.transparency.render(PUBLIC_READER, societyId, { financialYear: q.financialYear, asOfTreeSize: q.asOfTreeSize, format: q.format ?? 'json', lang });
    void reply.header('Content-Type', rendered.contentType).header('X-Report-SHA256', rendered.sha256);
    if (rendered.format !== 'json') void reply.header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    return rendered.body;
  }
}
