import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { SubmissionDrillService, SubmissionLinesService } from '../../../../libs/submissions/src/index.js';
import { acceptsGzip, attachment } from '../common/download.js';
import { uuidParam } from '../common/uuid-param.js';
import { FieldChangeDto, SubmissionDiffDto, SubmissionDiffQueryDto } from './dto/submission-diff.dto.js';
import { SubmissionLinesPageDto, SubmissionLinesQueryDto } from './dto/submission-lines.dto.js';

/**
 * Drill-down into a submission (issue 17 items 3 and 4): its lines a page at a time, the
 * package as received, every problem as CSV, and the line-level diff of a correction.
 * The files and the diff are streamed.
 */
@ApiTags('submissions')
@ApiExtraModels(FieldChangeDto)
@Controller()
export class SubmissionLinesController {
  constructor(
    private readonly lines: SubmissionLinesService,
    private readonly drill: SubmissionDrillService,
  ) {}

  @Get('v1/submissions/:id/lines')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: "A package's lines, a page at a time, filtered; distribution lines with the declared mandate basis and the mandate status derived from the register when it committed",
    description:
      'Ordered by line number. Every line has lineNo, lineId and fields (its values as its leaf holds them); distribution lines also their typed columns. ' +
      'Filters: lineId (exact), lineNo, status, category, currency, mandateBasis, mandateStatus (a filter on a column the type lacks is a 400 naming it); ' +
      'q finds text in the line id, holder name or IPI, or work title (other types: in any cell).',
  })
  @ApiOkResponse({ type: SubmissionLinesPageDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: SubmissionLinesQueryDto): Promise<SubmissionLinesPageDto> {
    return this.lines.list(p, id, q) as Promise<SubmissionLinesPageDto>;
  }

  @Get('v1/submissions/:id/package')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: 'The package as received: its bytes (those its sha256 is of), under the name it was uploaded as',
    description:
      'text/csv or application/x-ndjson as it was sent. A package sent gzip-compressed was decompressed on arrival (its SHA-256 is of the decompressed bytes): ' +
      'these are those bytes. Gzip-compressed on the way (Content-Encoding: gzip) when Accept-Encoding allows it. X-Package-SHA256 is the submission’s sha256.',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async package(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const file = await this.drill.package(p, id);
    void reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', attachment(file.fileName))
      .header('X-Package-SHA256', file.submission.sha256)
      .header('Vary', 'Accept-Encoding');
    if (!acceptsGzip(acceptEncoding)) {
      void reply.header('Content-Length', String(file.byteSize));
      return file.body;
    }
    void reply.header('Content-Encoding', 'gzip');
    // pipeline: a read error or a client that goes away ends both streams.
    return pipeline(file.body, createGzip(), () => undefined);
  }

  @Get('v1/submissions/:id/errors.csv')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: 'Every problem of the package as CSV (line, column, field, message), not only the first 1000 the submission lists',
    description:
      'In the order the submission lists them (line, column, check). Cells are guarded against formula injection. A committed package has the header alone; ' +
      'one still queued or validating is a 409. X-Error-Count is the number of data rows.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async errorsCsv(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const csv = await this.drill.problemsCsv(p, id);
    void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', attachment(csv.fileName)).header('X-Error-Count', String(csv.total));
    return csv.body;
  }

  @Get('v1/submissions/:id/diff')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    summary: 'What a correction changed: the lines added, removed and changed (field by field, from → to) against the package it superseded, by line id',
    description:
      'Streamed as it is computed (a merge of both packages by line id in the database, read through a cursor), so a diff of million-line packages costs ' +
      'the API bounded memory; counts come last. 409 when there is nothing to compare: the submission supersedes nothing (supersedes null), is not committed, ' +
      'or its type has no line id (undistributed, mandates). ?limit=N keeps the first N items of each list (counts still count them all).',
  })
  @ApiOkResponse({ type: SubmissionDiffDto })
  async diff(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Query() q: SubmissionDiffQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const { body } = await this.drill.diff(p, id, q.limit);
    void reply.header('Content-Type', 'application/json; charset=utf-8');
    return body;
  }
}
