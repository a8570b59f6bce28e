/** A job's name; the worker declares the full list (apps/worker) and checks it at boot. */
export type JobName = string;

export interface JobContext {
  /** The job's id: deterministic where a job must be idempotent (e.g. the submission id). */
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
}

export interface JobRunner<P = unknown> {
  run(payload: P, context: JobContext): Promise<void>;
}

export interface EnqueueOptions {
  /** Idempotency key: a job with an id that is already queued or running is not added twice. */
  jobId: string;
  attempts?: number;
  /**
   * Whose work this is (the society id): the queue serves tenants in turn and runs at
   * most JOBS_PER_SOCIETY jobs of one tenant at once. Jobs without one share a lane.
   */
  tenant?: string;
}

/** Where producers put jobs: BullMQ on Redis in production, in-process without REDIS_URL. */
export abstract class JobQueue {
  abstract readonly kind: 'bullmq' | 'in-process';
  abstract enqueue(name: JobName, payload: unknown, options: EnqueueOptions): Promise<void>;
  /** Resolves when the queue's backend answers (health check). */
  abstract ping(): Promise<void>;
  /**
   * Starts consuming jobs with the given handlers (only in a process that runs workers),
   * each job name with the queue's concurrency and per-tenant cap.
   */
  abstract startWorkers(handlers: Map<JobName, JobRunner>): Promise<void>;
  abstract close(): Promise<void>;
}
