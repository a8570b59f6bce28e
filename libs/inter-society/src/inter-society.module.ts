import { Module } from '@nestjs/common';
import { InterSocietyMatchingService } from './matching.service.js';

@Module({ providers: [InterSocietyMatchingService], exports: [InterSocietyMatchingService] })
export class InterSocietyModule {}
