import type { Period } from './period.js';
import type { TerritorySet } from './territory-set.js';
import type { Basis, Category, WorkType } from './vocabulary.js';

/**
 * What a mandate says, as far as the rules care: which society manages which category
 * of rights in which type of work, where and when, on what basis, exclusively or not.
 */
export interface MandateTerms {
  societyId: string;
  category: Category;
  workType: WorkType;
  territories: TerritorySet;
  period: Period;
  basis: Basis;
  exclusive: boolean;
}

/** Terms with the identity of the mandate they belong to. */
export interface IdentifiedTerms extends MandateTerms {
  mandateId: string;
}
