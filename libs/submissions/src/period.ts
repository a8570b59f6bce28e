import { DomainError } from '../../errors/src/index.js';
import type { Quarter } from '../../package-catalogue/src/index.js';

/** A calendar quarter `YYYYQn`, with its first and last day (the package catalogue's type). */
export type { Quarter } from '../../package-catalogue/src/index.js';

const LAST_DAY = ['03-31', '06-30', '09-30', '12-31'];
const FIRST_DAY = ['01-01', '04-01', '07-01', '10-01'];

export function parsePeriod(period: string | undefined): Quarter {
  const m = /^(\d{4})Q([1-4])$/.exec(period ?? '');
  if (!m || m[1] === '0000') {
    throw DomainError.validation('Invalid period', [{ field: 'period', message: `must be a quarter written YYYYQn, e.g. 2025Q1 (got ${JSON.stringify(period ?? '')})` }]);
  }
  const year = Number(m[1]);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  return { period: `${m[1]}Q${quarter}`, year, quarter, first: `${m[1]}-${FIRST_DAY[quarter - 1]}`, last: `${m[1]}-${LAST_DAY[quarter - 1]}` };
}

/** The quarter a day (YYYY-MM-DD) falls in. */
export function quarterOf(day: string): Quarter {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return parsePeriod(`${m[1]}Q${Math.ceil(Number(m[2]) / 3)}`);
}
