import type { Basis, Category, WorkType } from '../rules/vocabulary.js';

/** What a version of a mandate records about how it came to be. */
export const MANDATE_CHANGES = ['created', 'terminated', 'withdrawn', 'opted-out', 'split-off', 'amended', 'accepted', 'refused'] as const;
export type MandateChange = (typeof MANDATE_CHANGES)[number];

/**
 * Where a mandate stands (Directive Art. 5(2), 6(2)): `requested` by the rights holder and
 * not yet answered (it manages nothing yet), `active` (accepted, or recorded by an admin,
 * the society or a `mandates` package), `refused` by the society with a reason, `ended`
 * (active, its period over).
 */
export const MANDATE_STATUSES = ['requested', 'active', 'refused', 'ended'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];
/** What a version stores; `ended` is read from the period. */
export type StoredMandateStatus = Exclude<MandateStatus, 'ended'>;

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
  status: MandateStatus;
  version: number;
  change: MandateChange;
  /** How the change was decided: for an end, the request date, notice, policy and what was withdrawn. */
  changeDetail: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
  createdAt: string;
}
