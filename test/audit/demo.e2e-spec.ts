import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { auditAndWait, findingOf } from './support.js';

describe('audits of the demo world', () => {
  let t: TestApp;
  let http: Http;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await bootTestApp();
    ids = (await t.app.get(DemoService).load()).societyIds;
    http = new Http(t.baseUrl, t.adminToken);
    for (const end = Date.now() + 120_000; ; ) {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE status IN ('queued', 'validating')`);
      if (n === 0) break;
      if (Date.now() > end) throw new Error('demo packages still ingesting');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => t?.close());

  it('finds what the demo was built to show in the RAO-like society', async () => {
    const audit = await auditAndWait(http, { societyId: ids.rao, financialYear: 2025 });
    expect(audit.error ?? null).toBeNull();
    expect(audit.status).toBe('done');
    for (const f of audit.findings) process.stdout.write(`${f.passed ? 'pass' : 'FAIL'} ${f.rule}: ${f.details}\n`);
    const pdf = await fetch(`${t.baseUrl}/v1/audits/${audit.id}/report.pdf`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    writeFileSync('/tmp/audit-rao.pdf', Buffer.from(await pdf.arrayBuffer()));
  });
});
