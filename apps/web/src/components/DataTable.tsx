import type { ReactNode } from 'react';
import { TableScroll } from './Fields';

export interface Column<T> {
  /** The column header, also each cell's label when the table reads as cards at phone width. */
  label: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned tabular figures (amounts, counts, percentages). */
  num?: boolean;
  /** Keep the cell on one line (amounts, dates). */
  nowrap?: boolean;
}

/**
 * A table of records in the app's style: inside a focusable scroll region, a caption
 * naming what it holds, the first column as the row header, every cell labelled for the
 * one-card-per-row reading at phone width (`table.stack`), and optional total rows in a
 * `tfoot`. With no rows it says `empty` instead of drawing an empty table.
 */
export function DataTable<T>({
  label,
  caption,
  columns,
  rows,
  rowKey,
  foot = [],
  empty,
  rowClass,
  testId,
}: {
  /** The scroll region's name (short). */
  label: string;
  caption: ReactNode;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** Total rows, drawn with the same columns below the body. */
  foot?: readonly T[];
  empty?: ReactNode;
  rowClass?: (row: T) => string | undefined;
  testId?: string;
}) {
  if (rows.length === 0 && foot.length === 0 && empty !== undefined) return <p data-testid={testId}>{empty}</p>;
  const line = (row: T, i: number, part: 'body' | 'foot') => (
    <tr key={`${part}:${rowKey(row, i)}`} data-key={rowKey(row, i)} className={rowClass?.(row)}>
      {columns.map((c, j) => {
        const className = [c.num ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
        return j === 0 ? (
          <th key={c.label} scope="row" className={className} data-label={c.label}>
            {c.cell(row)}
          </th>
        ) : (
          <td key={c.label} className={className} data-label={c.label}>
            {c.cell(row)}
          </td>
        );
      })}
    </tr>
  );
  return (
    <TableScroll label={label}>
      <table className="stack" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map((r, i) => line(r, i, 'body'))}</tbody>
        {foot.length > 0 && <tfoot>{foot.map((r, i) => line(r, i, 'foot'))}</tfoot>}
      </table>
    </TableScroll>
  );
}
