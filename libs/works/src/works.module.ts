import { Module } from '@nestjs/common';
import { CwrAcksService } from './cwr-acks.service.js';
import { WorksRepository } from './works.repository.js';
import { WorksService } from './works.service.js';

@Module({
  providers: [WorksRepository, WorksService, CwrAcksService],
  exports: [WorksService, CwrAcksService],
})
export class WorksModule {}
