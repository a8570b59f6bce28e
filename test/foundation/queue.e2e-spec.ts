import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../libs/config/src/index.js';
import { openDatabase } from '../../libs/database/src/index.js';
import { BullMqJobQueue, type JobContext, JobHandler, JobsModule } from '../../libs/jobs/src/index.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { describeWithRedis } from '../support/redis.js';
import { createTestDatabase } from '../support/test-app.js';

const seen: { id: string; attempt: number; payload: unknown }[] = [];

@JobHandler('echo')
class EchoHandler {
  async run(payload: unknown, context: JobContext): Promise<void> {
    if ((payload as { failFirst?: boolean }).failFirst && context.attempt === 1) throw new Error('first attempt fails');
    seen.push({ id: context.id, attempt: context.attempt, payload });
  }
}

describeWithRedis('BullMQ job queue (Redis)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  async function until(predicate: () => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('runs a job once per job id, retries a failure, through the registered handler', async () => {
    const prefix = `ledger-test-${randomBytes(4).toString('hex')}`;
    @Module({ imports: [JobsModule.forRoot({ redisUrl: process.env.REDIS_URL, prefix, runWorkers: true, names: ['echo'] })], providers: [EchoHandler] })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    try {
      const producer = new BullMqJobQueue(process.env.REDIS_URL!, prefix);
      await producer.ping();
      await producer.enqueue('echo', { n: 1 }, { jobId: 'job-1' });
      await producer.enqueue('echo', { n: 1 }, { jobId: 'job-1' });
      await producer.enqueue('echo', { failFirst: true }, { jobId: 'job-2', attempts: 3 });
      await until(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.filter((s) => s.id === 'job-1')).toHaveLength(1);
      expect(seen.find((s) => s.id === 'job-2')?.attempt).toBe(2);
      await producer.close();
    } finally {
      await app.close();
    }
  });

  it('smoke-boots the worker process module against Redis and PostgreSQL', async () => {
    const config = loadConfig({ DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL, LOG_LEVEL: 'silent' });
    const dataSource = await openDatabase(database.url, { poolSize: 2 });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, dataSource, queuePrefix: `ledger-test-${randomBytes(4).toString('hex')}` }), { logger: false });
    await app.init();
    await app.close();
    await dataSource.destroy();
  });

  it('refuses to boot when a job name has no handler', async () => {
    @Module({ imports: [JobsModule.forRoot({ redisUrl: process.env.REDIS_URL, prefix: 'ledger-test-x', runWorkers: true, names: ['echo', 'orphan'] })], providers: [EchoHandler] })
    class Incomplete {}
    await expect(NestFactory.createApplicationContext(Incomplete, { logger: false, abortOnError: false })).rejects.toThrow(/"orphan" has no handler/);
  });
});
