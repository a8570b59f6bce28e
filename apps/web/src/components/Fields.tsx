import type { ReactNode } from 'react';

/** A definition list of label/value pairs (a record's details). */
export function Fields({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <dl className="fields">
      {rows.map(([label, value]) => (
        <div key={label} className="field">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A horizontally scrollable, keyboard-focusable wrapper so wide tables stay readable on a phone. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
