import type { Mandate, MandatePolicy } from '../api/types';
import { t } from '../i18n';

/** "WORLD except RU, BY", "FR, BE". */
export function describeTerritories(m: Pick<Mandate, 'territories' | 'excludedTerritories'>): string {
  const base = m.territories.join(', ');
  return m.excludedTerritories.length > 0 ? t('{territories} except {excluded}', { territories: base, excluded: m.excludedTerritories.join(', ') }) : base;
}

export type MandateState = 'in force' | 'ended' | 'starts later' | 'requested' | 'refused';

/** Whether a mandate is in force on `today`, has ended, or has not started; a request the society has not answered, or refused. */
export function mandateState(m: Pick<Mandate, 'validFrom' | 'validTo'> & { status?: Mandate['status'] }, today: string): MandateState {
  if (m.status === 'requested') return 'requested';
  if (m.status === 'refused') return 'refused';
  if (m.validFrom > today) return 'starts later';
  if (m.validTo !== null && m.validTo < today) return 'ended';
  return 'in force';
}

/**
 * Reads the territories field: ISO 3166-1 alpha-2 codes separated by commas or spaces,
 * or WORLD alone. Returns the codes (upper case, in order, no repeats) or why not.
 */
export function parseTerritories(input: string): { territories: string[] } | { error: string } {
  const codes = input
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0) return { error: t('Name at least one country code, or WORLD') };
  const bad = codes.filter((c) => c !== 'WORLD' && !/^[A-Z]{2}$/.test(c));
  if (bad.length > 0) return { error: t('Not a two-letter country code: {codes}', { codes: bad.join(', ') }) };
  if (codes.includes('WORLD') && codes.length > 1) return { error: t('WORLD stands alone') };
  return { territories: [...new Set(codes)] };
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `date` plus `months` calendar months, the day kept or cut to the month's end (as the ledger counts notice). */
export function addMonthsIso(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${ny}-${pad(nm)}-${pad(Math.min(d, lastDay(ny, nm)))}`;
}

/** The first end of the financial year (month/day) on or after `date`. */
export function financialYearEndOnOrAfterIso(date: string, month: number, day: number): string {
  const y = Number(date.slice(0, 4));
  const end = (year: number) => `${year}-${pad(month)}-${pad(Math.min(day, lastDay(year, month)))}`;
  return end(y) >= date ? end(y) : end(y + 1);
}

/**
 * The last day the society would manage what a notice given today ends, under its policy
 * (Art. 5(4)), or, for an opt-out, its jurisdiction's opt-out rule when it sets one: shown
 * before the holder confirms. The ledger computes the same date when the notice arrives.
 */
export function effectiveEndPreview(policy: Pick<MandatePolicy, 'noticeMonths' | 'terminateAtFinancialYearEnd' | 'fyEndMonth' | 'fyEndDay' | 'optOut'>, basis: Mandate['basis'], today: string): { noticeMonths: number; effectiveOn: string; atYearEnd: boolean } {
  const optOut = basis === 'non-contractual' && policy.optOut.noticeMonths !== null;
  const noticeMonths = optOut ? policy.optOut.noticeMonths! : policy.noticeMonths;
  const atYearEnd = optOut ? policy.optOut.atFinancialYearEnd === true : policy.terminateAtFinancialYearEnd;
  const expires = addMonthsIso(today, noticeMonths);
  return { noticeMonths, effectiveOn: atYearEnd ? financialYearEndOnOrAfterIso(expires, policy.fyEndMonth, policy.fyEndDay) : expires, atYearEnd };
}
