import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type Job, Queue, Worker } from 'bullmq';
import { checkFairLimits, type FairLimits, NO_TENANT } from './fair-scheduler.js';
import { DEFAULT_JOB_LIMITS } from './in-process.queue.js';
import { type EnqueueOptions, JobQueue, type JobName, type JobRunner } from './job.js';
import { type GatedJob, TenantGate } from './tenant-gate.js';

export interface GateTiming {
  /** How often a worker repairs the tenant gate after crashes (see TenantGate). */
  sweepMs: number;
  /** A job out for this long without being in BullMQ was lost between the gate and BullMQ: it is added again. */
  lostAfterMs: number;
}

const GATE_TIMING: GateTiming = { sweepMs: 5_000, lostAfterMs: 10_000 };

/**
 * BullMQ on Redis: one queue per job name. The job id makes enqueueing idempotent
 * (BullMQ ignores an add whose id exists). Redis only carries work; PostgreSQL holds
 * the state, so flushing Redis loses nothing that a restart does not re-queue.
 *
 * Fair between tenants: a job with a tenant passes the TenantGate first, so at most
 * `perTenant` jobs of one society are in the queue (waiting or running) and its others
 * wait their turn; a worker runs `concurrency` jobs of a name at once.
 */
export class BullMqJobQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMqJobQueue');
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly limits: FairLimits;
  private readonly redis: Redis;
  private readonly gate: TenantGate;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix = 'ledger',
    limits: FairLimits = DEFAULT_JOB_LIMITS,
    private readonly timing: GateTiming = GATE_TIMING,
  ) {
    super();
    this.limits = checkFairLimits(limits);
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.redis.on('error', (e) => this.logger.error(`tenant gate: ${e.message}`));
    this.gate = new TenantGate(this.redis, prefix, this.limits.perTenant);
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
    const queue = this.queue(name);
    // A job id BullMQ still knows (queued, running, or kept after it ended) is left to
    // BullMQ, which ignores the add, as before the gate.
    if ((await queue.getJobState(options.jobId)) !== 'unknown') return this.add(name, { id: options.jobId, payload, attempts: options.attempts });
    const admitted = await this.gate.admit(name, options.tenant ?? NO_TENANT, { id: options.jobId, payload, attempts: options.attempts });
    if (admitted === 'out') await this.add(name, { id: options.jobId, payload, attempts: options.attempts });
  }

  private async add(name: JobName, job: GatedJob): Promise<void> {
    await this.queue(name).add(name, job.payload, {
      jobId: job.id,
      attempts: job.attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /** The job no longer counts against its tenant: the tenant's next held job goes out. */
  private async finished(name: JobName, id: string): Promise<void> {
    const tenant = await this.gate.tenantOf(name, id);
    if (tenant === null) return;
    for (const next of await this.gate.finish(name, tenant, id)) await this.add(name, next);
  }

  /**
   * Repairs what a crash left in the gate: a job counted out that BullMQ has finished
   * (or never got) is finished or added again; a tenant below its cap gets its held jobs.
   */
  async sweep(names: Iterable<JobName>): Promise<void> {
    for (const name of names) {
      const queue = this.queue(name);
      for (const [tenant, out] of await this.gate.outstanding(name)) {
        for (const { id, since, job } of out) {
          const state = await queue.getJobState(id);
          if (state === 'completed' || state === 'failed' || (state === 'unknown' && !job)) {
            for (const next of await this.gate.finish(name, tenant, id)) await this.add(name, next);
          } else if (state === 'unknown' && Date.now() - since > this.timing.lostAfterMs) {
            this.logger.warn(`job ${name}:${id} was out of the tenant gate but not in the queue: added again`);
            await this.add(name, job!);
            await this.gate.touch(name, tenant, id);
          }
        }
        for (const next of await this.gate.finish(name, tenant, '')) await this.add(name, next);
      }
    }
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

  async startWorkers(handlers: Map<JobName, JobRunner>): Promise<void> {
    for (const [name, handler] of handlers) {
      const worker = new Worker(
        name,
        async (job: Job) => {
          const attempt = job.attemptsMade + 1;
          let last = true;
          try {
            await handler.run(job.data, { id: job.id ?? '', attempt });
          } catch (error) {
            last = attempt >= (job.opts.attempts ?? 1);
            throw error;
          } finally {
            // Its last attempt ended: its tenant's next job may go out.
            if (last && job.id) await this.finished(name, job.id).catch((e: Error) => this.logger.error(`tenant gate ${name}:${job.id}: ${e.message}`));
          }
        },
        // A crashed worker's job is taken up again within ~20 s (lock lapses, stall check runs).
        { connection: this.connection(), prefix: this.prefix, concurrency: this.limits.concurrency, lockDuration: 15_000, stalledInterval: 5_000 },
      );
      worker.on('failed', (job, error) => this.logger.error(`job ${name}:${job?.id} failed: ${error.message}`));
      worker.on('error', (e) => this.logger.error(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    const names = [...handlers.keys()];
    const sweep = () => {
      this.sweeping ??= this.sweep(names)
        .catch((e: Error) => this.logger.error(`tenant gate sweep: ${e.message}`))
        .finally(() => (this.sweeping = null));
    };
    sweep();
    this.sweeper = setInterval(sweep, this.timing.sweepMs);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.redis.disconnect();
  }
}
