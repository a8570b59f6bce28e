import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Public, Roles } from '../../../../libs/auth/src/index.js';
import { BoardDeclarationsService } from '../../../../libs/governance/src/index.js';
import { uuidParam } from '../common/uuid-param.js';
import { BoardDeclarationDto, BoardDeclarationPageDto, BoardDeclarationQueryDto, CreateBoardDeclarationDto } from './dto/board-declaration.dto.js';

/**
 * Board members' annual declarations (Directive 2014/26/EU Art. 10(2); docs/governance.md):
 * recorded by the society or an admin, append-only, public.
 */
@ApiTags('governance')
@Controller('v1/societies')
export class BoardDeclarationsController {
  constructor(private readonly declarations: BoardDeclarationsService) {}

  @Post(':id/board/declarations')
  @Roles('admin', 'society')
  @ApiOperation({
    summary: "Record a board member's annual declaration (Art. 10(2)): interests, remuneration, amounts received as a rights holder, conflicts",
    description: 'Append-only: a second declaration for the same member and year is its next version; earlier versions stay public. The member must be on a committed board package or the board-members registry of the society (else 422 naming memberId).',
  })
  @ApiCreatedResponse({ type: BoardDeclarationDto })
  record(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateBoardDeclarationDto): Promise<BoardDeclarationDto> {
    return this.declarations.record(p, id, dto);
  }

  @Get(':id/board/declarations')
  @Public()
  @ApiOperation({
    summary: "A society's board declarations, every version (current: the latest of a member and year). Public: no token",
    description: 'Art. 10(2) owes them to the general assembly and Art. 22 / Annex 1(f) puts the remuneration in the public transparency report.',
  })
  @ApiOkResponse({ type: BoardDeclarationPageDto })
  list(@Param('id', uuidParam('id')) id: string, @Query() q: BoardDeclarationQueryDto): Promise<BoardDeclarationPageDto> {
    return this.declarations.list(id, { year: q.year, memberId: q.memberId, current: q.current === 'true' }, q.limit, q.cursor);
  }
}
