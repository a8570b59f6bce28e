import type { Mandate } from '../api/types';

/** "WORLD except RU, BY", "FR, BE". */
export function describeTerritories(m: Pick<Mandate, 'territories' | 'excludedTerritories'>): string {
  const base = m.territories.join(', ');
  return m.excludedTerritories.length > 0 ? `${base} except ${m.excludedTerritories.join(', ')}` : base;
}

export type MandateState = 'in force' | 'ended' | 'starts later';

/** Whether a mandate is in force on `today`, has ended, or has not started. */
export function mandateState(m: Pick<Mandate, 'validFrom' | 'validTo'>, today: string): MandateState {
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
  if (codes.length === 0) return { error: 'Name at least one country code, or WORLD' };
  const bad = codes.filter((c) => c !== 'WORLD' && !/^[A-Z]{2}$/.test(c));
  if (bad.length > 0) return { error: `Not a two-letter country code: ${bad.join(', ')}` };
  if (codes.includes('WORLD') && codes.length > 1) return { error: 'WORLD stands alone' };
  return { territories: [...new Set(codes)] };
}
