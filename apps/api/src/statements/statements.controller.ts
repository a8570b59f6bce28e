import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { REFERENCE_CURRENCY, StatementsService } from '../../../../libs/statements/src/index.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { documentLang } from '../common/lang.js';
import { uuidParam } from '../common/uuid-param.js';
import { StatementDto, StatementLinePageDto, StatementLinesQueryDto, StatementQueryDto } from './dto/statement.dto.js';

/**
 * A rights holder's statement (Directive Art. 18) across every society, for the holder
 * itself, admins and regulators; a society sees its own part when the holder is its
 * member (a mandate or lines there).
 */
@ApiTags('statements')
@Controller('v1/rights-holders')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get(':id/statement')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  // A society sees its own part only: its head and changes; anyone else, every society's.
  @CachedAnswer({ societies: ({ principal }) => (principal?.role === 'society' && principal.societyId ? [principal.societyId] : 'all') })
  @ApiOperation({
    summary: "What every society attributed, deducted, paid and still owes the holder in a year, in one currency, with each society's signed log head (JSON, CSV or PDF)",
    description: 'CSV: one row per society × category of rights × type of use. 422 when a needed exchange rate is missing (it names the currency and day).',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: StatementDto })
  async statement(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Query() q: StatementQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementDto | string | Buffer> {
    const lang = q.format === 'pdf' ? documentLang(q.lang, acceptLanguage, reply) : 'en';
    const rendered = await this.statements.render(p, id, { year: Number(q.year), currency: q.currency ?? REFERENCE_CURRENCY, format: q.format ?? 'json', lang });
    if (rendered.format === 'json') return rendered.body;
    void reply.header('Content-Type', rendered.contentType).header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    return rendered.body;
  }

  @Get(':id/statement/lines')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: "The statement's lines, paged: each as reported and converted exactly as the statement counts it, with its proof URL" })
  @ApiOkResponse({ type: StatementLinePageDto })
  lines(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: StatementLinesQueryDto): Promise<StatementLinePageDto> {
    return this.statements.lines(p, id, { year: Number(q.year), currency: q.currency ?? REFERENCE_CURRENCY, societyId: q.societyId, limit: q.limit, cursor: q.cursor });
  }
}
