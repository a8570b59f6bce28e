/**
 * Reading helpers of the drill-down pages (issue 17 items 3 and 4): the lines an audit
 * finding's evidence names, each with the address of its line on its submission's page;
 * the names and values of a line's fields; a submission page's line filter from its
 * address. Pure: no React, no API calls.
 */
import { formatAmount, formatDate, formatDecimal, msg, t } from '../i18n';

/** A line an audit finding's evidence names: enough to open it on its submission's page. */
export interface EvidenceLine {
  submissionId: string;
  /** The line's id in its package (line_id, deduction_id, …), when the evidence gives it. */
  lineId: string | null;
  lineNo: number | null;
  /** Where in the evidence it was ("lines[3]", "examples[0]"). */
  path: string;
  /** The evidence's other values of the line, as given. */
  values: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The keys evidence names a line's id with (a distribution line's lineId, a deduction's deductionId, …). */
const ID_KEYS = ['lineId', 'deductionId', 'incomeId', 'transferId', 'memberId'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every line an evidence object names, in the order it gives them: any object (at any
 * depth) with a `submissionId` and a line id or a line number. Nothing else is read as a
 * line (a submission without a line is not one).
 */
export function evidenceLines(evidence: unknown, path = ''): EvidenceLine[] {
  if (Array.isArray(evidence)) return evidence.flatMap((v, i) => evidenceLines(v, `${path}[${i}]`));
  if (!isObject(evidence)) return [];
  const submissionId = evidence.submissionId;
  const idKey = ID_KEYS.find((k) => typeof evidence[k] === 'string' && evidence[k] !== '');
  const lineNo = typeof evidence.lineNo === 'number' && Number.isSafeInteger(evidence.lineNo) && evidence.lineNo > 0 ? evidence.lineNo : null;
  if (typeof submissionId === 'string' && UUID.test(submissionId) && (idKey !== undefined || lineNo !== null)) {
    const values = Object.fromEntries(Object.entries(evidence).filter(([k]) => k !== 'submissionId' && k !== 'lineNo' && k !== idKey));
    return [{ submissionId, lineId: idKey ? (evidence[idKey] as string) : null, lineNo, path: path || '.', values }];
  }
  return Object.entries(evidence).flatMap(([k, v]) => evidenceLines(v, path ? `${path}.${k}` : k));
}

/** The address of a line on its submission's page: by its id when known, else by its line number. */
export function linePath(line: { submissionId: string; lineId: string | null; lineNo: number | null }): string {
  const q = line.lineId !== null ? `line=${encodeURIComponent(line.lineId)}` : line.lineNo !== null ? `lineNo=${line.lineNo}` : '';
  return `/submissions/${encodeURIComponent(line.submissionId)}${q ? `?${q}` : ''}`;
}

/** Which line a submission page's address asks for (`?line=ID` or `?lineNo=N`), if any. */
export function lineFromSearch(search: string): { lineId?: string; lineNo?: number } {
  const params = new URLSearchParams(search);
  const lineId = params.get('line');
  if (lineId) return { lineId };
  const lineNo = Number(params.get('lineNo'));
  return Number.isSafeInteger(lineNo) && lineNo > 0 ? { lineNo } : {};
}

/** A line's fields by the API's names, as people read them (the column headers of the lines and the diff). */
const FIELD_LABELS: Record<string, string> = {
  lineId: msg('Line id'),
  rightsHolderIpi: msg('IPI'),
  rightsHolderName: msg('Rights holder'),
  workIswc: msg('ISWC'),
  workTitle: msg('Work'),
  category: msg('Category'),
  useType: msg('Type of use'),
  territory: msg('Territory'),
  useFrom: msg('Use from'),
  useTo: msg('Use to'),
  currency: msg('Currency'),
  gross: msg('Gross'),
  managementFee: msg('Management fee'),
  otherDeductions: msg('Other deductions'),
  net: msg('Net'),
  status: msg('Status'),
  paidOn: msg('Paid on'),
  mandateBasis: msg('Declared basis'),
  workType: msg('Type of work'),
  amount: msg('Amount'),
  description: msg('Description'),
  kind: msg('Kind'),
};

/** A field's name to show ("managementFee" → "Management fee"); a field without a label as the API names it. */
export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ? t(FIELD_LABELS[name]) : name;
}

const AMOUNT_FIELDS = new Set(['gross', 'managementFee', 'otherDeductions', 'net', 'amount']);

/** Whether a field holds an amount of money (written with its currency). */
export function isAmount(name: string): boolean {
  return AMOUNT_FIELDS.has(name);
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Fields whose values are the ledger's codes, shown in the reader's language (the catalogue has them all: CODES_RU). */
const CODE_FIELDS = new Set(['category', 'useType', 'status', 'mandateBasis', 'workType', 'kind']);

/**
 * A field's value to show: amounts with the language's separators and, given the line's
 * currency, its minor units (else at least two decimals), never rounded; dates per
 * language; codes (categories, uses, statuses) in the reader's language; an empty cell
 * as a dash.
 */
export function fieldValue(name: string, value: string | null | undefined, currency?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (AMOUNT_FIELDS.has(name) && /^-?\d+(\.\d+)?$/.test(value)) return currency ? formatAmount(value, currency) : formatDecimal(value, 2);
  if (DATE.test(value)) return formatDate(value);
  return CODE_FIELDS.has(name) ? t(value) : value;
}

/** A changed field in words: "Gross: 1,000 → 1,200". */
export function changeText(name: string, change: { from: string | null; to: string | null }, currency?: string): string {
  return `${fieldLabel(name)}: ${fieldValue(name, change.from, currency)} → ${fieldValue(name, change.to, currency)}`;
}
