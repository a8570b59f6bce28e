import type { AccreditationState } from '../format/dates';

/** A society's accreditation standing in words, with a colour that is never the only cue. */
export function AccreditationBadge({ state }: { state: AccreditationState }) {
  switch (state.state) {
    case 'valid':
      return (
        <span className={`badge ${state.daysLeft < 365 ? 'badge-warn' : 'badge-ok'}`}>
          Valid until {state.current.validTo} ({state.daysLeft} days left)
        </span>
      );
    case 'expired':
      return <span className="badge badge-bad">Expired on {state.last.validTo} ({state.daysAgo} days ago)</span>;
    case 'not-yet':
      return <span className="badge badge-warn">Starts on {state.next.validFrom}</span>;
    case 'none':
      return <span className="badge badge-bad">No accreditation recorded</span>;
  }
}
