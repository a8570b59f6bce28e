import { intersectPeriods, type Period } from './period.js';
import type { IdentifiedTerms, MandateTerms } from './terms.js';
import { intersectTerritories, isEmptyTerritorySet, type TerritorySet } from './territory-set.js';
import type { Category, WorkType } from './vocabulary.js';

/** Where two mandates' delineations meet: the same category and work type, and these countries and days. */
export interface Overlap {
  category: Category;
  workType: WorkType;
  territories: TerritorySet;
  period: Period;
}

/** The delineations' common part, or null when they share no category × work type × territory × day. */
export function overlapOf(a: MandateTerms, b: MandateTerms): Overlap | null {
  if (a.category !== b.category || a.workType !== b.workType) return null;
  const period = intersectPeriods(a.period, b.period);
  if (period === null) return null;
  const territories = intersectTerritories(a.territories, b.territories);
  if (isEmptyTerritorySet(territories)) return null;
  return { category: a.category, workType: a.workType, territories, period };
}

export interface Conflict {
  mandate: IdentifiedTerms;
  overlap: Overlap;
}

/**
 * The mandates of one rights holder that a new exclusive mandate would clash with: the
 * exclusive mandates at *another* society whose delineation overlaps it (Directive
 * Art. 5(2): the holder may split rights across societies, but one right cannot be
 * entrusted exclusively to two). A non-exclusive mandate never conflicts, nor do two
 * mandates at the same society.
 */
export function findConflicts(candidate: MandateTerms, existing: readonly IdentifiedTerms[]): Conflict[] {
  if (!candidate.exclusive) return [];
  const conflicts: Conflict[] = [];
  for (const other of existing) {
    if (!other.exclusive || other.societyId === candidate.societyId) continue;
    const overlap = overlapOf(candidate, other);
    if (overlap) conflicts.push({ mandate: other, overlap });
  }
  return conflicts;
}
