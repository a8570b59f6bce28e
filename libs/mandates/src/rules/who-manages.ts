import { periodContains } from './period.js';
import type { IdentifiedTerms } from './terms.js';
import { coversCountry } from './territory-set.js';
import type { Category, WorkType } from './vocabulary.js';

export interface WhoManagesQuery {
  category: Category;
  workType: WorkType;
  /** One ISO 3166-1 alpha-2 country. */
  territory: string;
  /** The day asked about. */
  at: string;
}

/**
 * The mandates (of one rights holder) under which some society manages `category` of
 * `workType` in `territory` on `at`, ordered by society and mandate id.
 */
export function whoManages<T extends IdentifiedTerms>(mandates: readonly T[], q: WhoManagesQuery): T[] {
  return mandates
    .filter((m) => m.category === q.category && m.workType === q.workType && coversCountry(m.territories, q.territory) && periodContains(m.period, q.at))
    .sort((a, b) => (a.societyId === b.societyId ? cmp(a.mandateId, b.mandateId) : cmp(a.societyId, b.societyId)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
