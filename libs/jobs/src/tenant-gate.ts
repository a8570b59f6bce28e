import type { Redis } from 'ioredis';

/**
 * Per-tenant admission to a BullMQ queue, in Redis (BullMQ itself has no groups outside
 * its Pro edition). Each tenant (society) has at most `perTenant` jobs *out* — in the
 * BullMQ queue, waiting, running or between retries; its further jobs are *held* in a
 * FIFO of its own and released one by one as its jobs finish. The BullMQ queue then
 * holds at most `perTenant` jobs of each tenant, so its FIFO serves the tenants in turn
 * (round-robin) and the worker's other slots stay free for other tenants.
 *
 * Keys, per job name N and tenant T (one hash slot per job name):
 *   <prefix>:fair:{N}:tenants   SET   tenants with jobs out or held
 *   <prefix>:fair:{N}:seq       INCR  order of holding
 *   <prefix>:fair:{N}:out:T     ZSET  job id → when it went out (ms)
 *   <prefix>:fair:{N}:held:T    ZSET  job id → order
 *   <prefix>:fair:{N}:data:T    HASH  job id → JSON {payload, attempts} (out and held jobs)
 *   <prefix>:fair:{N}:tenant    HASH  job id → T
 * Each step is one Lua script (atomic). What a crash can leave between a script and the
 * BullMQ call after it (a job out but never added, a finished job still counted out) is
 * repaired by `sweep`, which every worker runs every few seconds.
 */

const ADMIT = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
redis.call('SADD', KEYS[4], ARGV[5])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[6], ARGV[1], ARGV[5])
if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
  return 1
end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), ARGV[1])
return 2`;

const FINISH = `
if ARGV[1] ~= '' and redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[1])
end
local released = {}
while redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) do
  local first = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #first == 0 then break end
  local id = first[1]
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], ARGV[3], id)
  table.insert(released, id)
  table.insert(released, redis.call('HGET', KEYS[3], id) or '')
end
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[4], ARGV[4]) end
return released`;

export interface GatedJob {
  id: string;
  payload: unknown;
  attempts?: number;
}

export class TenantGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly perTenant: number,
  ) {}

  private base(name: string): string {
    return `${this.prefix}:fair:{${name}}`;
  }

  private keys(name: string, tenant: string) {
    const b = this.base(name);
    return { out: `${b}:out:${tenant}`, held: `${b}:held:${tenant}`, data: `${b}:data:${tenant}`, tenants: `${b}:tenants`, seq: `${b}:seq`, tenantOf: `${b}:tenant` };
  }

  /** 'out': add it to BullMQ now; 'held': it waits for the tenant's turn; 'known': already out or held. */
  async admit(name: string, tenant: string, job: GatedJob): Promise<'out' | 'held' | 'known'> {
    const k = this.keys(name, tenant);
    const data = JSON.stringify({ payload: job.payload, attempts: job.attempts });
    const result = await this.redis.eval(ADMIT, 6, k.out, k.held, k.data, k.tenants, k.seq, k.tenantOf, job.id, this.perTenant, data, Date.now(), tenant);
    return result === 1 ? 'out' : result === 2 ? 'held' : 'known';
  }

  /** The tenant of a gated job (null: it was added before the gate, or has finished). */
  async tenantOf(name: string, id: string): Promise<string | null> {
    return this.redis.hget(`${this.base(name)}:tenant`, id);
  }

  /**
   * The job (or none: '') no longer counts against its tenant; returns the tenant's held
   * jobs that now go out, in order, to be added to BullMQ.
   */
  async finish(name: string, tenant: string, id: string): Promise<GatedJob[]> {
    const k = this.keys(name, tenant);
    const flat = (await this.redis.eval(FINISH, 5, k.out, k.held, k.data, k.tenants, k.tenantOf, id, this.perTenant, Date.now(), tenant)) as string[];
    const released: GatedJob[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const data = flat[i + 1] ? (JSON.parse(flat[i + 1]) as { payload: unknown; attempts?: number }) : { payload: {} };
      released.push({ id: flat[i], payload: data.payload, attempts: data.attempts });
    }
    return released;
  }

  /** Every tenant with jobs out or held, and its jobs out (id → when it went out). */
  async outstanding(name: string): Promise<Map<string, { id: string; since: number; job: GatedJob | null }[]>> {
    const tenants = await this.redis.smembers(`${this.base(name)}:tenants`);
    const all = new Map<string, { id: string; since: number; job: GatedJob | null }[]>();
    for (const tenant of tenants) {
      const k = this.keys(name, tenant);
      const flat = await this.redis.zrange(k.out, 0, -1, 'WITHSCORES');
      const out: { id: string; since: number; job: GatedJob | null }[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const raw = await this.redis.hget(k.data, flat[i]);
        const data = raw ? (JSON.parse(raw) as { payload: unknown; attempts?: number }) : null;
        out.push({ id: flat[i], since: Number(flat[i + 1]), job: data && { id: flat[i], payload: data.payload, attempts: data.attempts } });
      }
      all.set(tenant, out);
    }
    return all;
  }

  /** Marks a job out again from now (it was added to BullMQ again by the sweep). */
  async touch(name: string, tenant: string, id: string): Promise<void> {
    await this.redis.zadd(this.keys(name, tenant).out, 'XX', Date.now(), id);
  }
}
