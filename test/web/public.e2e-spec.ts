import { beforeAll, expect, it } from '@jest/globals';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, screenshots } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

describeWithBrowser('web dashboard: the public page, no sign-in (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
  });

  const { page, problemsOf } = suite;

  it("shows every society's checkpoint, its cosigners and its reports without signing in", async () => {
    const api = await new Http(t.baseUrl).get('/v1/public/societies');
    expect(api.status).toBe(200);
    const p = await page();
    await p.goto(`${t.baseUrl}/public`);
    await p.getByRole('heading', { level: 1, name: 'Public transparency' }).waitFor();
    const table = p.getByTestId('public-societies');
    await table.waitFor();
    const rao = api.body.items.find((s: { id: string }) => s.id === demo.societyIds.rao);
    const row = table.locator('tr', { hasText: rao.name });
    await expect(row.getByTestId('public-tree-size').textContent()).resolves.toBe(String(rao.checkpoint.treeSize));
    await expect(row.getByRole('link', { name: 'PDF' }).first().getAttribute('href')).resolves.toMatch(new RegExp(`/v1/societies/${rao.id}/transparency-report\\?financialYear=\\d{4}&format=pdf`));
    await row.getByText('no cosignature yet').waitFor(); // the demo configures no witnesses
    await screenshots(p, 'public-transparency');
    expect(problemsOf(p)).toEqual([]);
  });
});
