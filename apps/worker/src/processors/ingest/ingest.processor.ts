import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobHandler, type JobContext, type JobRunner } from '../../../../../libs/jobs/src/index.js';
import { INGEST_JOB, type IngestJobPayload, IngestService, SubmissionsService } from '../../../../../libs/submissions/src/index.js';

/** Unpacks an ingest job and runs it. */
@JobHandler(INGEST_JOB)
export class IngestProcessor implements JobRunner<IngestJobPayload> {
  constructor(private readonly ingest: IngestService) {}

  run(payload: IngestJobPayload, _context: JobContext): Promise<void> {
    return this.ingest.run(payload.submissionId);
  }
}

/** At worker boot, re-queues every submission PostgreSQL says is unfinished. */
@Injectable()
export class IngestRecovery implements OnApplicationBootstrap {
  constructor(private readonly submissions: SubmissionsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.submissions.requeueUnfinished();
  }
}
