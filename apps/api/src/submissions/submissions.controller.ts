import type { Readable } from 'node:stream';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { DomainError } from '../../../../libs/errors/src/index.js';
import { isPackageType, PACKAGE_TYPES, SubmissionsService, templateCsv } from '../../../../libs/submissions/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { SubmissionDto, SubmissionListQueryDto, SubmissionPageDto, SubmitQueryDto } from './dto/submission.dto.js';

@ApiTags('submissions')
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post('v1/societies/:id/submissions')
  @Roles('admin', 'society')
  @ApiOperation({ summary: 'Submit a quarterly package (streamed; text/csv body or multipart field "file")' })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: SubmissionDto, description: 'Queued; Location names it. 200 with the existing submission for the same bytes.' })
  async submit(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) societyId: string,
    @Query() query: SubmitQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmissionDto> {
    const target = this.submissions.checkTarget(query.type, query.period);
    const body = await this.bodyStream(request);
    const { submission, created } = await this.submissions.accept(p, societyId, target.type, target.period, body);
    void reply.status(created ? 202 : 200).header('Location', `/v1/submissions/${submission.id}`);
    return submission;
  }

  @Get('v1/submissions/:id')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'A submission: status, progress, problems by line and column, root' })
  @ApiOkResponse({ type: SubmissionDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<SubmissionDto> {
    return this.submissions.get(p, id);
  }

  @Get('v1/societies/:id/submissions')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "A society's submissions, optionally of one type or period" })
  @ApiOkResponse({ type: SubmissionPageDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) societyId: string, @Query() q: SubmissionListQueryDto): Promise<SubmissionPageDto> {
    return this.submissions.list(p, societyId, { type: q.type, period: q.period }, q.limit, q.cursor);
  }

  @Get('v1/templates/:file')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'The CSV template of a package type: header and two example rows (e.g. /v1/templates/income.csv)' })
  @ApiProduces('text/csv')
  template(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const type = file.replace(/\.csv$/, '');
    if (!file.endsWith('.csv') || !isPackageType(type)) {
      throw DomainError.notFound('Template', `${file} (templates: ${PACKAGE_TYPES.map((t) => `${t}.csv`).join(', ')})`);
    }
    void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${type}.csv"`);
    return templateCsv(type);
  }

  /** The upload as a stream: the raw body for text/csv, the "file" part for multipart. */
  private async bodyStream(request: FastifyRequest): Promise<Readable> {
    if (request.isMultipart()) {
      const part = await request.file();
      if (!part || part.fieldname !== 'file') {
        throw DomainError.validation('The multipart upload has no "file" field', [{ field: 'file', message: 'is required' }]);
      }
      return part.file;
    }
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw new DomainError('unsupported-media-type', 'Send the package as text/csv (or multipart/form-data with a "file" field)');
    }
    return body;
  }
}
