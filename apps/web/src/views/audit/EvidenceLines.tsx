import { type Column, DataTable } from '../../components/DataTable';
import { type EvidenceLine, evidenceLines, fieldValue, linePath } from '../../format/drill';
import { t } from '../../i18n';
import { Link } from '../../router';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * The lines an audit finding's evidence names (issue 17 item 3), each a link to the line
 * on its submission's page, where its every value, its package and its errors are one
 * step away; beside it what identifies it at a glance (quarter, holder, amount, status),
 * when the evidence gives them. Renders nothing when the evidence names no line.
 */
export function EvidenceLines({ evidence, rule }: { evidence: unknown; rule: string }) {
  const lines = evidenceLines(evidence);
  if (lines.length === 0) return null;
  const has = (key: string) => lines.some((l) => text(l.values[key]) !== null);
  const amountKey = has('gross') ? 'gross' : has('amount') ? 'amount' : null;
  const columns: Column<EvidenceLine>[] = [
    {
      label: t('Line'),
      cell: (l) => (
        <Link to={linePath(l)} data-testid="evidence-line">
          {l.lineId ?? t('line {n}', { n: l.lineNo ?? 0 })}
        </Link>
      ),
      nowrap: true,
    },
    ...(has('period') ? [{ label: t('Quarter'), cell: (l: EvidenceLine) => text(l.values.period) ?? '—', nowrap: true }] : []),
    ...(has('rightsHolderName') ? [{ label: t('Rights holder'), cell: (l: EvidenceLine) => text(l.values.rightsHolderName) ?? '—' }] : []),
    ...(amountKey
      ? [
          {
            label: amountKey === 'gross' ? t('Gross') : t('Amount'),
            cell: (l: EvidenceLine) => `${fieldValue(amountKey, text(l.values[amountKey]), text(l.values.currency) ?? undefined)} ${text(l.values.currency) ?? ''}`.trim(),
            num: true,
            nowrap: true,
          },
        ]
      : []),
    ...(has('status') ? [{ label: t('Status'), cell: (l: EvidenceLine) => text(l.values.status) ?? '—' }] : []),
  ];
  return (
    <details className="evidence-lines" open={lines.length <= 5}>
      <summary>{t.plural(lines.length, 'The {n} line this finding names', 'The {n} lines this finding names')}</summary>
      <DataTable
        label={t('Lines behind this finding')}
        testId={`evidence-lines-${rule}`}
        caption={t('Each line opens in its package, with all its values')}
        rows={lines}
        rowKey={(l, i) => `${l.submissionId}:${l.lineId ?? l.lineNo}:${i}`}
        columns={columns}
      />
    </details>
  );
}
