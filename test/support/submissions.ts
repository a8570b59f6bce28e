import type { Http } from './http.js';

/** Submits a package (CSV unless another content type is named) and waits until it is committed or rejected. */
export async function submitAndWait(http: Http, societyId: string, type: string, period: string, csv: string | Buffer, timeoutMs = 60_000, contentType = 'text/csv') {
  const res = await http.post(`/v1/societies/${societyId}/submissions?type=${type}&period=${period}`, csv, { 'content-type': contentType });
  if (res.status !== 202 && res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
  return { accepted: res, final: await waitFinished(http, res.body.id, timeoutMs) };
}

export async function waitFinished(http: Http, id: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await http.get(`/v1/submissions/${id}`);
    if (s.status !== 200) throw new Error(`poll: ${s.status} ${s.text}`);
    if (['committed', 'rejected', 'superseded', 'failed'].includes(s.body.status)) return s.body;
    if (Date.now() > end) throw new Error(`submission ${id} still ${s.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const DIST_HEADER =
  'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis';

/** A valid distribution line (2025Q1) by column name. */
export const DIST_BASE: Readonly<Record<string, string>> = {
  line_id: 'L-1',
  rights_holder_ipi: '00052210040',
  rights_holder_name: 'Ivanova, Maria',
  work_iswc: 'T-034.524.680-1',
  work_title: 'Winter Road',
  category: 'performing',
  use_type: 'radio',
  territory: 'RU',
  use_from: '2025-01-01',
  use_to: '2025-03-31',
  currency: 'RUB',
  gross: '1000.00',
  management_fee: '150.00',
  other_deductions: '20.00',
  net: '830.00',
  status: 'paid',
  paid_on: '2025-03-30',
  mandate_basis: 'contractual',
};

/** A distribution line as CSV, with overrides by column name. */
export function distLine(overrides: Record<string, string> = {}): string {
  const base: Record<string, string> = { ...DIST_BASE, ...overrides };
  return DIST_HEADER.split(',').map((k) => (/[",\n]/.test(base[k]) ? `"${base[k].replace(/"/g, '""')}"` : base[k])).join(',');
}

/** A distribution line as one JSON Lines record, with overrides by column name (undefined: key left out). */
export function distRecord(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...DIST_BASE, ...overrides });
}
