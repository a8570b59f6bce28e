/** The tenant of a job without one: such jobs share one lane (served in turn with the others). */
export const NO_TENANT = '';

export interface FairLimits {
  /** Jobs running at once (all tenants together). */
  concurrency: number;
  /** Jobs of one tenant running at once; below `concurrency` so another tenant always finds a slot. */
  perTenant: number;
}

/**
 * Checks the limits and says what is wrong: both whole numbers ≥ 1, and the per-tenant
 * cap below the concurrency whenever the concurrency leaves room for one (a tenant whose
 * jobs fill every slot makes the others wait for its longest job).
 */
export function checkFairLimits(limits: FairLimits): FairLimits {
  const { concurrency, perTenant } = limits;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`job concurrency must be a whole number ≥ 1 (got ${concurrency})`);
  if (!Number.isInteger(perTenant) || perTenant < 1) throw new Error(`jobs per society must be a whole number ≥ 1 (got ${perTenant})`);
  if (concurrency > 1 && perTenant >= concurrency) {
    throw new Error(`jobs per society (${perTenant}) must be below the job concurrency (${concurrency}), so that another society always finds a free slot`);
  }
  return { concurrency, perTenant };
}

/**
 * Which waiting job runs next, fairly between tenants (societies): one FIFO per tenant,
 * and the next job is the first waiting job of the tenant served least recently (a
 * tenant new to the queue first), among tenants below their cap; at most `concurrency`
 * jobs run and at most `perTenant` of one tenant. A tenant that queues 300 jobs delays
 * another tenant's job until one job of it ends, never by its whole backlog.
 *
 * Pure bookkeeping (no timers, no I/O): the caller takes jobs while `take()` gives one,
 * and calls `done(tenant)` when a job it took ends.
 */
export class FairScheduler<T> {
  private readonly waiting = new Map<string, T[]>();
  private readonly running = new Map<string, number>();
  /** When each tenant with waiting or running jobs was last served (a tick); absent: never. */
  private readonly served = new Map<string, number>();
  private tick = 0;
  private runningTotal = 0;
  private waitingTotal = 0;

  constructor(readonly limits: FairLimits) {
    checkFairLimits(limits);
  }

  push(tenant: string, job: T): void {
    const queue = this.waiting.get(tenant);
    if (queue) queue.push(job);
    else this.waiting.set(tenant, [job]);
    this.waitingTotal++;
  }

  /** The next job to start (now counted as running), or null when none may start. */
  take(): { tenant: string; job: T } | null {
    if (this.runningTotal >= this.limits.concurrency) return null;
    let chosen: string | null = null;
    let chosenServed = Infinity;
    for (const tenant of this.waiting.keys()) {
      if ((this.running.get(tenant) ?? 0) >= this.limits.perTenant) continue;
      const served = this.served.get(tenant) ?? -1;
      if (served < chosenServed) {
        chosen = tenant;
        chosenServed = served;
      }
    }
    if (chosen === null) return null;
    const queue = this.waiting.get(chosen)!;
    const job = queue.shift()!;
    if (queue.length === 0) this.waiting.delete(chosen);
    this.waitingTotal--;
    this.served.set(chosen, this.tick++);
    this.running.set(chosen, (this.running.get(chosen) ?? 0) + 1);
    this.runningTotal++;
    return { tenant: chosen, job };
  }

  /** A job of this tenant that `take()` gave has ended. */
  done(tenant: string): void {
    const n = this.running.get(tenant) ?? 0;
    if (n <= 0) throw new Error(`no running job of tenant ${JSON.stringify(tenant)}`);
    if (n === 1) this.running.delete(tenant);
    else this.running.set(tenant, n - 1);
    this.runningTotal--;
    if (n === 1 && !this.waiting.has(tenant)) this.served.delete(tenant); // idle: forgotten
  }

  /** Removes and returns every waiting job (shutdown). */
  clear(): T[] {
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.waitingTotal = 0;
    for (const tenant of this.served.keys()) if (!this.running.has(tenant)) this.served.delete(tenant);
    return all;
  }

  get waitingCount(): number {
    return this.waitingTotal;
  }

  get runningCount(): number {
    return this.runningTotal;
  }

  runningOf(tenant: string): number {
    return this.running.get(tenant) ?? 0;
  }
}
