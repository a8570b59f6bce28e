import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Http } from '../support/http.js';
import { cleanEnv, run } from '../support/process.js';

/**
 * What a newcomer gets from `npm start`: the built API and worker on the embedded
 * PostgreSQL, with the demo loaded, healthy, documented, its logs cosigned by the demo's
 * own witness (DATA_DIR/witness), and surviving a restart.
 */

interface PublicLog {
  name: string;
  checkpoint: { treeSize: number };
  witnessing: { cosigners: string[]; quorumMet: boolean };
}

/** The public list once the logs with a head have their latest checkpoint cosigned by the demo witness (and at least `atLeast` of them have one). */
async function cosigned(http: Http, atLeast: number): Promise<PublicLog[]> {
  for (const end = Date.now() + 90_000; ; ) {
    const items: PublicLog[] = (await http.get('/v1/public/societies')).body.items;
    const logs = items.filter((s) => s.checkpoint.treeSize > 0);
    if (logs.length >= atLeast && logs.every((s) => s.witnessing.quorumMet && s.witnessing.cosigners.includes('demo-witness.localhost'))) return items;
    if (Date.now() > end) throw new Error(`the demo witness has not cosigned every log: ${JSON.stringify(items.map((s) => [s.name, s.checkpoint.treeSize, s.witnessing]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
describe('npm start (embedded mode, end to end)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-start-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = () => run('dist/apps/api/src/main.js', cleanEnv({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }));

  it('serves health, docs and the demo, and keeps its data across a restart', async () => {
    const first = start();
    try {
      const [, base] = await first.waitFor(/API\s+(http:\/\/\S+)\/v1/);
      const [, regulator] = await first.waitFor(/demo: regulator\s+(clt_\S+)/);
      expect(first.output()).toMatch(/admin token \(shown once, keep it\): clt_/);
      const http = new Http(base);
      const health = await http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body.info).toMatchObject({ database: { status: 'up' }, queue: { status: 'up', kind: 'in-process' } });
      const docs = await http.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.text).toMatch(/swagger/i);
      const spec = await http.get('/docs-json');
      expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/v1/societies', '/v1/tokens', '/health']));
      const societies = await http.as(regulator).get('/v1/societies');
      expect(societies.body.items.map((s: { cisacCode: string }) => s.cisacCode).sort()).toEqual(['901', '902', '903', '904']);
      // The demo's witness: its own key and state in DATA_DIR/witness, configured as LOG_WITNESSES.
      expect(first.output()).toMatch(/witness\s+http:\/\/127\.0\.0\.1:\d+ \(demo-witness\.localhost/);
      expect(health.body.info.witnesses).toMatchObject({ status: 'up', configured: true, quorum: 'demo-witness.localhost' });
      const policy = readFileSync(path.join(dataDir, 'witness', 'policy'), 'utf8');
      const vkey = /^witness demo-witness\.localhost (\S+) http:\/\/127\.0\.0\.1:\d+$/m.exec(policy)![1];
      await cosigned(http, 1);
      first.child.kill('SIGTERM');
      expect(await first.exited()).toBe(0);

      const second = start();
      try {
        const [, base2] = await second.waitFor(/API\s+(http:\/\/\S+)\/v1/);
        const [, regulator2] = await second.waitFor(/demo: regulator\s+(clt_\S+)/);
        expect(second.output()).not.toMatch(/admin token \(shown once/);
        const http2 = new Http(base2);
        expect((await http2.as(regulator).get('/v1/societies')).status).toBe(401); // the previous run's demo token is revoked
        const again = await http2.as(regulator2).get('/v1/societies');
        expect(again.body.items).toHaveLength(4); // loaded once, not twice
        // The same witness (key and state kept) goes on cosigning from what it cosigned before: every log with a head ends up cosigned.
        expect(readFileSync(path.join(dataDir, 'witness', 'policy'), 'utf8')).toContain(`witness demo-witness.localhost ${vkey} `);
        const logs = await cosigned(http2, 3);
        expect((await http2.get('/health')).body.info.witnesses).toMatchObject({ configured: true, alarms: [] });
        expect(logs.filter((s) => s.checkpoint.treeSize > 0).length).toBeGreaterThanOrEqual(3);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited();
      }
    } finally {
      first.child.kill('SIGTERM');
      await first.exited();
    }
  }, 150_000);

  it('refuses a wrong environment value, naming the variable', async () => {
    const bad = run('dist/apps/api/src/main.js', cleanEnv({ DATA_DIR: dataDir, PORT: 'eighty' }));
    expect(await bad.exited()).toBe(2);
    expect(bad.output()).toMatch(/PORT/);
  });

  it('refuses to start a separate worker without Redis, saying why', async () => {
    const worker = run('dist/apps/worker/src/main.js', cleanEnv({ DATA_DIR: dataDir }));
    expect(await worker.exited()).toBe(2);
    expect(worker.output()).toMatch(/REDIS_URL is required/);
  });
});
