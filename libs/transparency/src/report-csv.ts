/**
 * The transparency report as CSV (RFC 4180, UTF-8, CRLF): one row per figure, in the
 * report's order, so a spreadsheet can filter by section and figure. Every row repeats
 * the society, the financial year and the tree size of the signed head the figures were
 * computed from. Derived from the JSON report only, hence as deterministic. Pure.
 *
 * Columns (docs/transparency.md lists every section's figures and what `qualifier`
 * holds for each): society_cisac, financial_year, head_tree_size, section, figure,
 * category, use_type, qualifier, currency, amount, count, note.
 */
import { csvDocument } from '../../csv/src/index.js';
import type { TransparencyReport } from './report.js';

export const TRANSPARENCY_CSV_COLUMNS = ['society_cisac', 'financial_year', 'head_tree_size', 'section', 'figure', 'category', 'use_type', 'qualifier', 'currency', 'amount', 'count', 'note'] as const;

interface Row {
  section: string;
  figure: string;
  category?: string;
  useType?: string;
  qualifier?: string | number;
  currency?: string;
  amount?: string | null;
  count?: number;
  note?: string | null;
}

/** The rows of the report, in order (without the columns every row repeats). */
export function transparencyRows(r: TransparencyReport): Row[] {
  const rows: Row[] = [];
  const add = (row: Row) => rows.push(row);

  add({ section: 'report', figure: 'legal-basis', note: r.legalBasis });
  add({ section: 'report', figure: 'society', qualifier: r.society.id, note: r.society.name });
  add({ section: 'report', figure: 'period', note: `${r.period.from} to ${r.period.to}` });
  add({ section: 'report', figure: 'publication-deadline', note: r.publicationDeadline });
  add({ section: 'report', figure: 'head-root-hash', count: r.head.treeSize, note: r.head.rootHash });
  add({ section: 'report', figure: 'head-timestamp', note: r.head.timestamp });
  add({ section: 'report', figure: 'head-key-id', note: r.head.keyId });
  add({ section: 'report', figure: 'head-signature', note: r.head.signature });

  add({ section: 'completeness', figure: 'complete', note: String(r.completeness.complete) });
  for (const p of r.completeness.packages) {
    add({ section: 'completeness', figure: p.present ? 'present' : p.required ? 'missing' : 'absent', qualifier: p.type, count: p.submissions, note: p.period });
  }

  for (const x of r.revenue.byCategoryAndUse) add({ section: 'revenue', figure: 'revenue', category: x.category, useType: x.useType, currency: x.currency, amount: x.amount, count: x.lines });
  for (const x of r.revenue.totals) add({ section: 'revenue', figure: 'total-revenue', currency: x.currency, amount: x.amount, count: x.lines });
  for (const q of r.revenue.coverage.missing) add({ section: 'revenue', figure: 'missing-quarter', qualifier: 'income', note: q });

  for (const x of r.deductions.byKindAndCategory) add({ section: 'deductions', figure: 'deduction', category: x.category, qualifier: x.kind, currency: x.currency, amount: x.amount, count: x.lines });
  for (const x of r.deductions.totals) add({ section: 'deductions', figure: 'total-deduction', qualifier: x.kind, currency: x.currency, amount: x.amount, count: x.lines });
  for (const x of r.deductions.managementCosts) {
    add({ section: 'deductions', figure: 'management-cost-ratio-percent', currency: x.currency, amount: x.ratioPercent, note: `${x.managementCosts} of revenue ${x.revenue}` });
  }
  for (const q of r.deductions.coverage.missing) add({ section: 'deductions', figure: 'missing-quarter', qualifier: 'deductions', note: q });

  for (const x of r.socialCultural.totals) {
    add({ section: 'social-cultural', figure: 'total-social-cultural', currency: x.currency, amount: x.amount, count: x.lines });
    add({ section: 'social-cultural', figure: 'share-of-revenue-percent', currency: x.currency, amount: x.sharePercentOfRevenue });
  }
  for (const l of r.socialCultural.lines) {
    add({ section: 'social-cultural', figure: 'deduction-line', category: l.category, qualifier: `${l.period} ${l.deductionId}`, currency: l.currency, amount: l.amount, note: l.description });
  }

  const holderFigures = [
    ['attributed-gross', 'gross'],
    ['management-fees', 'managementFees'],
    ['other-deductions', 'otherDeductions'],
    ['attributed-net', 'net'],
    ['paid', 'paid'],
    ['unpaid', 'unpaid'],
    ['unidentified', 'unidentified'],
  ] as const;
  for (const x of r.rightsHolders.byCategoryAndUse) {
    for (const [figure, field] of holderFigures) add({ section: 'rights-holders', figure, category: x.category, useType: x.useType, currency: x.currency, amount: x[field], count: figure === 'attributed-gross' ? x.lines : undefined });
  }
  for (const x of r.rightsHolders.totals) {
    const counts: Record<string, number> = { 'attributed-gross': x.lines, paid: x.paidLines, unpaid: x.unpaidLines, unidentified: x.unidentifiedLines };
    for (const [figure, field] of holderFigures) add({ section: 'rights-holders', figure: `total-${figure}`, currency: x.currency, amount: x[field], count: counts[figure] });
  }
  add({ section: 'rights-holders', figure: 'payment-days', count: r.rightsHolders.payments.days });
  for (const d of r.rightsHolders.payments.dates) add({ section: 'rights-holders', figure: 'payment-day', category: d.category, useType: d.useType, qualifier: d.paidOn, currency: d.currency, amount: d.net, count: d.lines });
  for (const q of r.rightsHolders.coverage.missing) add({ section: 'rights-holders', figure: 'missing-quarter', qualifier: 'distribution-lines', note: q });

  for (const x of r.undistributed.items) {
    add({
      section: 'undistributed',
      figure: x.nonDistributable ? 'non-distributable' : 'undistributed',
      category: x.category,
      qualifier: x.fyOfCollection,
      currency: x.currency,
      amount: x.amount,
      count: x.lines,
      note: x.nonDistributable ? `${x.reason} | decided use: ${x.decidedUse ?? 'none'}` : x.reason,
    });
  }
  for (const x of r.undistributed.totals) {
    add({ section: 'undistributed', figure: 'total-undistributed', currency: x.currency, amount: x.undistributed });
    add({ section: 'undistributed', figure: 'total-non-distributable', currency: x.currency, amount: x.nonDistributable });
  }
  for (const q of r.undistributed.coverage.missing) add({ section: 'undistributed', figure: 'missing-quarter', qualifier: 'undistributed', note: q });

  for (const x of r.otherSocieties.flows) {
    add({ section: 'other-societies', figure: x.direction, category: x.category, qualifier: x.counterpartyCisac, currency: x.currency, amount: x.amount, count: x.lines });
    add({ section: 'other-societies', figure: `${x.direction}-paid`, category: x.category, qualifier: x.counterpartyCisac, currency: x.currency, amount: x.paid });
    add({ section: 'other-societies', figure: `${x.direction}-due`, category: x.category, qualifier: x.counterpartyCisac, currency: x.currency, amount: x.due });
  }
  for (const x of r.otherSocieties.totals) add({ section: 'other-societies', figure: `total-${x.direction}`, currency: x.currency, amount: x.amount, count: x.lines });
  for (const q of r.otherSocieties.coverage.missing) add({ section: 'other-societies', figure: 'missing-quarter', qualifier: 'inter-society', note: q });

  for (const x of r.nonContractual.byCurrency) {
    add({ section: 'non-contractual', figure: 'attributed-gross', currency: x.currency, amount: x.gross, count: x.lines });
    add({ section: 'non-contractual', figure: 'attributed-net', currency: x.currency, amount: x.net, count: x.lines });
    add({ section: 'non-contractual', figure: 'share-of-gross-percent', currency: x.currency, amount: x.sharePercentOfGross });
  }
  add({ section: 'non-contractual', figure: 'rights-holders', count: r.nonContractual.rightsHolders });
  add({ section: 'non-contractual', figure: 'identified-rights-holders', count: r.nonContractual.identifiedRightsHolders });
  add({ section: 'non-contractual', figure: 'unidentified-lines', count: r.nonContractual.unidentifiedLines });
  for (const x of r.nonContractual.verifiedByCurrency ?? []) {
    add({ section: 'non-contractual', figure: 'verified-attributed-gross', currency: x.currency, amount: x.gross, count: x.lines });
    add({ section: 'non-contractual', figure: 'verified-share-of-gross-percent', currency: x.currency, amount: x.sharePercentOfGross });
  }
  if (r.nonContractual.verifiedRightsHolders !== undefined) add({ section: 'non-contractual', figure: 'verified-rights-holders', count: r.nonContractual.verifiedRightsHolders });

  const board = r.governance.board;
  const source = board.source.kind === 'board-package' ? `board package ${board.source.period} (${board.source.submissionId})` : board.source.kind;
  add({ section: 'governance', figure: 'board-seats', qualifier: board.date, count: board.seats, note: source });
  for (const c of board.byConstituency) add({ section: 'governance', figure: 'board-seats-by-constituency', qualifier: c.constituency, count: c.seats });
  for (const m of board.members) add({ section: 'governance', figure: 'board-member', qualifier: m.constituency, note: `${m.memberId} ${m.name} (${m.seatFrom} to ${m.seatTo ?? 'open'})` });
  const declarations = r.governance.declarations;
  if (declarations) {
    for (const d of declarations.items) {
      add({ section: 'governance', figure: 'board-declaration-remuneration', qualifier: d.memberId, currency: d.currency, amount: d.remuneration, count: d.version, note: `interests: ${d.interests}; conflicts: ${d.conflicts}` });
      add({ section: 'governance', figure: 'board-declaration-as-rights-holder', qualifier: d.memberId, currency: d.currency, amount: d.amountsAsRightholder, count: d.version });
    }
    for (const id of declarations.undeclared) add({ section: 'governance', figure: 'board-declaration-missing', qualifier: id });
    for (const t of declarations.totals) {
      add({ section: 'governance', figure: 'board-remuneration-declared', currency: t.currency, amount: t.remuneration, count: t.declarations });
      add({ section: 'governance', figure: 'board-as-rights-holders-declared', currency: t.currency, amount: t.amountsAsRightholder, count: t.declarations });
    }
  }

  const flowFigures = [
    ['collected', 'collected'],
    ['deductions', 'deductions'],
    ['distributed', 'distributed'],
    ['to-other-societies', 'toOtherSocieties'],
    ['undistributed', 'undistributed'],
    ['difference', 'difference'],
  ] as const;
  for (const c of r.conservation.categories) {
    for (const [figure, field] of flowFigures) add({ section: 'conservation', figure, category: c.category, currency: c.currency, amount: c[field] });
  }
  add({ section: 'conservation', figure: 'balanced', note: String(r.conservation.balanced) });

  for (const n of r.notCovered) add({ section: 'not-covered', figure: 'not-covered', note: n });
  return rows;
}

export function transparencyCsv(r: TransparencyReport): string {
  const lines: string[][] = [[...TRANSPARENCY_CSV_COLUMNS]];
  for (const row of transparencyRows(r)) {
    const cells = [
      r.society.cisacCode,
      String(r.financialYear),
      String(r.head.treeSize),
      row.section,
      row.figure,
      row.category ?? '',
      row.useType ?? '',
      row.qualifier === undefined ? '' : String(row.qualifier),
      row.currency ?? '',
      row.amount ?? '',
      row.count === undefined ? '' : String(row.count),
      row.note ?? '',
    ];
    lines.push(cells);
  }
  return csvDocument(lines);
}
