import { Module } from '@nestjs/common';
import { AccreditationsRepository } from './accreditations/accreditations.repository.js';
import { AccreditationsService } from './accreditations/accreditations.service.js';
import { BoardMembersRepository } from './board-members/board-members.repository.js';
import { BoardMembersService } from './board-members/board-members.service.js';
import { RightsHoldersRepository } from './rights-holders/rights-holders.repository.js';
import { RightsHoldersService } from './rights-holders/rights-holders.service.js';
import { SocietiesRepository } from './societies/societies.repository.js';
import { SocietiesService } from './societies/societies.service.js';

@Module({
  providers: [
    SocietiesRepository,
    SocietiesService,
    AccreditationsRepository,
    AccreditationsService,
    RightsHoldersRepository,
    RightsHoldersService,
    BoardMembersRepository,
    BoardMembersService,
  ],
  exports: [SocietiesService, AccreditationsService, RightsHoldersService, BoardMembersService, RightsHoldersRepository],
})
export class RegistryModule {}
