import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { type EnqueueOptions, JobQueue, type JobName, type JobRunner } from './job.js';

/**
 * BullMQ on Redis: one queue per job name. The job id makes enqueueing idempotent
 * (BullMQ ignores an add whose id exists). Redis only carries work; PostgreSQL holds
 * the state, so flushing Redis loses nothing that a restart does not re-queue.
 */
export class BullMqJobQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMqJobQueue');
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly redisUrl: string,
    private readonly prefix = 'ledger',
  ) {
    super();
  }

  private connection() {
    return { url: this.redisUrl, maxRetriesPerRequest: null };
  }

  private queue(name: JobName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection(), prefix: this.prefix });
      queue.on('error', (e) => this.logger.error(`queue ${name}: ${e.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(name: JobName, payload: unknown, options: EnqueueOptions): Promise<void> {
    await this.queue(name).add(name, payload, {
      jobId: options.jobId,
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async ping(): Promise<void> {
    // A real round trip to Redis, bounded: BullMQ connections wait for Redis forever.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2000);
    });
    try {
      await Promise.race([this.queue('health').getJobCounts('waiting'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async startWorkers(handlers: Map<JobName, JobRunner>, concurrency: number): Promise<void> {
    for (const [name, handler] of handlers) {
      const worker = new Worker(
        name,
        async (job) => handler.run(job.data, { id: job.id ?? '', attempt: job.attemptsMade + 1 }),
        // A crashed worker's job is taken up again within ~20 s (lock lapses, stall check runs).
        { connection: this.connection(), prefix: this.prefix, concurrency, lockDuration: 15_000, stalledInterval: 5_000 },
      );
      worker.on('failed', (job, error) => this.logger.error(`job ${name}:${job?.id} failed: ${error.message}`));
      worker.on('error', (e) => this.logger.error(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
