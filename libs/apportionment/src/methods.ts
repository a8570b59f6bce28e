import type { Allocation, Contender, SeatBounds } from './contender.js';
import { DIVISOR_RULES, allocateByDivisors } from './divisor-methods.js';
import { allocateByLargestRemainder } from './largest-remainder.js';
import { type ApportionmentLaws, type ApportionmentMethod, METHODS } from './types.js';

/**
 * The catalogue: how each method allocates, and which of the Balinski–Young
 * properties it guarantees.
 *
 * Every divisor method is house monotone and population monotone but can break
 * quota (Jefferson/D'Hondt only upwards, Adams only downwards, Webster and
 * Huntington–Hill both ways, rarely). Hamilton always stays within quota but
 * shows the Alabama and population paradoxes. Largest remainder with the Droop
 * quota never falls below the lower quota (a party's Droop quotient exceeds
 * its standard quota), can exceed the upper quota, and shows both paradoxes.
 */
interface MethodSpec {
  readonly allocate: (contenders: readonly Contender[], seats: number, bounds: SeatBounds) => Allocation;
  readonly laws: ApportionmentLaws;
}

const divisorLaws = (lowerQuota: boolean, upperQuota: boolean): ApportionmentLaws => ({
  lowerQuota,
  upperQuota,
  quotaRule: lowerQuota && upperQuota,
  houseMonotone: true,
  populationMonotone: true,
});

export const METHOD_SPECS: Readonly<Record<ApportionmentMethod, MethodSpec>> = {
  dhondt: {
    allocate: (c, s, b) => allocateByDivisors(DIVISOR_RULES.dhondt, c, s, b),
    laws: divisorLaws(true, false),
  },
  'sainte-lague': {
    allocate: (c, s, b) => allocateByDivisors(DIVISOR_RULES['sainte-lague'], c, s, b),
    laws: divisorLaws(false, false),
  },
  'modified-sainte-lague': {
    allocate: (c, s, b) => allocateByDivisors(DIVISOR_RULES['modified-sainte-lague'], c, s, b),
    laws: divisorLaws(false, false),
  },
  'huntington-hill': {
    allocate: (c, s, b) => allocateByDivisors(DIVISOR_RULES['huntington-hill'], c, s, b),
    laws: divisorLaws(false, false),
  },
  adams: {
    allocate: (c, s, b) => allocateByDivisors(DIVISOR_RULES.adams, c, s, b),
    laws: divisorLaws(false, true),
  },
  hamilton: {
    allocate: (c, s, b) => allocateByLargestRemainder('hare', c, s, b),
    laws: { lowerQuota: true, upperQuota: true, quotaRule: true, houseMonotone: false, populationMonotone: false },
  },
  droop: {
    allocate: (c, s, b) => allocateByLargestRemainder('droop', c, s, b),
    laws: { lowerQuota: true, upperQuota: false, quotaRule: false, houseMonotone: false, populationMonotone: false },
  },
};

export function isApportionmentMethod(value: unknown): value is ApportionmentMethod {
  return typeof value === 'string' && (METHODS as readonly string[]).includes(value);
}
