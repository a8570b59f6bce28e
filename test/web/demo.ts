import { currencyMinorUnits } from '../../libs/identifiers/src/index.js';
import { formatDate } from '../../libs/i18n/src/index.js';
import { DemoService } from '../../libs/demo/src/index.js';
import type { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';

export interface LoadedDemo {
  /** Demo tokens by label without the "demo: " prefix: admin, regulator, "society rao (901)", "rights holder 1", … */
  tokens: Record<string, string>;
  societyIds: Record<string, string>;
  holderIds: string[];
}

/**
 * Loads the demo and waits until its quarterly packages are all validated (the demo
 * queues them; they commit, or for the one broken package are rejected, in the background).
 */
export async function loadDemoAndWait(t: TestApp, http: Http, timeoutMs = 90_000): Promise<LoadedDemo> {
  const demo = await t.app.get(DemoService).load();
  const tokens = Object.fromEntries(demo.tokens.map((d) => [d.label.replace(/^demo: /, ''), d.token]));
  const admin = http.as(tokens.admin);
  const end = Date.now() + timeoutMs;
  for (const societyId of Object.values(demo.societyIds)) {
    for (;;) {
      const items: { status: string }[] = (await admin.get(`/v1/societies/${societyId}/submissions?limit=500`)).body.items;
      if (items.length > 0 && items.every((s) => ['committed', 'rejected', 'superseded'].includes(s.status))) break;
      if (Date.now() > end) throw new Error(`the demo packages of society ${societyId} were still being processed after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await t.app.get(DemoService).claimsReady(); // the demo's claims, recorded once their packages commit
  return { tokens, societyIds: demo.societyIds, holderIds: demo.holderIds };
}

/**
 * An amount as the English dashboard shows it: the integer part grouped by thousands, the
 * fraction as the API sent it but with the currency's minor units (zeros added, or trailing
 * zeros beyond them dropped: "55214.1" RUB → "55,214.10 RUB"), then the currency.
 */
export function shownMoney(amount: string, currency: string): string {
  const [whole, given = ''] = amount.replace('-', '').split('.');
  const units = currencyMinorUnits(currency) ?? 0;
  let fraction = given.replace(/0+$/, '');
  if (fraction.length < units) fraction = fraction.padEnd(units, '0');
  return `${amount.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''} ${currency}`;
}

/** A calendar date as the English dashboard writes it ("14 Aug 2028", with no-break spaces: libs/i18n formatDate). */
export function shownDate(iso: string): string {
  return formatDate(iso, 'en');
}
