import type { Basis, Category, WorkType } from '../rules/vocabulary.js';

/** What a version of a mandate records about how it came to be. */
export const MANDATE_CHANGES = ['created', 'terminated', 'withdrawn', 'opted-out', 'split-off', 'amended'] as const;
export type MandateChange = (typeof MANDATE_CHANGES)[number];

/** The rights holder's consent to this category of rights (Directive Art. 5(7)); absent for non-contractual management. */
export interface Consent {
  category: Category;
  recordedAt: string;
  recordedBy: string;
  evidence: string | null;
}

/** One mandate as the ledger knows it at some moment: its latest version recorded by then. */
export interface Mandate {
  id: string;
  societyId: string;
  rightsHolderId: string;
  /** The society's own id for the mandate (bulk loads), if any. */
  externalId: string | null;
  /** The mandate a partial withdrawal split this one from. */
  splitFrom: string | null;
  category: Category;
  workType: WorkType;
  /** ISO 3166-1 alpha-2 codes, or ["WORLD"]. */
  territories: string[];
  /** With ["WORLD"]: the countries left out. */
  excludedTerritories: string[];
  validFrom: string;
  /** Last day managed (inclusive); null: open-ended; the day before validFrom: ended before it began. */
  validTo: string | null;
  basis: Basis;
  exclusive: boolean;
  consent: Consent | null;
  version: number;
  change: MandateChange;
  /** How the change was decided: for an end, the request date, notice, policy and what was withdrawn. */
  changeDetail: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
  createdAt: string;
}
