import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { SocietiesService } from '../societies/societies.service.js';
import { validatePeriod } from '../validation.js';
import type { BoardMember, NewBoardMember } from './board-member.js';
import { BoardMembersRepository } from './board-members.repository.js';

@Injectable()
export class BoardMembersService {
  constructor(
    private readonly members: BoardMembersRepository,
    private readonly societies: SocietiesService,
  ) {}

  async record(principal: Principal, input: NewBoardMember): Promise<BoardMember> {
    await this.societies.assertReadable(principal, input.societyId);
    validatePeriod(input.seatFrom, input.seatTo, 'seatFrom', 'seatTo');
    return this.members.insert(input);
  }

  async list(principal: Principal, societyId: string, at: string | null, limit: number, cursor?: string): Promise<Page<BoardMember>> {
    await this.societies.assertReadable(principal, societyId);
    return this.members.list(societyId, at, limit, decodeCursor(cursor, UUID_KEY));
  }
}
