import type { Http } from '../support/http.js';

/** Requests an audit and waits until it is done or failed; returns the audit. */
export async function auditAndWait(http: Http, body: Record<string, unknown>, timeoutMs = 60_000) {
  const res = await http.post('/v1/audits', body);
  if (res.status !== 202) throw new Error(`audit request: ${res.status} ${res.text}`);
  return waitAudit(http, res.body.id, timeoutMs);
}

export async function waitAudit(http: Http, id: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const a = await http.get(`/v1/audits/${id}`);
    if (a.status !== 200) throw new Error(`poll audit: ${a.status} ${a.text}`);
    if (a.body.status === 'done' || a.body.status === 'failed') return a.body;
    if (Date.now() > end) throw new Error(`audit ${id} still ${a.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The finding of one rule in an audit. */
export function findingOf(audit: { findings: { rule: string }[] }, rule: string): any {
  const f = audit.findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no finding for ${rule} among ${audit.findings.map((x) => x.rule).join(', ')}`);
  return f;
}
