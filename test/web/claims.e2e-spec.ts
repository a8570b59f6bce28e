import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { commit, distribution } from '../ledger/support.js';
import { Http } from '../support/http.js';
import { givenStatementWorld, type StatementWorld } from '../statements/support.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';

/**
 * Claims to payment in Chromium, from both sides (issue 17 item 1): the holder finds the
 * unclaimed money in her name and claims it from her claims page; the society accepts one
 * claim and records the line of its later package that paid it (after a line that does
 * not fit, whose problems it reads), and refuses another with a reason; the holder then
 * reads each answer. Every state the page shows is checked against the API's.
 */
describeWithBrowser('claims in the dashboard (Chromium)', () => {
  const suite = browserSuite();
  let w: StatementWorld;
  let admin: Http;
  let paying: { id: string };
  const claimsOfHolder = async () => (await admin.get(`/v1/rights-holders/${w.holderA.id}/claims`)).body.items as { id: string; lineId: string; status: string; reason: string | null; payment: { submissionId: string; lineId: string } | null }[];

  beforeAll(async () => {
    w = await givenStatementWorld(suite.t);
    admin = new Http(suite.t.baseUrl, suite.t.adminToken);
    // Society A's later package: P-1 pays U-1's net (63 RUB) to holder A for the same use; P-NET pays one kopek less.
    const a = { rights_holder_ipi: w.holderA.ipi, work_iswc: '', currency: 'RUB', use_from: '2025-01-01', use_to: '2025-03-31', paid_on: '2025-06-10', management_fee: '0.00', other_deductions: '0.00' };
    paying = await commit(admin.as(w.tokens.societyA), w.societyA.id, 'distribution-lines', '2025Q2', [
      distribution({ ...a, line_id: 'P-1', gross: '63.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-NET', gross: '62.99', net: '62.99' }),
    ]);
  });

  const { page, problemsOf } = suite;
  const row = (p: Page, table: RegExp, name: RegExp) => p.getByRole('table', { name: table }).getByRole('row', { name });

  it('the holder claims two lines of unclaimed money in her name and on her work', async () => {
    const p = await page();
    await signIn(p, w.tokens.holderA);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Your unclaimed money and claims' }).waitFor();
    // U-1 (her name written otherwise) and U-2 (her work) are hers to claim; U-3 is somebody else's.
    const unclaimed = p.getByRole('table', { name: /^2 unidentified lines that may be yours$/ });
    await expectCount(unclaimed.locator('tbody tr'), 2);
    await unclaimed.getByRole('row', { name: /U-1/ }).getByText('your name').waitFor();
    await unclaimed.getByRole('row', { name: /U-2/ }).getByText('your work').waitFor();
    await expect(unclaimed.getByRole('row', { name: /U-1/ }).locator('td.num').textContent()).resolves.toBe('63.00 RUB');
    await p.getByText('No claim yet.').waitFor();
    await screenshots(p, 'claims-holder-unclaimed');

    for (const [lineId, note] of [['U-1', 'Written with my surname first'], ['U-2', '']] as const) {
      const line = unclaimed.getByRole('row', { name: new RegExp(lineId) });
      await line.getByRole('button', { name: `Claim line ${lineId} of ${w.societyA.name}` }).click();
      if (note) await line.getByLabel('Note for the society (optional)').fill(note);
      await line.getByRole('button', { name: 'Send the claim' }).click();
      await p.getByRole('status').filter({ hasText: `Claim sent to ${w.societyA.name} for line ${lineId}.` }).waitFor();
      await line.locator('.status').filter({ hasText: 'open' }).waitFor();
    }
    const claims = p.getByRole('table', { name: '2 claims' });
    await expectCount(claims.locator('tbody tr'), 2);
    await claims.getByRole('row', { name: /U-1/ }).getByText('Awaiting the society’s answer for 0 days.').waitFor();
    expect((await claimsOfHolder()).map((c) => [c.lineId, c.status]).sort()).toEqual([
      ['U-1', 'open'],
      ['U-2', 'open'],
    ]);
    await screenshots(p, 'claims-holder-claimed');
    expect(problemsOf(p)).toEqual([]);
  });

  it('the society accepts one and records the line that paid it, and refuses the other with its reason', async () => {
    const p = await page();
    await signIn(p, w.tokens.societyA);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: `Claims on the unidentified lines of ${w.societyA.name}` }).waitFor();
    await p.getByText(/^2 claims await an answer, the oldest since /).waitFor();
    const first = row(p, /^2 claims$/, /U-1/);
    await first.getByText('“Written with my surname first”').waitFor();
    await screenshots(p, 'claims-society-open');

    await first.getByRole('button', { name: `Accept the claim of ${w.holderA.name} on line U-1` }).click();
    await p.getByRole('status').filter({ hasText: `Claim of ${w.holderA.name} on line U-1: accepted.` }).waitFor();
    await first.getByText(/^Accepted on .*; the society pays it in a later package\.$/).waitFor();

    // A line that does not pay the claim: the society reads why, and nothing changes.
    await first.getByRole('button', { name: `Record the payment of the claim of ${w.holderA.name} on line U-1` }).click();
    const form = first.getByRole('form', { name: `Record the payment of the claim of ${w.holderA.name} on line U-1` });
    await form.getByLabel('Paying package').selectOption({ label: '2025Q2 distribution lines (2 rows)' });
    await form.getByLabel('Paying line id (or #line number)').fill('P-NET');
    await form.getByRole('button', { name: 'Record the payment' }).click();
    const problem = first.getByRole('alert');
    await problem.getByText('The answer was not recorded').waitFor();
    await problem.getByRole('cell', { name: "line P-NET pays a net of 62.99, the claimed line's net is 63" }).waitFor();
    expect((await claimsOfHolder()).find((c) => c.lineId === 'U-1')!.status).toBe('accepted');
    await screenshots(p, 'claims-society-payment-refused');
    await form.getByLabel('Paying line id (or #line number)').fill('P-1');
    await form.getByRole('button', { name: 'Record the payment' }).click();
    await p.getByRole('status').filter({ hasText: `Claim of ${w.holderA.name} on line U-1: paid.` }).waitFor();
    await first.getByText(/^Paid 63\.00 RUB on .*: line P-1 of the 2025Q2 package\.$/).waitFor();

    const second = row(p, /^2 claims$/, /U-2/);
    await second.getByRole('button', { name: `Refuse the claim of ${w.holderA.name} on line U-2` }).click();
    const refuse = second.getByRole('button', { name: 'Refuse with this reason' });
    await expect(refuse.isDisabled()).resolves.toBe(true); // no reason, no refusal
    await second.getByLabel('Reason (the holder reads it)').fill('The cue sheet credits another author of this work');
    await refuse.click();
    await p.getByRole('status').filter({ hasText: `Claim of ${w.holderA.name} on line U-2: refused.` }).waitFor();
    await second.getByText(/^Refused on .*: The cue sheet credits another author of this work$/).waitFor();
    await expectCount(p.getByRole('button', { name: /^Accept the claim/ }), 0);

    await p.getByLabel('Show').selectOption({ label: 'paid (1)' });
    await expectCount(p.getByRole('table', { name: /^1 claim$/ }).locator('tbody tr'), 1);
    await screenshots(p, 'claims-society-answered');
    const answered = await claimsOfHolder();
    expect(answered.map((c) => [c.lineId, c.status, c.reason]).sort()).toEqual([
      ['U-1', 'paid', null],
      ['U-2', 'refused', 'The cue sheet credits another author of this work'],
    ]);
    expect(answered.find((c) => c.lineId === 'U-1')!.payment).toMatchObject({ submissionId: paying.id, lineId: 'P-1' });
    expect(problemsOf(p).filter((m) => !/422/.test(m))).toEqual([]);
  });

  it('the holder reads each answer and its history; another society sees none of it', async () => {
    const p = await page();
    await signIn(p, w.tokens.holderA);
    await p.goto(`/rights-holders/${w.holderA.id}/claims`);
    const claims = p.getByRole('table', { name: '2 claims' });
    const paid = claims.getByRole('row', { name: /U-1/ });
    await expect(paid.locator('td > .status').textContent()).resolves.toBe('paid');
    await paid.getByText(/^Paid 63\.00 RUB on .*: line P-1 of the 2025Q2 package\.$/).waitFor();
    await paid.getByText('History').click();
    await expectCount(paid.locator('.claim-history li'), 3);
    await expect(paid.locator('.claim-history li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^open .*rights-holder: /),
      expect.stringMatching(/^accepted .*society: /),
      expect.stringMatching(/^paid .*society: .*\(line P-1 of the 2025Q2 package\)$/),
    ]);
    await claims.getByRole('row', { name: /U-2/ }).getByText(/^Refused on .*: The cue sheet credits another author of this work$/).waitFor();
    // The unclaimed lines say they are claimed, and how it stands.
    const unclaimed = p.getByRole('table', { name: /unidentified lines that may be yours$/ });
    await expect(unclaimed.getByRole('row', { name: /U-1/ }).locator('.status').textContent()).resolves.toBe('paid');
    await expectCount(unclaimed.getByRole('button', { name: /^Claim line/ }), 0);
    await screenshots(p, 'claims-holder-answered');

    // In Russian: the same page, its words from the catalogue.
    await p.getByLabel('Language').selectOption('ru');
    await p.getByRole('heading', { level: 1, name: 'Ваши невостребованные средства и заявления' }).waitFor();
    await p.getByRole('table', { name: '2 заявления' }).getByRole('row', { name: /U-2/ }).locator('td > .status').filter({ hasText: 'отклонено' }).waitFor();
    await screenshots(p, 'claims-holder-answered-ru');
    await p.getByLabel('Язык').selectOption('en');
    expect(problemsOf(p)).toEqual([]);

    const other = await page();
    await signIn(other, w.tokens.societyB);
    await other.goto('/society/claims');
    await other.getByText('No claim to show.').waitFor();
    await expectCount(other.getByText('U-1'), 0);
  });
});
