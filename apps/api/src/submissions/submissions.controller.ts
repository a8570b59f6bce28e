import type { Readable } from 'node:stream';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { DomainError } from '../../../../libs/errors/src/index.js';
import {
  CSV_MEDIA_TYPES,
  formatOfUpload,
  INPUT_MEDIA_TYPES,
  isPackageType,
  NDJSON_MEDIA_TYPES,
  PACKAGE_TYPES,
  type PackageType,
  type SubmissionFormat,
  SubmissionsService,
  takesLedgerFormats,
  templateCsv,
  templateNdjson,
} from '../../../../libs/submissions/src/index.js';
import { StreamedBody } from '../common/streamed-body.js';
import { uuidParam } from '../common/uuid-param.js';
import { SubmissionDto, SubmissionGetQueryDto, SubmissionListQueryDto, SubmissionPageDto, SubmitQueryDto } from './dto/submission.dto.js';

@ApiTags('submissions')
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post('v1/societies/:id/submissions')
  @Roles('admin', 'society')
  @ApiOperation({
    summary: 'Submit a quarterly package (streamed; a text/csv or application/x-ndjson body, or multipart field "file")',
    description:
      'CSV: a header row naming the columns, then one record per line (RFC 4180). JSON Lines (application/x-ndjson, also application/jsonl): ' +
      'one JSON object per line, the column names as keys and every value a JSON string (or null for an empty cell; true/false for the yes/no columns). ' +
      'A multipart file is read as JSON Lines when its name ends in .ndjson or .jsonl or its type says so, otherwise as CSV. ' +
      'Either may travel gzip-compressed: a body with Content-Encoding: gzip, or a multipart file named ….gz; the package is the decompressed bytes ' +
      '(their SHA-256 and size, which counts against the upload limit). Data that does not decompress is a 400; another Content-Encoding a 415. ' +
      'A package type read from files in a format of its own (docs/package-catalogue.md, e.g. CWR) takes that format: a body of one of its media types, ' +
      'or a multipart file whose name ends in one of its extensions.',
  })
  @ApiConsumes(...CSV_MEDIA_TYPES, ...NDJSON_MEDIA_TYPES, ...INPUT_MEDIA_TYPES, 'multipart/form-data')
  @StreamedBody(...CSV_MEDIA_TYPES, ...NDJSON_MEDIA_TYPES, ...INPUT_MEDIA_TYPES, 'multipart/form-data')
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
    const { body, format, gzip, fileName } = await this.bodyStream(request, target.type);
    const { submission, created } = await this.submissions.accept(p, societyId, target.type, target.period, body, format, { gzip, fileName });
    void reply.status(created ? 202 : 200).header('Location', `/v1/submissions/${submission.id}`);
    return submission;
  }

  @Get('v1/submissions/:id')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: 'A submission: status, progress, problems by line and column, root (?wait=S: once it has finished, or after S seconds)' })
  @ApiOkResponse({ type: SubmissionDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() query: SubmissionGetQueryDto): Promise<SubmissionDto> {
    return this.submissions.get(p, id, query.wait ?? 0);
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
  @ApiOperation({ summary: 'The template of a package type: the CSV header and two example rows (income.csv), or the same rows as JSON Lines (income.ndjson)' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description: 'The template file (text/csv for NAME.csv, application/x-ndjson for NAME.ndjson)',
    content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  template(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const [, type, ext] = /^(.*)\.(csv|ndjson)$/.exec(file) ?? [];
    const templates = () => PACKAGE_TYPES.filter(takesLedgerFormats).flatMap((t) => [`${t}.csv`, `${t}.ndjson`]).join(', ');
    if (!isPackageType(type)) throw DomainError.notFound('Template', `${file} (templates: ${templates()})`);
    if (!takesLedgerFormats(type)) {
      // cwr and dsr packages are the industry's files as they are: no CSV or JSON Lines template to fill in.
      throw DomainError.notFound('Template', `${file}: ${type} packages are ${type.toUpperCase()} files sent as they are, not CSV or JSON Lines (templates: ${templates()})`);
    }
    const csv = ext === 'csv';
    void reply.header('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8').header('Content-Disposition', `attachment; filename="${file}"`);
    return csv ? templateCsv(type) : templateNdjson(type);
  }

  /**
   * The upload as a stream and its format: the raw body of a text/csv or JSON Lines
   * request, or the "file" part of a multipart one (its format from its name or type).
   * A body sent with `Content-Encoding: gzip` (or a multipart file named `….gz`) is
   * `gzip`: the store decompresses it on the way (the package is the decompressed bytes,
   * which are hashed, stored and counted against the size and inflation limits).
   * A multipart file's name (without `.gz`) is kept as the package's `fileName`.
   */
  private async bodyStream(request: FastifyRequest, type: PackageType): Promise<{ body: Readable; format: SubmissionFormat; gzip: boolean; fileName?: string }> {
    if (request.isMultipart()) {
      const part = await request.file();
      if (!part || part.fieldname !== 'file') {
        throw DomainError.validation('The multipart upload has no "file" field', [{ field: 'file', message: 'is required' }]);
      }
      const gzipped = /\.gz$/i.test(part.filename ?? '');
      const name = gzipped ? part.filename.replace(/\.gz$/i, '') : part.filename;
      const format = formatOfUpload(type, name, part.mimetype) ?? 'csv';
      return { body: part.file, format, gzip: gzipped, fileName: name };
    }
    const body = request.body as Readable | undefined;
    const format = formatOfUpload(type, undefined, request.headers['content-type']);
    if (!format || !body || typeof (body as Readable).pipe !== 'function') {
      const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
      throw new DomainError(
        'unsupported-media-type',
        json
          ? 'A package in JSON is sent as JSON Lines: Content-Type application/x-ndjson, one object per line (a single JSON document cannot be streamed line by line, nor its problems named by line)'
          : 'Send the package as text/csv or application/x-ndjson (or multipart/form-data with a "file" field)',
      );
    }
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity') return { body, format, gzip: false };
    if (encoding === 'gzip' || encoding === 'x-gzip') return { body, format, gzip: true };
    body.resume(); // drain what is left so the connection can answer
    throw new DomainError('unsupported-media-type', `Content-Encoding ${JSON.stringify(encoding)} is not accepted: send the package as it is, or gzip-compressed (Content-Encoding: gzip)`);
  }
}
