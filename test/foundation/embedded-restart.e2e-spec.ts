import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../libs/database/src/index.js';
import { Http } from '../support/http.js';
import { cleanEnv, run, type Running } from '../support/process.js';

/**
 * Issue 13, item 2: after an abnormal exit the embedded PostgreSQL outlived its parent,
 * and `npm start` then stopped with "is another server using that folder?" until a
 * person killed the orphan. Now a watchdog stops the server when the ledger dies in any
 * way, a server orphaned anyway (its watchdog killed too) is taken over at the next
 * start, a stale postmaster.pid is removed, and a ledger still running keeps its folder.
 */
describe('the embedded PostgreSQL never outlives the ledger', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-restart-'));
  chmodSync(dataDir, 0o755);
  const running: Running[] = [];
  afterAll(async () => {
    for (const r of running) {
      r.child.kill('SIGKILL');
      await r.exited();
    }
    const pid = postmaster();
    if (pid && alive(pid)) process.kill(pid, 'SIGQUIT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () => {
    const r = run('dist/apps/api/src/main.js', cleanEnv({ DATA_DIR: dataDir, PORT: '0', DEMO: '0', LOG_LEVEL: 'warn' }));
    running.push(r);
    return r;
  };
  const up = async (r: Running) => {
    const [, base] = await r.waitFor(/API\s+(http:\/\/\S+)\/v1/, 90_000);
    expect((await new Http(base).get('/health')).status).toBe(200);
  };
  const postmaster = (): number | null => {
    try {
      return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  const until = async (condition: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end && !condition()) await new Promise((r) => setTimeout(r, 100));
    return condition();
  };
  const childrenOf = (pid: number) =>
    execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ pid: Number(l.trim().split(/\s+/)[0]), args: l.trim().replace(/^\d+\s+/, '') }));

  it('stops the server when the ledger is killed with SIGKILL, and starts again on the same data', async () => {
    const first = start();
    await up(first);
    const pid = postmaster()!;
    expect(alive(pid)).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited();
    expect(await until(() => !alive(pid), 20_000)).toBe(true);
    const second = start();
    await up(second);
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
    expect(alive(postmaster() ?? pid)).toBe(false);
  }, 180_000);

  it('takes over a server orphaned with its watchdog (both killed with SIGKILL)', async () => {
    const first = start();
    await up(first);
    const pid = postmaster()!;
    const watchdog = childrenOf(first.child.pid!).find((c) => c.args.includes(' -e ') && c.args.endsWith(String(pid)));
    expect(watchdog).toBeDefined();
    process.kill(watchdog!.pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited();
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(pid)).toBe(true); // the orphan the issue describes
    const second = start();
    await up(second);
    expect(alive(pid)).toBe(false);
    expect(postmaster()).not.toBe(pid);
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
  }, 180_000);

  it('removes a stale postmaster.pid whose process is gone', async () => {
    writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `999999\n${path.join(dataDir, 'pg')}\n`);
    const r = start();
    await up(r);
    r.child.kill('SIGTERM');
    expect(await r.exited()).toBe(0);
  }, 180_000);

  it('refuses to share the folder with a ledger that is still running, naming it', async () => {
    const first = start();
    await up(first);
    const second = start();
    expect(await second.exited()).toBe(1);
    expect(second.output()).toContain(`belongs to the running ledger process ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
  }, 180_000);

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('as root, a DATA_DIR in a private folder (mode 700, like /root) gets its cluster where the postgres user can reach it', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ledger-private-'));
    chmodSync(home, 0o700);
    const privateData = path.join(home, 'data');
    const db = await startEmbeddedPostgres({ dataDir: privateData, fast: true });
    try {
      expect(db.clusterDir.startsWith(home)).toBe(false);
      expect(readFileSync(path.join(privateData, 'pg-location'), 'utf8')).toContain(db.clusterDir);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      await client.end();
    } finally {
      await db.stop();
      rmSync(path.dirname(db.clusterDir), { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
