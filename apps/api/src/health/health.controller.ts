import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../../../../libs/auth/src/index.js';
import { JobQueue } from '../../../../libs/jobs/src/index.js';
import { LogWitnessingService } from '../../../../libs/ledger/src/index.js';
import { writtenQuorum } from '../../../../libs/witness/src/index.js';
import { HealthDto } from './health.dto.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly witnessing: LogWitnessingService,
  ) {}

  @Get()
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthDto, description: 'Every indicator up (the witnesses may say degraded: true)' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'An indicator is down' })
  @ApiOperation({
    summary: "Database and job queue reachable; the society logs' witnesses (LOG_WITNESSES): the logs behind their quorum, and every witness alarm (a checkpoint refused as inconsistent): degraded: true",
  })
  check() {
    return this.health.check([
      async () => {
        const session = this.indicator.check('database');
        try {
          await this.db.query('SELECT 1');
          return session.up();
        } catch (e) {
          return session.down({ message: (e as Error).message });
        }
      },
      async () => {
        const session = this.indicator.check('queue');
        try {
          await this.queue.ping();
          return session.up({ kind: this.queue.kind });
        } catch (e) {
          return session.down({ kind: this.queue.kind, message: (e as Error).message });
        }
      },
      async () => {
        const session = this.indicator.check('witnesses');
        const policy = this.witnessing.witnessPolicy;
        if (!policy || policy.witnesses.length === 0) return session.up({ configured: false });
        try {
          const alarms = await this.witnessing.alarms();
          const behind = await this.witnessing.behindQuorum();
          // Degraded, not down: the ledger still serves; an alarm is for a person to look at
          // (a witness saw a view of the log inconsistent with this one), so it stays listed.
          return session.up({ configured: true, degraded: alarms.length > 0 || behind.length > 0, quorum: writtenQuorum(policy), behindQuorum: behind, alarms });
        } catch (e) {
          return session.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
