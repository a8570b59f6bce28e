import { Logger } from '@nestjs/common';
import { checkFairLimits, type FairLimits, FairScheduler, NO_TENANT } from './fair-scheduler.js';
import { type EnqueueOptions, JobQueue, type JobName, type JobRunner } from './job.js';

interface Pending {
  name: JobName;
  payload: unknown;
  options: EnqueueOptions;
}

/** Without configuration: two jobs of a name at once, one per society (DEFAULT_JOB_LIMITS). */
export const DEFAULT_JOB_LIMITS: FairLimits = { concurrency: 2, perTenant: 1 };

/**
 * Runs jobs inside this process through the same handlers BullMQ runs in production,
 * with retries. Each job name has its own FairScheduler: up to `concurrency` jobs at
 * once, at most `perTenant` of one society, societies served in turn. Jobs queued before
 * the workers start wait for them. PostgreSQL stays the source of truth: at boot,
 * handlers re-queue unfinished work, so a crash here loses nothing that matters.
 */
export class InProcessJobQueue extends JobQueue {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly limits: FairLimits;
  private handlers: Map<JobName, JobRunner> | null = null;
  /** Job keys (`name:jobId`) queued or running: an enqueue of one of them is ignored. */
  private readonly active = new Set<string>();
  private readonly schedulers = new Map<JobName, FairScheduler<Pending>>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(limits: FairLimits = DEFAULT_JOB_LIMITS) {
    super();
    this.limits = checkFairLimits(limits);
  }

  async enqueue(name: JobName, payload: unknown, options: EnqueueOptions): Promise<void> {
    const key = `${name}:${options.jobId}`;
    if (this.active.has(key) || this.closed) return;
    this.active.add(key);
    this.scheduler(name).push(options.tenant ?? NO_TENANT, { name, payload, options });
    this.pump(name);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
  }

  async startWorkers(handlers: Map<JobName, JobRunner>): Promise<void> {
    this.handlers = handlers;
    for (const name of this.schedulers.keys()) this.pump(name);
  }

  /** Resolves when every job queued so far has finished (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all(this.running);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops taking jobs (those waiting are dropped: the boot re-queues them) and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const scheduler of this.schedulers.values()) {
      for (const job of scheduler.clear()) this.active.delete(`${job.name}:${job.options.jobId}`);
    }
    await Promise.all(this.running);
  }

  private scheduler(name: JobName): FairScheduler<Pending> {
    let scheduler = this.schedulers.get(name);
    if (!scheduler) {
      scheduler = new FairScheduler<Pending>(this.limits);
      this.schedulers.set(name, scheduler);
    }
    return scheduler;
  }

  /** Starts as many waiting jobs of this name as the limits allow. */
  private pump(name: JobName): void {
    if (!this.handlers || this.closed) return;
    const scheduler = this.scheduler(name);
    for (let next = scheduler.take(); next; next = scheduler.take()) {
      const { tenant, job } = next;
      const run: Promise<void> = this.execute(job).finally(() => {
        this.running.delete(run);
        scheduler.done(tenant);
        this.pump(name);
      });
      this.running.add(run);
    }
  }

  private async execute(job: Pending): Promise<void> {
    const key = `${job.name}:${job.options.jobId}`;
    const handler = this.handlers?.get(job.name);
    const attempts = job.options.attempts ?? 3;
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
        try {
          await handler.run(job.payload, { id: job.options.jobId, attempt });
          return;
        } catch (error) {
          this.logger.error(`job ${key} failed (attempt ${attempt}/${attempts}): ${(error as Error).message}`, (error as Error).stack);
        }
      }
    } catch (error) {
      this.logger.error(`job ${key}: ${(error as Error).message}`);
    } finally {
      this.active.delete(key);
    }
  }
}
