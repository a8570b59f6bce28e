import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';

/** CSV text from rows (the header is the first row's keys), quoting where RFC 4180 needs it. */
export function csv(rows: Record<string, string>[]): string {
  const header = Object.keys(rows[0]);
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** Submits a package and insists that it commits; returns the committed submission. */
export async function commit(http: Http, societyId: string, type: string, period: string, rows: Record<string, string>[]) {
  const { final } = await submitAndWait(http, societyId, type, period, csv(rows));
  if (final.status !== 'committed') throw new Error(`${type} ${period} did not commit: ${JSON.stringify(final)}`);
  return final as { id: string; root: string; logIndex: number; rows: number };
}

export const income = (o: Record<string, string> = {}) => ({
  income_id: 'INC-1', category: 'performing', use_type: 'radio', territory: 'FR', licensee: 'Radio One',
  period_from: '2025-01-01', period_to: '2025-03-31', currency: 'EUR', amount: '1000.00', received_on: '2025-03-15', ...o,
});

export const deduction = (o: Record<string, string> = {}) => ({
  deduction_id: 'DED-1', kind: 'management', category: 'performing', currency: 'EUR', amount: '150.00', description: 'Management fee', ...o,
});

export const distribution = (o: Record<string, string> = {}) => ({
  line_id: 'L-1', rights_holder_ipi: '00052210040', rights_holder_name: 'Ivanova, Maria', work_iswc: 'T-034.524.680-1', work_title: 'Winter Road',
  category: 'performing', use_type: 'radio', territory: 'FR', use_from: '2025-01-01', use_to: '2025-03-31', currency: 'EUR',
  gross: '600.00', management_fee: '90.00', other_deductions: '10.00', net: '500.00', status: 'paid', paid_on: '2025-03-30', mandate_basis: 'contractual', ...o,
});

export const transfer = (o: Record<string, string> = {}) => ({
  transfer_id: 'TR-1', counterparty_cisac: '904', direction: 'out', category: 'performing', territory: 'SE', fy_of_collection: '2025',
  currency: 'EUR', amount: '50.00', paid_on: '', ...o,
});

export const undistributed = (o: Record<string, string> = {}) => ({
  category: 'performing', fy_of_collection: '2025', currency: 'EUR', amount: '100.00', reason: 'Rights holders not identified',
  non_distributable: 'false', decided_use: 'Kept for later distribution', ...o,
});

export const boardMember = (o: Record<string, string> = {}) => ({
  member_id: 'B-1', name: 'Orlov, Pavel', constituency: 'authors', seat_from: '2024-06-01', seat_to: '', ...o,
});

/** Writes JSON documents into a directory and returns their paths (for the CLI). */
export async function writeJson(dir: string, files: Record<string, unknown>): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const [name, document] of Object.entries(files)) {
    paths[name] = path.join(dir, `${name}.json`);
    await writeFile(paths[name], JSON.stringify(document, null, 2));
  }
  return paths;
}
