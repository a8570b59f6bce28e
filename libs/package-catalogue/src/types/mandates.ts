import type { InputProblem } from '../../../errors/src/index.js';
import { bool, date, ipi, oneOf, territory, text } from '../columns.js';
import { type CommitContext, definePackageType, type MandateRecord, PackageRejection } from '../definition.js';
import { dateBefore, dateOk } from '../row-rules.js';
import { CATEGORIES, WORK_TYPES } from '../vocabularies.js';

interface MandateLine {
  line_no: number;
  mandate_id: string;
  rights_holder_ipi: string;
  category: string;
  work_type: string;
  territory: string;
  valid_from: string;
  valid_to: string | null;
  basis: string;
  exclusive: boolean;
}

/**
 * A `mandates` package also records its mandates in the mandate register (bitemporal,
 * conflict-checked: libs/mandates) in the commit's transaction; lines sharing a
 * mandate_id are one mandate over their territories. Lines of one mandate that differ in
 * more than the territory, a conflict, or a rule the register refuses reject the package.
 */
async function recordMandates(ctx: CommitContext): Promise<void> {
  const lines = await ctx.query<MandateLine>(
    `SELECT line_no, mandate_id, rights_holder_ipi, category, work_type, territory, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(valid_to, 'YYYY-MM-DD') AS valid_to, basis, exclusive
     FROM ${ctx.linesTable} WHERE society_id = $1 AND submission_id = $2 ORDER BY line_no`,
    [ctx.societyId, ctx.submissionId],
  );
  const byId = new Map<string, MandateRecord>();
  const problems: InputProblem[] = [];
  for (const l of lines) {
    const row = byId.get(l.mandate_id);
    if (!row) {
      byId.set(l.mandate_id, {
        line: l.line_no,
        externalId: l.mandate_id,
        rightsHolderIpi: l.rights_holder_ipi,
        category: l.category,
        workType: l.work_type,
        territories: [l.territory],
        validFrom: l.valid_from,
        validTo: l.valid_to,
        basis: l.basis,
        exclusive: l.exclusive,
      });
    } else if (
      row.rightsHolderIpi !== l.rights_holder_ipi || row.category !== l.category || row.workType !== l.work_type ||
      row.validFrom !== l.valid_from || row.validTo !== l.valid_to || row.basis !== l.basis || row.exclusive !== l.exclusive
    ) {
      problems.push({ line: l.line_no, column: 'mandate_id', message: `mandate ${l.mandate_id} differs from its line ${row.line} in more than the territory` });
    } else {
      row.territories.push(l.territory);
    }
  }
  if (problems.length > 0) throw new PackageRejection(problems);
  await ctx.services.recordMandates([...byId.values()]);
}

/** The mandates the society holds: lines of the package, and mandates of the register. Posts nothing. */
export const mandates = definePackageType({
  type: 'mandates',
  table: 'mandate_lines',
  describe:
    'Mandates the society holds: who entrusted it with which rights, where and when. One line per territory: lines sharing a mandate_id are one mandate over all their territories (they must agree on everything else).',
  docs: 'docs/packages/mandates.md',
  columns: [
    text('mandate_id', { max: 100, kind: 'id' }),
    ipi('rights_holder_ipi'),
    oneOf('category', CATEGORIES),
    oneOf('work_type', WORK_TYPES),
    territory('territory'),
    date('valid_from'),
    date('valid_to', { optional: true }),
    oneOf('basis', ['contractual', 'non-contractual']),
    bool('exclusive'),
  ],
  rules: [
    {
      column: 'valid_to',
      guard: `s.valid_to <> '' AND ${dateOk('valid_from')} AND ${dateOk('valid_to')}`,
      breaks: dateBefore('valid_to', 'valid_from'),
      message: 'is before valid_from',
    },
  ],
  examples: [
    ['M-0001', '00052210040', 'performing', 'musical', 'WORLD', '2020-01-01', '', 'contractual', 'true'],
    ['M-0002', '00052210040', 'mechanical', 'musical', 'RU', '2020-01-01', '2025-12-31', 'non-contractual', 'false'],
  ],
  hooks: { afterLines: recordMandates },
});
