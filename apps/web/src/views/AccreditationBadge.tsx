import type { AccreditationState } from '../format/dates';
import { formatDate, t } from '../i18n';

/** A society's accreditation standing in words, with a colour that is never the only cue. */
export function AccreditationBadge({ state }: { state: AccreditationState }) {
  switch (state.state) {
    case 'valid':
      return (
        <span className={`badge ${state.daysLeft < 365 ? 'badge-warn' : 'badge-ok'}`}>
          {t.plural(state.daysLeft, 'Valid until {date} ({n} day left)', 'Valid until {date} ({n} days left)', { date: formatDate(state.current.validTo) })}
        </span>
      );
    case 'expired':
      return <span className="badge badge-bad">{t.plural(state.daysAgo, 'Expired on {date} ({n} day ago)', 'Expired on {date} ({n} days ago)', { date: formatDate(state.last.validTo) })}</span>;
    case 'not-yet':
      return <span className="badge badge-warn">{t('Starts on {date}', { date: formatDate(state.next.validFrom) })}</span>;
    case 'none':
      return <span className="badge badge-bad">{t('No accreditation recorded')}</span>;
  }
}
