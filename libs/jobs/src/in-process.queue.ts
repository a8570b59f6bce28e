import { Logger } from '@nestjs/common';
import { type EnqueueOptions, JobQueue, type JobName, type JobRunner } from './job.js';

interface Pending {
  name: JobName;
  payload: unknown;
  options: EnqueueOptions;
}

/**
 * Runs jobs inside this process through the same handlers BullMQ runs in production,
 * one at a time per queue name, with retries. Jobs queued before the workers start wait
 * for them. PostgreSQL stays the source of truth: at boot, handlers re-queue unfinished
 * work, so a crash here loses nothing that matters.
 */
export class InProcessJobQueue extends JobQueue {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private handlers: Map<JobName, JobRunner> | null = null;
  private readonly waiting: Pending[] = [];
  private readonly active = new Set<string>();
  private readonly chains = new Map<JobName, Promise<void>>();
  private closed = false;

  async enqueue(name: JobName, payload: unknown, options: EnqueueOptions): Promise<void> {
    const key = `${name}:${options.jobId}`;
    if (this.active.has(key) || this.closed) return;
    this.active.add(key);
    if (this.handlers) this.schedule({ name, payload, options });
    else this.waiting.push({ name, payload, options });
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
  }

  async startWorkers(handlers: Map<JobName, JobRunner>): Promise<void> {
    this.handlers = handlers;
    for (const job of this.waiting.splice(0)) this.schedule(job);
  }

  /** Resolves when every job queued so far has finished (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.chains.size > 0) {
      await Promise.all(this.chains.values());
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.chains.values());
  }

  private schedule(job: Pending): void {
    const previous = this.chains.get(job.name) ?? Promise.resolve();
    const next = previous.then(() => this.execute(job));
    this.chains.set(job.name, next);
    void next.finally(() => {
      if (this.chains.get(job.name) === next) this.chains.delete(job.name);
    });
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
    } finally {
      this.active.delete(key);
    }
  }
}
