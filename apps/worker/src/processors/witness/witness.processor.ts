import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobHandler, type JobContext, type JobRunner } from '../../../../../libs/jobs/src/index.js';
import { LOG_WITNESS_JOB, type LogWitnessJobPayload, LogWitnessingService } from '../../../../../libs/ledger/src/index.js';

/** Sends a society's latest checkpoint to its witnesses (LOG_WITNESSES). */
@JobHandler(LOG_WITNESS_JOB)
export class LogWitnessProcessor implements JobRunner<LogWitnessJobPayload> {
  constructor(private readonly witnessing: LogWitnessingService) {}

  run(payload: LogWitnessJobPayload, _context: JobContext): Promise<void> {
    return this.witnessing.witness(payload.societyId);
  }
}

/** At worker boot, queues the latest head of every log whose witnesses have not cosigned it. */
@Injectable()
export class LogWitnessRecovery implements OnApplicationBootstrap {
  constructor(private readonly witnessing: LogWitnessingService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.witnessing.requeueBehind();
  }
}
