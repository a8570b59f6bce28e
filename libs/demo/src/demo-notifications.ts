import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../config/src/index.js';
import { DueEventsService } from '../../notification-sources/src/index.js';

/** How long the demo waits for its packages before computing the day's due events anyway. */
const PACKAGES_WAIT_MS = 15 * 60_000;

/**
 * The demo's notifications: its packages (committed and rejected), its mandate request
 * and its claims raise their events as they happen; this computes the day's due events
 * once the demo's packages have been taken in, so the inboxes show deadlines missed and
 * approaching, money overdue and the termination taking effect at the financial-year end
 * on the first start (the daily job ran at boot, before the packages were in). The run
 * is idempotent: nothing is told twice.
 */
@Injectable()
export class DemoNotifications implements OnModuleDestroy {
  private readonly logger = new Logger('Demo');
  private stopping = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly due: DueEventsService,
    private readonly clock: Clock,
  ) {}

  /** Computes the day's due events once the societies' packages are validated (in the background: await the promise to know). */
  afterPackages(societyIds: string[]): Promise<void> {
    this.running = this.compute(societyIds);
    return this.running;
  }

  private async compute(societyIds: string[]): Promise<void> {
    for (const end = Date.now() + PACKAGES_WAIT_MS; ; ) {
      if (this.stopping) return;
      const rows: { waiting: number }[] = await this.db.query(
        `SELECT count(*)::int AS waiting FROM submissions WHERE society_id = ANY($1::uuid[]) AND status IN ('queued', 'validating')`,
        [societyIds],
      );
      if (rows[0].waiting === 0 || Date.now() > end) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (this.stopping) return;
    const raised = await this.due.run(this.clock.today());
    if (raised > 0) this.logger.log(`Raised ${raised} due notification(s) over the demo's packages`);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.running.catch(() => undefined);
  }
}
