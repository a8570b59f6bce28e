import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../../../libs/auth/src/index.js';
import { DomainError } from '../../../../libs/errors/src/index.js';
import { LogTilesService, ProofsService, parseTilePath } from '../../../../libs/ledger/src/index.js';
import { PUBLIC_READER } from '../common/public-reader.js';
import { uuidParam } from '../common/uuid-param.js';

/** Full tiles and full entry bundles never change (c2sp.org/tlog-tiles: immutable). */
export const TILE_CACHE_FULL = 'public, max-age=31536000, immutable';
/** A partial tile is replaced by a wider one as the log grows: kept briefly. */
export const TILE_CACHE_PARTIAL = 'public, max-age=60';
/** The checkpoint changes with every commit and every cosignature. */
export const CHECKPOINT_CACHE = 'public, max-age=5';

/**
 * Each society's log as C2SP tlog-tiles under /logs/{societyId}/: its checkpoint, the
 * hash tiles and the entry bundles (each leaf's data: the submission's 32-byte root).
 * Public, no token (rate-limited per address like every route).
 */
@ApiTags('ledger')
@Public()
@Controller('logs/:id')
export class TilesController {
  constructor(
    private readonly tiles: LogTilesService,
    private readonly proofs: ProofsService,
  ) {}

  @Get('checkpoint')
  @ApiOperation({ summary: "The society log's latest checkpoint (C2SP signed note) with the witnesses' cosignatures. Public: no token" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async checkpoint(@Param('id', uuidParam('id')) societyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const note = await this.proofs.checkpoint(PUBLIC_READER, societyId);
    void reply.header('Content-Type', 'text/plain; charset=utf-8').header('Cache-Control', CHECKPOINT_CACHE);
    return note;
  }

  @Get('tile/*')
  @ApiOperation({
    summary: 'A hash tile `tile/<L>/<N>[.p/<W>]` or an entry bundle `tile/entries/<N>[.p/<W>]` (c2sp.org/tlog-tiles). Public: no token',
    description: 'N in 3-digit groups, all but the last prefixed x (1234067 → x001/x234/067). 404 for a tile the latest checkpoint does not cover.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async tile(@Param('id', uuidParam('id')) societyId: string, @Param('*') rest: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const ref = parseTilePath(rest ?? '');
    if (!ref) {
      throw DomainError.validation('Not a tile path', [
        { field: 'path', message: 'must be tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (L 0-63, N in x-prefixed 3-digit groups, W 1-255)' },
      ]);
    }
    const head = await this.proofs.head(PUBLIC_READER, societyId); // 404 for an unknown society
    const body = await this.tiles.tile(societyId, ref, head.treeSize);
    if (!body) throw DomainError.notFound('Tile', `${rest} of the log of society ${societyId} at size ${head.treeSize}`);
    void reply
      .header('Content-Type', 'application/octet-stream')
      .header('Cache-Control', ref.width === undefined ? TILE_CACHE_FULL : TILE_CACHE_PARTIAL);
    return body;
  }
}
