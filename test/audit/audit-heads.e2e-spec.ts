import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalJson, parseCanonicalJson } from '../../libs/merkle/src/index.js';
import { commit, deduction, distribution, income } from '../ledger/support.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { auditAndWait } from './support.js';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 13: a society's audit carried every other society's signed head, in the audit
 * and in its reports. A society's audit now shows it only its own head; its reports
 * carry its own head and the peers as a count and a digest; a regulator still sees
 * every head the audit was pinned to.
 */
describe("audits: a society sees only its own signed head, never another society's", () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let societyA: Http;
  let regulator: Http;
  let headB: { rootHash: string; signature: string; treeSize: number };
  let audit: { id: string; heads: { societyId: string }[] };

  const download = async (id: string, format: 'json' | 'csv' | 'pdf', token: string) => {
    const res = await fetch(`${t.baseUrl}/v1/audits/${id}/report.${format}`, { headers: { authorization: `Bearer ${token}` } });
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    societyA = admin.as(cast.tokens.societyA);
    const societyB = admin.as(cast.tokens.societyB);
    regulator = admin.as(cast.tokens.regulator);
    await commit(societyA, cast.societyA.id, 'income', '2025Q1', [income()]);
    await commit(societyA, cast.societyA.id, 'deductions', '2025Q1', [deduction()]);
    await commit(societyA, cast.societyA.id, 'distribution-lines', '2025Q1', [distribution({ rights_holder_ipi: cast.holderA.ipi })]);
    await commit(societyB, cast.societyB.id, 'income', '2025Q1', [income()]);
    headB = (await regulator.get(`/v1/societies/${cast.societyB.id}/log/head`)).body;
    expect(headB.treeSize).toBe(1);
    audit = await auditAndWait(societyA, { societyId: cast.societyA.id, financialYear: 2025 });
  });
  afterAll(async () => t?.close());

  it("shows the society its audit with its own head only, in the audit and in the list", async () => {
    expect(audit.heads.map((h) => h.societyId)).toEqual([cast.societyA.id]);
    const listed = (await societyA.get('/v1/audits?limit=500')).body.items.find((a: { id: string }) => a.id === audit.id);
    expect(listed.heads.map((h: { societyId: string }) => h.societyId)).toEqual([cast.societyA.id]);
    expect(JSON.stringify(listed)).not.toContain(headB.rootHash);
  });

  it("keeps society B's head out of every format of the report", async () => {
    for (const format of ['json', 'csv', 'pdf'] as const) {
      const bytes = (await download(audit.id, format, cast.tokens.societyA)).toString('latin1');
      expect({ format, leaks: [cast.societyB.id, headB.rootHash, headB.signature].filter((x) => bytes.includes(x)) }).toEqual({ format, leaks: [] });
    }
    const report = parseCanonicalJson((await download(audit.id, 'json', cast.tokens.societyA)).toString('utf8')) as unknown as {
      heads: { societyId: string }[];
      peers: { societies: number; headsSha256: string };
    };
    expect(report.heads.map((h) => h.societyId)).toEqual([cast.societyA.id]);
    expect(report.peers.societies).toBeGreaterThanOrEqual(1);
  });

  it("shows a regulator every head the audit read, whose digest is the report's peers.headsSha256", async () => {
    const full = (await regulator.get(`/v1/audits/${audit.id}`)).body as { heads: { societyId: string; rootHash: string | null }[] };
    expect(full.heads.find((h) => h.societyId === cast.societyB.id)).toMatchObject({ rootHash: headB.rootHash });
    const report = parseCanonicalJson((await download(audit.id, 'json', cast.tokens.regulator)).toString('utf8')) as unknown as { peers: { headsSha256: string } };
    const others = full.heads.filter((h) => h.societyId !== cast.societyA.id).sort((a, b) => (a.societyId < b.societyId ? -1 : 1));
    expect(report.peers.headsSha256).toBe(sha256(canonicalJson(others)));
  });
});
