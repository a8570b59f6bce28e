import { describe, expect, it } from '@jest/globals';
import { checkFairLimits, FairScheduler } from './fair-scheduler.js';

/** Takes every job that may start now. */
function takeAll<T>(s: FairScheduler<T>): T[] {
  const taken: T[] = [];
  for (let next = s.take(); next; next = s.take()) taken.push(next.job);
  return taken;
}

describe('FairScheduler', () => {
  it('serves tenants in turn: a flood of one tenant delays another tenant by one turn, not by its backlog', () => {
    const s = new FairScheduler<string>({ concurrency: 1, perTenant: 1 });
    for (let i = 1; i <= 300; i++) s.push('A', `A${i}`);
    s.push('B', 'B1');
    s.push('C', 'C1');
    s.push('C', 'C2');
    const order: string[] = [];
    for (let next = s.take(); next; next = s.take()) {
      order.push(next.job);
      s.done(next.tenant);
    }
    expect(order.slice(0, 7)).toEqual(['A1', 'B1', 'C1', 'A2', 'C2', 'A3', 'A4']);
    expect(order).toHaveLength(303);
    expect(order.filter((j) => j.startsWith('A'))).toEqual(Array.from({ length: 300 }, (_, i) => `A${i + 1}`)); // FIFO within a tenant
  });

  it('a tenant arriving later is served at the next free slot', () => {
    const s = new FairScheduler<string>({ concurrency: 1, perTenant: 1 });
    for (let i = 1; i <= 5; i++) s.push('A', `A${i}`);
    const first = s.take()!;
    expect(first.job).toBe('A1');
    s.done('A');
    expect(s.take()!.job).toBe('A2');
    s.push('B', 'B1'); // arrives while A2 runs
    s.done('A');
    expect(s.take()!.job).toBe('B1');
  });

  it('caps one tenant below the concurrency, so another tenant always finds a free slot', () => {
    const s = new FairScheduler<string>({ concurrency: 3, perTenant: 2 });
    for (let i = 1; i <= 10; i++) s.push('A', `A${i}`);
    expect(takeAll(s)).toEqual(['A1', 'A2']); // the third slot stays free although A waits
    expect(s.runningOf('A')).toBe(2);
    s.push('B', 'B1');
    s.push('B', 'B2');
    expect(takeAll(s)).toEqual(['B1']); // the global limit (3) is reached
    expect(s.runningCount).toBe(3);
    s.done('A');
    expect(takeAll(s)).toEqual(['A3']); // A was served (A2) before B (B1)
    s.done('B');
    expect(takeAll(s)).toEqual(['B2']);
    s.done('A');
    expect(takeAll(s)).toEqual(['A4']);
    expect(s.waitingCount).toBe(6);
  });

  it('runs nothing beyond the concurrency and counts what ends', () => {
    const s = new FairScheduler<number>({ concurrency: 2, perTenant: 1 });
    for (let t = 0; t < 5; t++) s.push(`T${t}`, t);
    expect(takeAll(s)).toEqual([0, 1]);
    s.done('T0');
    expect(takeAll(s)).toEqual([2]);
    expect(() => s.done('T9')).toThrow(/no running job/);
    expect(s.clear()).toEqual([3, 4]);
    expect(s.waitingCount).toBe(0);
  });

  it('refuses limits that let one tenant take every slot', () => {
    expect(() => checkFairLimits({ concurrency: 2, perTenant: 2 })).toThrow(/must be below the job concurrency \(2\)/);
    expect(() => checkFairLimits({ concurrency: 0, perTenant: 1 })).toThrow(/concurrency must be a whole number/);
    expect(() => checkFairLimits({ concurrency: 2, perTenant: 0.5 })).toThrow(/per society must be a whole number/);
    expect(checkFairLimits({ concurrency: 1, perTenant: 1 })).toEqual({ concurrency: 1, perTenant: 1 }); // one slot: round-robin only
  });
});
