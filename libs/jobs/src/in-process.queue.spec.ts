import { describe, expect, it } from '@jest/globals';
import { InProcessJobQueue } from './in-process.queue.js';

describe('InProcessJobQueue', () => {
  it('runs queued jobs once per id, in order, after workers start', async () => {
    const queue = new InProcessJobQueue();
    const seen: string[] = [];
    await queue.enqueue('work', { n: 1 }, { jobId: 'j1' });
    await queue.enqueue('work', { n: 1 }, { jobId: 'j1' }); // same id: ignored
    await queue.enqueue('work', { n: 2 }, { jobId: 'j2' });
    expect(seen).toEqual([]);
    await queue.startWorkers(new Map([['work', { run: async (p: unknown, c) => { seen.push(`${c.id}:${(p as { n: number }).n}`); } }]]));
    await queue.drain();
    expect(seen).toEqual(['j1:1', 'j2:2']);
  });

  it('retries a failing job up to its attempts', async () => {
    const queue = new InProcessJobQueue();
    const attempts: number[] = [];
    await queue.startWorkers(new Map([['flaky', { run: async (_p: unknown, c) => { attempts.push(c.attempt); if (c.attempt < 2) throw new Error('boom'); } }]]));
    await queue.enqueue('flaky', {}, { jobId: 'x', attempts: 3 });
    await queue.drain();
    expect(attempts).toEqual([1, 2]);
  });
});
