import { DemoService } from '../../libs/demo/src/index.js';
import type { TestApp } from './test-app.js';

/**
 * Loads the demo world and waits until none of its quarterly packages is queued or
 * validating any more (they commit, or for the one broken package are rejected, in the
 * background). Returns what the demo loaded: societies, holders, tokens.
 */
export async function loadDemoAndSettle(t: TestApp, timeoutMs = 120_000): Promise<Awaited<ReturnType<DemoService['load']>>> {
  const world = await t.app.get(DemoService).load();
  for (const end = Date.now() + timeoutMs; ; ) {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE status IN ('queued', 'validating')`);
    if (n === 0) {
      await t.app.get(DemoService).claimsReady(); // the demo's claims, recorded once their packages commit
      return world;
    }
    if (Date.now() > end) throw new Error(`the demo packages were still being processed after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
