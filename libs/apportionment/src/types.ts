/**
 * Public input and result shapes. They are the JSON of `POST /v1/apportionment`
 * (CONTRACT.md, "Governance and audits") plus `method` and `laws` in the result.
 */

export const METHODS = [
  'dhondt',
  'sainte-lague',
  'modified-sainte-lague',
  'hamilton',
  'droop',
  'huntington-hill',
  'adams',
] as const;

export type ApportionmentMethod = (typeof METHODS)[number];

export interface PartyVotes {
  /** Unique, non-empty. */
  name: string;
  /**
   * A non-negative decimal string of up to 18 integer and 8 fraction digits
   * (`"1234.56"`), or a whole number (a safe JS integer or a bigint).
   */
  votes: string | number | bigint;
}

export interface ApportionmentInput {
  /** One of {@link METHODS}; checked at run time. */
  method: string;
  /** House size: a whole number from 1 to {@link MAX_SEATS}. */
  seats: number;
  parties: readonly PartyVotes[];
  /**
   * Percentage of all votes (0–100, decimal string or number, at most 8 fraction
   * digits) a party needs to take part; at or above it passes.
   */
  threshold?: string | number;
  /** Seats every party passing the threshold gets at least. */
  minSeats?: number;
  /** Seats no party may exceed. */
  maxSeats?: number;
}

export interface PartySeats {
  name: string;
  /** The votes exactly as given (numbers and bigints as their decimal text). */
  votes: string;
  seats: number;
  /**
   * floor and ceil of the exact standard quota votes × seats / (votes of the
   * parties passing the threshold); 0 and 0 for a party below the threshold.
   */
  lowerQuota: number;
  upperQuota: number;
  withinQuota: boolean;
}

export interface TieReport {
  /** Ordinal of the contested seat in the allocation (1 = first seat). */
  seat: number;
  /** The parties still contending for it, in tie-break order (winner first). */
  parties: string[];
  winner: string;
}

/** Disproportionality in percentage points, as decimal strings with 6 places. */
export interface DisproportionalityIndices {
  gallagher: string;
  loosemoreHanby: string;
}

/**
 * Which of the classic apportionment properties the method guarantees
 * (Balinski and Young), for an unconstrained allocation among the parties that
 * pass the threshold. Seat bounds (minSeats/maxSeats) can override any of them.
 */
export interface ApportionmentLaws {
  /** Never below the floor of the standard quota. */
  lowerQuota: boolean;
  /** Never above the ceiling of the standard quota. */
  upperQuota: boolean;
  /** Both of the above: the quota rule. */
  quotaRule: boolean;
  /** One more seat in the house never takes a seat from anyone (no Alabama paradox). */
  houseMonotone: boolean;
  /**
   * A party gaining votes relative to another never loses a seat to it (no
   * population paradox).
   */
  populationMonotone: boolean;
}

export interface ApportionmentResult {
  method: ApportionmentMethod;
  /** One entry per party, in input order. */
  seats: PartySeats[];
  indices: DisproportionalityIndices;
  /** Ties that decided seats, empty when no exact tie mattered. */
  ties: TieReport[];
  laws: ApportionmentLaws;
}

/** Largest accepted house size. */
export const MAX_SEATS = 1_000_000;
