import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Public, Roles } from '../../../../libs/auth/src/index.js';
import { ProofsService } from '../../../../libs/ledger/src/index.js';
import { PUBLIC_READER } from '../common/public-reader.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { uuidParam } from '../common/uuid-param.js';
import { ConsistencyProofDto, ConsistencyQueryDto, LineProofDto, LineProofQueryDto, LogKeysDto, SignedTreeHeadDto } from './dto/log.dto.js';

/**
 * The society logs: what anyone needs to check a line offline. Heads, checkpoints
 * and consistency proofs are public facts about a log: anyone reads them without a
 * token (rate-limited per address); a line's proof goes to the society, regulators,
 * admins and the line's holder.
 */
@ApiTags('ledger')
@Controller()
export class LogController {
  constructor(private readonly proofs: ProofsService) {}

  @Get('v1/log/keys')
  @Public()
  @ApiOperation({
    summary: "The log's public keys: Ed25519 keys for tree heads, and C2SP verifier keys for checkpoints (the --keys file of `ledger verify`)",
    description: 'The current key (current: true) and every retired key the ledger still trusts for the heads it signed before its retirement (retiredAt).',
  })
  @ApiOkResponse({ type: LogKeysDto })
  keys(): LogKeysDto {
    return this.proofs.keys();
  }

  @Get('v1/societies/:id/log/head')
  @Public()
  @CachedAnswer({ societies: ({ params }) => [params.id] })
  @ApiOperation({ summary: "The latest signed tree head of the society's log. Public: no token" })
  @ApiOkResponse({ type: SignedTreeHeadDto })
  head(@Param('id', uuidParam('id')) societyId: string): Promise<SignedTreeHeadDto> {
    return this.proofs.head(PUBLIC_READER, societyId);
  }

  @Get('v1/societies/:id/log/checkpoint')
  @Public()
  @CachedAnswer({ societies: ({ params }) => [params.id] })
  @ApiOperation({
    summary: 'The latest head as a C2SP tlog-checkpoint signed note, with every witness cosignature (cosignature/v1) the ledger holds for it. Public: no token',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async checkpoint(@Param('id', uuidParam('id')) societyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const note = await this.proofs.checkpoint(PUBLIC_READER, societyId);
    void reply.header('Content-Type', 'text/plain; charset=utf-8');
    return note;
  }

  @Get('v1/societies/:id/log/consistency')
  @Public()
  @ApiOperation({ summary: 'Proof that the log at size `first` is a prefix of the log at size `second`. Public: no token' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  consistency(@Param('id', uuidParam('id')) societyId: string, @Query() q: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    return this.proofs.consistency(PUBLIC_READER, societyId, q.first, q.second);
  }

  @Get('v1/submissions/:id/lines/:lineId/proof')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({
    summary: "A line's proof: line → submission root → signed head (check it with `ledger verify --proof F --keys K`)",
    description: 'lineId is the line id column of the package (line_id, income_id, …), or #<n> for the line numbered n in the file (URL-encoded %23<n>).',
  })
  @ApiProduces('application/json', 'text/plain')
  @ApiOkResponse({ type: LineProofDto, description: 'JSON, or with format=tlog-proof a C2SP tlog-proof file (text/plain)' })
  async lineProof(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuidParam('id')) submissionId: string,
    @Param('lineId') lineId: string,
    @Query() q: LineProofQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LineProofDto | string> {
    if (q.format === 'tlog-proof') {
      const text = await this.proofs.lineTlogProof(p, submissionId, lineId, q.treeSize);
      void reply.header('Content-Type', 'text/plain; charset=utf-8').header('Content-Disposition', 'attachment; filename="line.tlog-proof"');
      return text;
    }
    return this.proofs.lineProof(p, submissionId, lineId, q.treeSize) as Promise<LineProofDto>;
  }
}
