import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { CwrAcksService, WorksService } from '../../../../libs/works/src/index.js';
import { attachment } from '../common/download.js';
import { uuidParam } from '../common/uuid-param.js';
import { WorkDto, WorkGetQueryDto, WorkPageDto, WorksQueryDto } from './dto/work.dto.js';

@ApiTags('works')
@Controller()
export class WorksController {
  constructor(
    private readonly works: WorksService,
    private readonly acks: CwrAcksService,
  ) {}

  @Get('v1/works')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({
    operationId: 'listWorks',
    summary: 'Works in the works register, by ISWC, title or a party’s IPI',
    description:
      'The works registered with societies in CWR files (type=cwr packages). A society sees its own, a rights holder the works whose current registrations name her IPI name number, ' +
      'admins and regulators every society’s (?societyId= for one). Filters combine. 400 naming the parameter for an invalid ISWC, IPI, q or cursor.',
  })
  @ApiOkResponse({ type: WorkPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: WorksQueryDto): Promise<WorkPageDto> {
    return this.works.list(p, q);
  }

  @Get('v1/works/:id')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({
    operationId: 'getWork',
    summary: 'A work: its registration (titles, recordings, writers and publishers with shares per right and territory), every version, and conflicts',
    description: '?version=N shows an earlier registration. 404 when the work is not visible to the caller.',
  })
  @ApiOkResponse({ type: WorkDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: WorkGetQueryDto): Promise<WorkDto> {
    return this.works.get(p, id, q.version);
  }

  @Get('v1/submissions/:id/ack')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({
    operationId: 'getSubmissionAck',
    summary: 'The society’s CWR ACK file answering a type=cwr package: a status per transaction (AS, AC, CO, DU, RJ) and MSG records naming record and field',
    description:
      'HDR (sender type SO, the society’s CISAC code), GRH ACK, per transaction of the file an ACK record with its CISAC status and MSG records, an EXC naming the registration ' +
      'a conflicting one conflicts with, GRT and TRL; CRLF lines, latin-1 (UTF-8 when a title needs it). A rejected package has an ACK too (RJ). ' +
      '404 when the submission is not a CWR package or has not been answered yet (queued, validating).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async ack(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.acks.ack(p, id);
    void reply
      .header('Content-Type', `text/plain; charset=${file.charset}`)
      .header('Content-Disposition', attachment(file.fileName))
      .header('X-Transactions', String(file.transactions))
      .header('X-Accepted', String(file.accepted))
      .header('X-Conflicts', String(file.conflicts))
      .header('X-Rejected', String(file.rejected));
    return file.body;
  }
}
