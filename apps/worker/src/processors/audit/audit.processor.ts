import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AUDIT_JOB, type AuditJobPayload, AuditsService } from '../../../../../libs/audit/src/index.js';
import { JobHandler, type JobContext, type JobRunner } from '../../../../../libs/jobs/src/index.js';

/** Unpacks an audit job and runs it. */
@JobHandler(AUDIT_JOB)
export class AuditProcessor implements JobRunner<AuditJobPayload> {
  constructor(private readonly audits: AuditsService) {}

  run(payload: AuditJobPayload, _context: JobContext): Promise<void> {
    return this.audits.run(payload.auditId);
  }
}

/** At worker boot, re-queues every audit PostgreSQL says is unfinished (a running one keeps the heads it was pinned to). */
@Injectable()
export class AuditRecovery implements OnApplicationBootstrap {
  constructor(private readonly audits: AuditsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.audits.requeueUnfinished();
  }
}
