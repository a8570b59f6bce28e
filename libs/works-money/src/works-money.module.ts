import { Module } from '@nestjs/common';
import { WorkMoneyRepository } from './work-money.repository.js';
import { WorkMoneyService } from './work-money.service.js';

@Module({ providers: [WorkMoneyRepository, WorkMoneyService], exports: [WorkMoneyService] })
export class WorksMoneyModule {}
