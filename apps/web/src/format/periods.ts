/** Quarterly periods written `YYYYQn`, as the submissions API takes them. */

import { t } from '../i18n';

const PERIOD = /^(\d{4})Q([1-4])$/;

/** Why `value` is not a period, or null when it is one. */
export function explainPeriod(value: string): string | null {
  const m = PERIOD.exec(value);
  if (!m || m[1] === '0000') return t('Write the quarter as YYYYQn, for example 2025Q1');
  return null;
}

/** The quarter containing an ISO date. */
export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}Q${Math.ceil(month / 3)}`;
}

/** The quarter before `period` (2025Q1 → 2024Q4). */
export function previousQuarter(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}
