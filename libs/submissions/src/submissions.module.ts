import { Module } from '@nestjs/common';
import { LedgerModule } from '../../ledger/src/index.js';
import { MandatesModule } from '../../mandates/src/index.js';
import { RegistryModule } from '../../registry/src/index.js';
import { SubmissionDrillService } from './drill/submission-drill.service.js';
import { IngestService } from './ingest/ingest.service.js';
import { StagingRepository } from './ingest/staging.repository.js';
import { SubmissionLinesService } from './lines/submission-lines.service.js';
import { UploadStore } from './storage/upload-store.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { SubmissionsService } from './submissions.service.js';
import { SubmissionEvents } from './submission-events.js';

@Module({
  imports: [RegistryModule, LedgerModule, MandatesModule],
  providers: [SubmissionsRepository, SubmissionsService, UploadStore, IngestService, StagingRepository, SubmissionLinesService, SubmissionEvents, SubmissionDrillService],
  exports: [SubmissionsService, IngestService, SubmissionsRepository, SubmissionLinesService, SubmissionDrillService],
})
export class SubmissionsModule {}
