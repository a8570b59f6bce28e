import { useId } from 'react';

/**
 * A labelled native `<progress>` (announced by screen readers) with the percentage in
 * text beside it. `value` null shows an indeterminate bar.
 */
export function ProgressBar({ label, value, detail }: { label: string; value: number | null; detail?: string }) {
  const id = useId();
  const percent = value === null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <label htmlFor={id}>{label}</label>
      <div className="progress-row">
        {percent === null ? <progress id={id} /> : <progress id={id} max={100} value={percent} />}
        <span className="progress-text" aria-hidden="true">
          {percent === null ? '…' : `${percent}%`}
        </span>
      </div>
      {detail && <p className="muted small">{detail}</p>}
    </div>
  );
}
