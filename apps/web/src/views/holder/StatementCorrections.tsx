import type { Statement } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { changeText, fieldLabel, fieldValue, isAmount } from '../../format/drill';
import { formatDateTime, formatInteger, msg, t } from '../../i18n';
import { Link } from '../../router';
import { useSession } from '../../session';

type Correction = NonNullable<Statement['corrections']>['items'][number];

const CHANGE_LABELS: Record<Correction['change'], string> = { added: msg('added'), removed: msg('removed'), changed: msg('changed') };

/**
 * The holder's lines that a society's corrections changed (issue 17 item 4): each line,
 * the correcting package and its quarter, and every value before → after ("Gross: 1,000
 * → 1,200"), as the statement's `corrections` gives them. Nothing when there are none.
 * Those who may read submissions (the society, regulators) get a link to the package.
 */
export function StatementCorrections({ statement: s }: { statement: Statement }) {
  const { me } = useSession();
  const c = s.corrections;
  if (!c || c.lines === 0) return null;
  const readsSubmissions = me.role !== 'rights-holder';
  const societies = new Map(s.societies.map((x) => [x.societyId, x.societyName]));
  return (
    <section aria-labelledby="corrections-heading" className="notice" data-testid="corrections">
      <h2 id="corrections-heading">{t.plural(c.lines, '{n} of your lines changed by a correction', '{n} of your lines changed by corrections')}</h2>
      <p>
        {t('A society corrects a quarter by sending a new package that replaces the one it committed. These are the differences between the two for your lines of {year}; the amounts above are those of the corrections.', { year: s.year })}
      </p>
      <DataTable
        label={t('Corrections')}
        caption={c.items.length < c.lines ? t('The first {shown} of {total}', { shown: formatInteger(c.items.length), total: formatInteger(c.lines) }) : t.plural(c.lines, '{n} line', '{n} lines')}
        rows={c.items}
        rowKey={(x) => `${x.submissionId}:${x.lineId}`}
        columns={[
          { label: t('Line'), cell: (x) => `${x.lineId} (${t(CHANGE_LABELS[x.change])})`, nowrap: true },
          { label: t('Society'), cell: (x) => societies.get(x.societyId) ?? x.societyId },
          {
            label: t('Correction'),
            cell: (x) => (
              <>
                {readsSubmissions ? <Link to={`/submissions/${x.submissionId}`}>{t('package of {period}', { period: x.period })}</Link> : t('package of {period}', { period: x.period })}
                <br />
                <span className="muted small">{t('committed {when}', { when: formatDateTime(x.committedAt) })}</span>
              </>
            ),
          },
          {
            label: t('What changed'),
            cell: (x) => (
              <ul className="changes">
                {Object.entries(x.fields).map(([name, change]) => (
                  <li key={name} aria-label={changeText(name, change, x.currency)}>
                    {fieldLabel(name)}: <del className="diff-from">{fieldValue(name, change.from, x.currency)}</del> → <ins className="diff-to">{fieldValue(name, change.to, x.currency)}</ins>
                    {isAmount(name) && ` ${x.currency}`}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </section>
  );
}
