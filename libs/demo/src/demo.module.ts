import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/src/index.js';
import { MandatesModule } from '../../mandates/src/index.js';
import { RegistryModule } from '../../registry/src/index.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [AuthModule, RegistryModule, MandatesModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
