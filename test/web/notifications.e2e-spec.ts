import { beforeAll, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import type { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

interface Item {
  id: string;
  type: string;
  readAt: string | null;
  data: Record<string, unknown>;
}

/**
 * The inbox in a real browser on the demo data as `npm start` loads it: the bell in the
 * header counts the unread notifications the API holds for the signed-in principal, the
 * inbox lists them newest first, and marking one (then all) read empties the bell.
 */
describeWithBrowser('web dashboard: notifications, the bell and the inbox (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
    await t.app.get(DemoService).notificationsReady();
  });

  const { page, problemsOf } = suite;

  /** Every notification of a principal (the fan-out runs as a job: wait until the list stops growing). */
  const inboxOf = async (token: string): Promise<{ items: Item[]; unread: number }> => {
    let last = -1;
    for (const end = Date.now() + 30_000; ; ) {
      const res = (await http.as(token).get('/v1/me/notifications?limit=500')).body as { items: Item[]; unread: number };
      if (res.items.length === last || Date.now() > end) return res;
      last = res.items.length;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it("shows the society its unread count in the bell and its inbox: the demo's packages, the mandate request waiting, the deadlines", async () => {
    const token = demo.tokens['society rao (901)'];
    const api = await inboxOf(token);
    const types = new Set(api.items.map((n) => n.type));
    // The demo's own facts, told as they happened: packages committed, holder 2's request, the termination at the year end, quarters not reported.
    expect([...types].sort()).toEqual(expect.arrayContaining(['submission.committed', 'mandate.requested', 'deadline.missed']));
    expect(api.unread).toBe(api.items.length);

    const p = await page();
    await signIn(p, token);
    const bell = p.getByRole('link', { name: new RegExp(`^Notifications: ${api.unread} unread$`) });
    await bell.waitFor();
    await expect(p.getByTestId('unread-count').textContent()).resolves.toBe(api.unread > 99 ? '99+' : String(api.unread));
    await bell.click();
    await p.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expectCount(p.locator('ul.inbox > li'), Math.min(api.items.length, 50));
    await p.getByText(`${api.unread} unread notifications`).waitFor();
    // The newest first, as the API lists them, each named in words with its society.
    await expect(p.locator('ul.inbox > li').first().getAttribute('data-type')).resolves.toBe(api.items[0].type);
    // Older ones come page by page: the request is among them.
    const request = p.locator('ul.inbox > li[data-type="mandate.requested"]');
    const older = p.getByRole('button', { name: 'Show older' });
    while ((await request.count()) === 0 && (await older.count()) > 0) await older.click();
    await expectCount(p.locator('ul.inbox > li'), api.items.length);
    await expect(request.locator('.inbox-society').textContent()).resolves.toMatch(/RAO-like/);
    await expect(request.locator('.inbox-text').textContent()).resolves.toMatch(/^Mandate requested: mechanical \(musical\), answer due /);
    await screenshots(p, 'notifications-society');

    // Read one: the API records it, the bell counts one fewer.
    await request.getByRole('button', { name: 'Mark read' }).click();
    await p.getByRole('link', { name: `Notifications: ${api.unread - 1} unread` }).waitFor();
    const after = (await http.as(token).get('/v1/me/notifications?limit=500')).body as { items: Item[]; unread: number };
    expect(after.unread).toBe(api.unread - 1);
    expect(after.items.find((n) => n.type === 'mandate.requested')!.readAt).not.toBeNull();

    // Read all: nothing left unread, the bell shows no count.
    await p.getByRole('button', { name: 'Mark all read' }).click();
    await p.getByText('Everything is read.').waitFor();
    await p.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await expectCount(p.getByTestId('unread-count'), 0);
    expect((await http.as(token).get('/v1/me/notifications?unread=true')).body).toMatchObject({ items: [], unread: 0 });
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a rights holder only their own notifications, and the regulator the missed legal deadlines", async () => {
    const holder = await inboxOf(demo.tokens['rights holder 1']);
    expect(holder.items.length).toBeGreaterThan(0);
    expect(holder.items.every((n) => ['money.overdue', 'notice.effective-soon', 'mandate.answered', 'claim.updated', 'line.changed'].includes(n.type))).toBe(true);

    const p = await page();
    await signIn(p, demo.tokens['rights holder 1']);
    await p.getByRole('link', { name: /^Notifications/ }).click();
    await p.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expectCount(p.locator('ul.inbox > li'), Math.min(holder.items.length, 50));
    await screenshots(p, 'notifications-holder');

    const regulator = await inboxOf(demo.tokens.regulator);
    expect(regulator.items.some((n) => n.type === 'deadline.missed' && (n.data.deadline as { kind: string }).kind === 'distribution')).toBe(true);
    const r = await page();
    await signIn(r, demo.tokens.regulator);
    await r.getByRole('link', { name: /^Notifications/ }).click();
    await r.locator('ul.inbox > li[data-type="deadline.missed"]').first().waitFor();
    await screenshots(r, 'notifications-regulator');
    expect([...problemsOf(p), ...problemsOf(r)]).toEqual([]);
  });
});
