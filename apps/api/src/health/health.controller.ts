import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../../../../libs/auth/src/index.js';
import { JobQueue } from '../../../../libs/jobs/src/index.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: DataSource,
    private readonly queue: JobQueue,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and job queue reachable' })
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
    ]);
  }
}
