import { amount, currency, date, ipi, isrc, iswc, oneOf, territory, text } from '../columns.js';
import { definePackageType } from '../definition.js';
import { amountOk, dateBefore, dateOk } from '../row-rules.js';
import { CATEGORIES, LINE_MANDATE_STATUSES, USE_TYPES, WORK_TYPES } from '../vocabularies.js';

/**
 * What was attributed to each rights holder, and whether it was paid: the type that takes
 * millions of lines per package (partitioned). Its commit registers the holders its
 * lines name by an IPI the register does not know yet (provisionally, under the line's
 * name: docs/rights-holders.md) and derives each line's mandate status from the mandate
 * register as known at the commit (libs/mandates, docs/mandates.md).
 */
export const distributionLines = definePackageType({
  type: 'distribution-lines',
  table: 'distribution_lines',
  partitioned: true,
  describe: 'What was attributed to one rights holder for one use, and whether it was paid.',
  docs: 'docs/packages/distribution-lines.md',
  idColumn: 'line_id',
  transparency: true,
  transparencyRequired: true,
  columns: [
    text('line_id', { max: 100, kind: 'id' }),
    ipi('rights_holder_ipi', { optional: true }),
    text('rights_holder_name', { max: 300, kind: 'name' }),
    iswc('work_iswc'),
    text('work_title', { max: 500 }),
    oneOf('category', CATEGORIES),
    oneOf('use_type', USE_TYPES),
    territory('territory'),
    date('use_from', { rule: 'not-after-quarter' }),
    date('use_to', { rule: 'not-after-quarter' }),
    currency('currency'),
    amount('gross'),
    amount('management_fee'),
    amount('other_deductions'),
    amount('net'),
    oneOf('status', ['paid', 'unpaid', 'unidentified']),
    date('paid_on', { optional: true, rule: 'in-quarter' }),
    oneOf('mandate_basis', ['contractual', 'non-contractual']),
    // Added later (issue 14): mandates' vocabulary; without it a line matches mandates of any work type.
    oneOf('work_type', WORK_TYPES, { optional: true, mayBeAbsent: true }),
    // Added later (issue 16 item 3): the recording the use came through, so unclaimed lines match the works register by ISRC too.
    isrc('recording_isrc', { mayBeAbsent: true }),
  ],
  rules: [
    {
      column: 'use_to',
      guard: `${dateOk('use_from')} AND ${dateOk('use_to')}`,
      breaks: dateBefore('use_to', 'use_from'),
      message: 'is before use_from',
    },
    {
      column: 'net',
      guard: `${amountOk('gross')} AND ${amountOk('management_fee')} AND ${amountOk('other_deductions')} AND ${amountOk('net')}`,
      breaks: `s.net::numeric <> s.gross::numeric - s.management_fee::numeric - s.other_deductions::numeric`,
      message: 'must equal gross - management_fee - other_deductions exactly',
    },
    {
      column: 'paid_on',
      breaks: `s.status = 'paid' AND s.paid_on = ''`,
      message: 'is required when status is paid',
    },
    {
      column: 'paid_on',
      breaks: `s.status IN ('unpaid', 'unidentified') AND s.paid_on <> ''`,
      message: 'must be empty unless status is paid',
    },
    {
      column: 'rights_holder_ipi',
      breaks: `s.rights_holder_ipi = '' AND s.status IN ('paid', 'unpaid')`,
      message: 'is required unless status is unidentified',
    },
  ],
  examples: [
    ['L-000001', '00052210040', 'Ivanova, Maria', 'T-034.524.680-1', 'Winter Road', 'performing', 'radio', 'RU', '2025-01-01', '2025-03-31', 'RUB', '1000.00', '150.00', '20.00', '830.00', 'paid', '2025-03-30', 'contractual', 'musical', 'RUA1Z2500001'],
    ['L-000002', '', 'Unknown composer (cue sheet 77)', '', 'Untitled theme', 'communication', 'tv', 'RU', '2024-10-01', '2024-12-31', 'RUB', '410.50', '61.58', '0', '348.92', 'unidentified', '', 'non-contractual', '', ''],
  ],
  // The holder by IPI (registered by beforeLines if it was not), as rights_holders.ipi's
  // key (char(11): compared as text, the column would be cast and its unique index of no
  // use); the mandate status is NULL unless computeColumns derives it.
  computed: {
    columns: { rights_holder_id: 'rh.id', mandate_status: 'NULL', mandate_ids: 'NULL' },
    joins: `LEFT JOIN rights_holders rh ON rh.ipi = (NULLIF(s.rights_holder_ipi, ''))::char(11)`,
  },
  // Whose line it is: the holder line.changed tells of a correction's changes to it.
  holderColumn: 'rights_holder_id',
  // The lines API: each line with its typed columns and the mandate status derived at the
  // commit (CONTRACT.md, issue 14); q finds the line id, the holder's name or IPI, the work title.
  lines: {
    properties: {
      rightsHolderIpi: 'l.rights_holder_ipi',
      rightsHolderName: 'l.rights_holder_name',
      rightsHolderId: 'l.rights_holder_id',
      workIswc: 'l.work_iswc',
      workTitle: 'l.work_title',
      category: 'l.category',
      workType: 'l.work_type',
      workTypeMatched: `CASE WHEN l.work_type IS NULL THEN 'any' ELSE 'exact' END`,
      useType: 'l.use_type',
      territory: 'l.territory',
      useFrom: `to_char(l.use_from, 'YYYY-MM-DD')`,
      useTo: `to_char(l.use_to, 'YYYY-MM-DD')`,
      currency: 'l.currency',
      gross: 'trim_scale(l.gross)::text',
      managementFee: 'trim_scale(l.management_fee)::text',
      otherDeductions: 'trim_scale(l.other_deductions)::text',
      net: 'trim_scale(l.net)::text',
      status: 'l.status',
      paidOn: `to_char(l.paid_on, 'YYYY-MM-DD')`,
      mandateBasis: 'l.mandate_basis',
      mandateStatus: 'l.mandate_status',
      mandateIds: `COALESCE(l.mandate_ids, '{}')::text[]`,
    },
    search: ['line_id', 'rights_holder_name', 'work_title', 'rights_holder_ipi'],
    filters: [{ field: 'mandateStatus', column: 'mandate_status', values: LINE_MANDATE_STATUSES, label: 'mandate status' }],
  },
  hooks: {
    beforeLines: (ctx) => ctx.services.registerUnknownHolders(ctx.stagingTable, { ipi: 'rights_holder_ipi', name: 'rights_holder_name' }),
    computeColumns: (ctx) => ctx.services.mandateStatus(ctx.stagingTable, { small: ctx.small }),
  },
  entryKinds: ['distribution-lines', 'distribution-lines:payment'],
  // One scan of the lines (a package may hold millions): aggregated once by everything
  // the four postings group by, then each posting sums that small aggregate.
  journal: `
    WITH d AS MATERIALIZED (
      SELECT category, rights_holder_id, currency, status = 'paid' AS paid, sum(net) AS net
      FROM distribution_lines WHERE society_id = $1 AND submission_id = $2
      GROUP BY category, rights_holder_id, currency, status = 'paid'
    )
    SELECT 'distribution-lines', 'pool:' || category, currency, sum(net) FROM d GROUP BY category, currency
    UNION ALL
    SELECT 'distribution-lines', 'payable:' || COALESCE(rights_holder_id::text, 'unidentified'), currency, -sum(net) FROM d GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'distribution-lines:payment', 'payable:' || COALESCE(rights_holder_id::text, 'unidentified'), currency, sum(net) FROM d WHERE paid GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'distribution-lines:payment', 'cash', currency, -sum(net) FROM d WHERE paid GROUP BY currency`,
});
