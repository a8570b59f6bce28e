import { type ApportionmentMethod, METHODS } from '../../../apportionment/src/index.js';
import { type InputProblem } from '../../../errors/src/index.js';
import { type ConstituencyMap, DEFAULT_CONSTITUENCY_MAP, explainConstituencyMap } from '../constituencies.js';

/** The method used when a society has chosen none. */
export const DEFAULT_METHOD: ApportionmentMethod = 'sainte-lague';
/** The look-back window, in financial years, when a society has chosen none. */
export const DEFAULT_LOOKBACK_YEARS = 3;
export const BOARD_SIZE_RANGE = { min: 1, max: 100 } as const;
export const LOOKBACK_YEARS_RANGE = { min: 1, max: 10 } as const;

/** A society's board-apportionment settings, or the defaults while it has recorded none. */
export interface GovernanceSettings {
  societyId: string;
  /** False while the society has recorded no settings: the defaults below apply. */
  configured: boolean;
  /** Seats to apportion; null while not configured (the entitlement then uses the actual board's size). */
  boardSize: number | null;
  method: ApportionmentMethod;
  lookbackYears: number;
  constituencyMap: ConstituencyMap;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What a society sets; omitted fields take the defaults. */
export interface GovernanceSettingsInput {
  boardSize: number;
  method?: string;
  lookbackYears?: number;
  constituencyMap?: unknown;
}

export interface ValidGovernanceSettings {
  boardSize: number;
  method: ApportionmentMethod;
  lookbackYears: number;
  constituencyMap: ConstituencyMap;
}

export function defaultSettings(societyId: string): GovernanceSettings {
  return {
    societyId,
    configured: false,
    boardSize: null,
    method: DEFAULT_METHOD,
    lookbackYears: DEFAULT_LOOKBACK_YEARS,
    constituencyMap: DEFAULT_CONSTITUENCY_MAP,
    updatedAt: null,
    updatedBy: null,
  };
}

const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Checks settings given as input (every problem, each naming its field) and fills in the defaults. */
export function validateSettings(input: GovernanceSettingsInput): { ok: true; settings: ValidGovernanceSettings } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (!isWhole(input.boardSize, BOARD_SIZE_RANGE.min, BOARD_SIZE_RANGE.max)) {
    problems.push({ field: 'boardSize', message: `must be a whole number from ${BOARD_SIZE_RANGE.min} to ${BOARD_SIZE_RANGE.max}` });
  }
  const method = input.method ?? DEFAULT_METHOD;
  if (!(METHODS as readonly string[]).includes(method)) problems.push({ field: 'method', message: `must be one of: ${METHODS.join(', ')}` });
  const lookbackYears = input.lookbackYears ?? DEFAULT_LOOKBACK_YEARS;
  if (!isWhole(lookbackYears, LOOKBACK_YEARS_RANGE.min, LOOKBACK_YEARS_RANGE.max)) {
    problems.push({ field: 'lookbackYears', message: `must be a whole number of years from ${LOOKBACK_YEARS_RANGE.min} to ${LOOKBACK_YEARS_RANGE.max}` });
  }
  const constituencyMap = input.constituencyMap ?? DEFAULT_CONSTITUENCY_MAP;
  problems.push(...explainConstituencyMap(constituencyMap));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: { boardSize: input.boardSize, method: method as ApportionmentMethod, lookbackYears, constituencyMap: constituencyMap as ConstituencyMap },
  };
}
