import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { AccreditationsService, BoardMembersService, SocietiesService } from '../../../../libs/registry/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { AccreditationDto, AccreditationPageDto, CreateAccreditationDto } from './dto/accreditation.dto.js';
import { BoardMemberDto, BoardMemberPageDto, BoardQueryDto, CreateBoardMemberDto } from './dto/board-member.dto.js';
import { CreateSocietyDto, PutSocietyContactDto, SocietyDto, SocietyPageDto } from './dto/society.dto.js';

@ApiTags('registry')
@Controller('v1/societies')
export class SocietiesController {
  constructor(
    private readonly societies: SocietiesService,
    private readonly accreditations: AccreditationsService,
    private readonly board: BoardMembersService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a society' })
  @ApiCreatedResponse({ type: SocietyDto })
  create(@Body() dto: CreateSocietyDto): Promise<SocietyDto> {
    return this.societies.register(dto);
  }

  @Get()
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'List the societies the caller may see (a society sees itself)' })
  @ApiOkResponse({ type: SocietyPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<SocietyPageDto> {
    return this.societies.list(p, q.limit, q.cursor);
  }

  @Get(':id')
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'One society' })
  @ApiOkResponse({ type: SocietyDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<SocietyDto> {
    return this.societies.get(p, id);
  }

  @Put(':id/contact')
  @Roles('admin', 'society')
  @ApiOperation({
    summary: "Replace a society's contact details (an admin: any society's; a society: its own)",
    description: 'Address, e-mail, phone and website; a part left out or null is cleared. Printed on rights holders\' statements beside the society\'s figures.',
  })
  @ApiOkResponse({ type: SocietyDto })
  setContact(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutSocietyContactDto): Promise<SocietyDto> {
    return this.societies.setContact(p, id, { address: dto.address ?? null, email: dto.email ?? null, phone: dto.phone ?? null, website: dto.website ?? null });
  }

  @Post(':id/accreditations')
  @Roles('admin')
  @ApiOperation({ summary: 'Record an accreditation (a reappointment is a new record; history is kept)' })
  @ApiCreatedResponse({ type: AccreditationDto })
  accredit(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateAccreditationDto): Promise<AccreditationDto> {
    return this.accreditations.record(p, { societyId: id, ...dto });
  }

  @Get(':id/accreditations')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "A society's accreditations, past and present" })
  @ApiOkResponse({ type: AccreditationPageDto })
  listAccreditations(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: PageQueryDto): Promise<AccreditationPageDto> {
    return this.accreditations.list(p, id, q.limit, q.cursor);
  }

  @Post(':id/board-members')
  @Roles('admin', 'society')
  @ApiOperation({ summary: 'Record a board seat' })
  @ApiCreatedResponse({ type: BoardMemberDto })
  addBoardMember(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateBoardMemberDto): Promise<BoardMemberDto> {
    return this.board.record(p, { societyId: id, seatTo: null, rightsHolderId: null, organisation: null, ...dto });
  }

  @Get(':id/board-members')
  @Roles('admin', 'regulator', 'society')
  @ApiOperation({ summary: "A society's board seats, optionally those held on a date" })
  @ApiOkResponse({ type: BoardMemberPageDto })
  listBoardMembers(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: BoardQueryDto): Promise<BoardMemberPageDto> {
    return this.board.list(p, id, q.at ?? null, q.limit, q.cursor);
  }
}
