export { JobsModule } from './jobs.module.js';
export type { JobsOptions } from './jobs.module.js';
export { JobQueue } from './job.js';
export type { JobContext, JobRunner, EnqueueOptions, JobName } from './job.js';
export { JobHandler } from './job-handler.decorator.js';
export { InProcessJobQueue } from './in-process.queue.js';
export { BullMqJobQueue } from './bullmq.queue.js';
export { buildJobRegistry } from './job-registry.js';
