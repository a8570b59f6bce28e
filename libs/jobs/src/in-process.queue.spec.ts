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

  it("keeps a slot for another tenant: a long job and a flood of one society do not hold up another society's job", async () => {
    const queue = new InProcessJobQueue({ concurrency: 2, perTenant: 1 });
    const events: string[] = [];
    let releaseLong!: () => void;
    const long = new Promise<void>((resolve) => (releaseLong = resolve));
    await queue.startWorkers(
      new Map([
        [
          'work',
          {
            run: async (p: unknown, c) => {
              events.push(`start ${c.id}`);
              if ((p as { long?: boolean }).long) await long;
              else await new Promise((r) => setTimeout(r, 1));
              events.push(`end ${c.id}`);
            },
          },
        ],
      ]),
    );
    await queue.enqueue('work', { long: true }, { jobId: 'A-long', tenant: 'A' });
    for (let i = 1; i <= 50; i++) await queue.enqueue('work', {}, { jobId: `A${i}`, tenant: 'A' });
    await queue.enqueue('work', {}, { jobId: 'B1', tenant: 'B' });
    await new Promise((r) => setTimeout(r, 50));
    // A's long job holds A's one slot; B's job ran in the other; A's flood waits for A's turn.
    expect(events).toEqual(['start A-long', 'start B1', 'end B1']);
    releaseLong();
    await queue.drain();
    expect(events.filter((e) => e.startsWith('start'))).toHaveLength(52);
  });

  it('interleaves the tenants in the order they queued, one job per turn', async () => {
    const queue = new InProcessJobQueue({ concurrency: 1, perTenant: 1 });
    const order: string[] = [];
    for (let i = 1; i <= 3; i++) await queue.enqueue('work', {}, { jobId: `A${i}`, tenant: 'A' });
    await queue.enqueue('work', {}, { jobId: 'B1', tenant: 'B' });
    await queue.enqueue('work', {}, { jobId: 'C1', tenant: 'C' });
    await queue.startWorkers(new Map([['work', { run: async (_p: unknown, c) => void order.push(c.id) }]]));
    await queue.drain();
    expect(order).toEqual(['A1', 'B1', 'C1', 'A2', 'A3']);
  });

  it('close drops the waiting jobs and waits for the running ones', async () => {
    const queue = new InProcessJobQueue({ concurrency: 2, perTenant: 1 });
    const ran: string[] = [];
    await queue.startWorkers(new Map([['work', { run: async (_p: unknown, c) => { await new Promise((r) => setTimeout(r, 20)); ran.push(c.id); } }]]));
    for (let i = 1; i <= 3; i++) await queue.enqueue('work', {}, { jobId: `A${i}`, tenant: 'A' });
    await queue.close();
    expect(ran).toEqual(['A1']);
    await expect(queue.ping()).rejects.toThrow(/closed/);
  });
});
