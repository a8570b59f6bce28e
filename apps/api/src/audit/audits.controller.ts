import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Audit, AuditsService, type ReportFormat } from '../../../../libs/audit/src/index.js';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import type { Lang } from '../../../../libs/i18n/src/index.js';
import { documentLang, LangQueryDto } from '../common/lang.js';
import { uuidParam } from '../common/uuid-param.js';
import { AuditDto, AuditListQueryDto, AuditPageDto, CreateAuditDto } from './dto/audit.dto.js';

/**
 * Audits of a society's financial year against the rule catalogue: requested here, run
 * as a job pinned to the signed heads, read back with their findings and reports. A
 * society audits itself; regulators and admins any society.
 */
@ApiTags('audits')
@Controller('v1/audits')
export class AuditsController {
  constructor(private readonly audits: AuditsService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "Queue an audit of a society's financial year (every rule, or those named); poll GET /v1/audits/{id}" })
  @ApiAcceptedResponse({ type: AuditDto, description: 'Queued; Location names it' })
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateAuditDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuditDto> {
    const audit = await this.audits.request(p, dto);
    void reply.header('Location', `/v1/audits/${audit.id}`);
    return audit;
  }

  @Get()
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'Audits the caller may read, newest first (a society: its own), optionally of one society; each with its summary, without its findings' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audits.list(p, { societyId: q.societyId }, q.limit, q.cursor);
  }

  @Get(':id')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'An audit: status, the signed heads it is pinned to and, once done, its findings' })
  @ApiOkResponse({ type: AuditDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<Audit> {
    return this.audits.get(p, id);
  }

  @Get(':id/report.json')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "The report as RFC 8785 canonical JSON: the same heads and parameters give the same bytes (their SHA-256 is the audit's reportSha256)" })
  @ApiProduces('application/json')
  @ApiOkResponse({ schema: { type: 'object' } })
  json(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | string> {
    return this.send(p, id, 'json', reply);
  }

  @Get(':id/report.csv')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'The findings as CSV: one row per rule with its verdict, details, parameters and evidence' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  csv(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | string> {
    return this.send(p, id, 'csv', reply);
  }

  @Get(':id/report.pdf')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'The report as a PDF: summary, charts (money flow, payment delays, board seats) and a table per rule' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  pdf(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Query() q: LangQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    return this.send(p, id, 'pdf', reply, documentLang(q.lang, acceptLanguage, reply));
  }

  private async send(p: Principal, id: string, format: ReportFormat, reply: FastifyReply, lang: Lang = 'en'): Promise<Buffer | string> {
    const report = await this.audits.report(p, id, format, lang);
    void reply
      .header('Content-Type', report.contentType)
      .header('Content-Disposition', `attachment; filename="${report.filename}"`)
      .header('X-Report-SHA256', report.sha256);
    return report.body;
  }
}
