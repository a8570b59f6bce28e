import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { BullMqJobQueue } from './bullmq.queue.js';
import { DEFAULT_JOB_LIMITS, InProcessJobQueue } from './in-process.queue.js';
import { JobQueue, type JobRunner } from './job.js';
import { JOB_HANDLER_KEY } from './job-handler.decorator.js';
import { buildJobRegistry } from './job-registry.js';

export interface JobsOptions {
  /** Redis URL: BullMQ. Unset: jobs run in this process. */
  redisUrl?: string;
  /** Key prefix in Redis (tests isolate themselves with their own). */
  prefix?: string;
  /** Whether this process consumes jobs (the worker, or `npm start`'s single process). */
  runWorkers: boolean;
  /** Every job name that must have a handler. */
  names: readonly string[];
  /** Jobs of one name running at once in this process (JOBS_CONCURRENCY; default 2). */
  concurrency?: number;
  /** Jobs of one name and one society running (or queued in Redis) at once (JOBS_PER_SOCIETY; default 1, below concurrency). */
  perSociety?: number;
}

const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/**
 * Provides the JobQueue and, in a process that runs workers, finds every @JobHandler,
 * checks the registry (fails fast) and starts consuming.
 */
@Global()
@Module({})
export class JobsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly queue: JobQueue,
    private readonly discovery: DiscoveryService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JOBS_OPTIONS, useValue: options },
        {
          provide: JobQueue,
          useFactory: () => {
            const limits = { concurrency: options.concurrency ?? DEFAULT_JOB_LIMITS.concurrency, perTenant: options.perSociety ?? DEFAULT_JOB_LIMITS.perTenant };
            return options.redisUrl ? new BullMqJobQueue(options.redisUrl, options.prefix, limits) : new InProcessJobQueue(limits);
          },
        },
      ],
      exports: [JobQueue],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(JOB_HANDLER_KEY, w.metatype))
      .map((w) => ({
        name: Reflect.getMetadata(JOB_HANDLER_KEY, w.metatype!) as string,
        runner: w.instance as JobRunner,
        className: (w.metatype as { name: string }).name,
      }));
    const registry = buildJobRegistry(this.options.names, found);
    await this.queue.startWorkers(registry);
    this.logger.log(`Consuming ${registry.size} job type(s) on the ${this.queue.kind} queue`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
