import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bootTestApp } from '../support/test-app.js';

/**
 * Issue 13, item 7: a crash during an upload left its `.part` file in
 * DATA_DIR/submissions/tmp for ever. A boot removes those no live upload owns.
 */
describe('leftovers of interrupted uploads', () => {
  it("are removed at boot: a dead process's and old ones, never a live upload's", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-leftovers-'));
    const tmp = path.join(dataDir, 'submissions', 'tmp');
    mkdirSync(tmp, { recursive: true });
    const host = encodeURIComponent(os.hostname());
    const deadPid = spawnSync('true').pid!;
    const live = spawn('sleep', ['60'], { stdio: 'ignore' });
    const files = {
      dead: `${host}~${deadPid}~${randomUUID()}.part`,
      old: `${randomUUID()}.part`,
      liveProcess: `${host}~${live.pid}~${randomUUID()}.part`,
      otherHost: `elsewhere.example~${live.pid}~${randomUUID()}.part`,
      recent: `${randomUUID()}.part`,
    };
    for (const name of Object.values(files)) writeFileSync(path.join(tmp, name), 'line_id,…\n');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(tmp, files.old), twoHoursAgo, twoHoursAgo);
    const t = await bootTestApp({ dataDir });
    try {
      expect(readdirSync(tmp).sort()).toEqual([files.liveProcess, files.otherHost, files.recent].sort());
    } finally {
      live.kill();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
