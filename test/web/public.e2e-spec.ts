import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEMO_WITNESS_NAME, type DemoWitness, startDemoWitness } from '../../libs/demo/src/index.js';
import { exportPrivateKey, generateEd25519KeyPair } from '../../libs/merkle/src/index.js';
import { commit, deduction } from '../ledger/support.js';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

interface PublicEntry {
  id: string;
  name: string;
  currency: string;
  checkpoint: { treeSize: number };
  witnessing: { cosigners: string[]; behindQuorum: boolean };
}

/**
 * The public page and the regulator's view of the witnesses, on the demo as `npm start`
 * runs it: with the demo's own witness (libs/demo startDemoWitness, its key and state in
 * a folder of its own), configured as LOG_WITNESSES, cosigning every society's checkpoints.
 */
describeWithBrowser('web dashboard: the public page, no sign-in, and the witnessed logs (Chromium)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-public-'));
  let witness: DemoWitness | undefined;
  const suite = browserSuite({
    env: async () => {
      const logKey = generateEd25519KeyPair().privateKey;
      witness = await startDemoWitness(dir, logKey);
      return { LOG_WITNESSES: witness.policyFile, LOG_SIGNING_KEY: exportPrivateKey(logKey), LOG_WITNESS_RETRY_MS: '20' };
    },
  });
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  /** The public list once every non-empty log's latest checkpoint is cosigned by the demo witness. */
  const allCosigned = async (): Promise<PublicEntry[]> => {
    for (const end = Date.now() + 60_000; ; ) {
      const items: PublicEntry[] = (await new Http(t.baseUrl).get('/v1/public/societies')).body.items;
      if (items.every((s) => s.checkpoint.treeSize === 0 || s.witnessing.cosigners.includes(DEMO_WITNESS_NAME))) return items;
      if (Date.now() > end) throw new Error(`not every log was cosigned: ${JSON.stringify(items.map((s) => [s.name, s.checkpoint.treeSize, s.witnessing]))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
  });
  afterAll(async () => {
    await witness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const { page, problemsOf } = suite;

  it("shows every society's checkpoint, the demo witness that cosigned it and its reports without signing in", async () => {
    const items = await allCosigned();
    const p = await page();
    await p.goto(`${t.baseUrl}/public`);
    await p.getByRole('heading', { level: 1, name: 'Public transparency' }).waitFor();
    const table = p.getByTestId('public-societies');
    await table.waitFor();
    const rao = items.find((s) => s.id === demo.societyIds.rao)!;
    expect(rao.checkpoint.treeSize).toBeGreaterThan(0);
    const row = table.locator('tr', { hasText: rao.name });
    await expect(row.getByTestId('public-tree-size').textContent()).resolves.toBe(String(rao.checkpoint.treeSize));
    await expect(row.getByRole('link', { name: 'PDF' }).first().getAttribute('href')).resolves.toMatch(new RegExp(`/v1/societies/${rao.id}/transparency-report\\?financialYear=\\d{4}&format=pdf`));
    await expect(row.getByTestId('public-cosigners').locator('li').allTextContents()).resolves.toEqual([DEMO_WITNESS_NAME]);
    await row.getByText(`quorum ${DEMO_WITNESS_NAME}: met`).waitFor();
    // The checkpoint the page links to carries the demo witness's cosignature line.
    const note = await (await fetch(`${t.baseUrl}/logs/${rao.id}/checkpoint`)).text();
    expect(note.split('\n').filter((l) => l.startsWith(`\u2014 ${DEMO_WITNESS_NAME} `))).toHaveLength(1);
    await screenshots(p, 'public-transparency');
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows the regulator each log's witnessing in the overview, and says when one is behind its witness quorum", async () => {
    const items = await allCosigned();
    const rao = items.find((s) => s.id === demo.societyIds.rao)!;
    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    const row = p.locator(`tr[data-society="${rao.id}"]`);
    await expect(row.getByTestId('witnessing').textContent()).resolves.toBe(`head ${rao.checkpoint.treeSize} cosigned by ${DEMO_WITNESS_NAME}`);
    await expect(p.getByTestId('overview-witnessing').count()).resolves.toBe(0);

    // The witness goes away; the society commits one more package: its new head has no cosignature.
    await witness!.close();
    await commit(http.as(demo.tokens['society rao (901)']), rao.id, 'deductions', '2026Q1', [deduction({ currency: rao.currency, amount: '10.00' })]);
    const behind = (await new Http(t.baseUrl).get(`/v1/public/societies/${rao.id}`)).body as PublicEntry;
    expect(behind.witnessing.behindQuorum).toBe(true);
    await p.reload();
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    const expected = `behind its witness quorum (${DEMO_WITNESS_NAME}): head ${rao.checkpoint.treeSize + 1}, witnessed up to ${rao.checkpoint.treeSize}`;
    await expect(p.locator(`tr[data-society="${rao.id}"]`).getByTestId('witnessing').textContent()).resolves.toBe(`⚠ ${expected}`);
    await expect(p.getByTestId('overview-witnessing').textContent()).resolves.toBe(`${rao.name}: ${expected}.`);
    await screenshots(p, 'regulator-overview-witnessing');
    expect(problemsOf(p)).toEqual([]);
  });
});
