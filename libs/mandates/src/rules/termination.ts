import { addDays, maxDate } from './dates.js';
import { effectiveEndDate, type EffectiveDate, type FinancialYearEnd, type NoticePolicy } from './notice.js';
import { emptyPeriodAt, isEmptyPeriod } from './period.js';
import type { MandateTerms } from './terms.js';
import { intersectTerritories, isEmptyTerritorySet, subtractTerritories, territoriesEqual, type TerritorySet } from './territory-set.js';
import type { Category, WorkType } from './vocabulary.js';

/**
 * What a rights holder ends: the whole mandate (every field absent), or only some of the
 * categories, work types or territories it covers (Directive Art. 5(4)). An absent field
 * means "all of them".
 */
export interface WithdrawalScope {
  categories?: readonly Category[];
  workTypes?: readonly WorkType[];
  territories?: TerritorySet;
}

export type TerminationPlan =
  | {
      kind: 'whole';
      effective: EffectiveDate;
      /** The mandate's terms from now on: its period ends on the effective date. */
      ended: MandateTerms;
    }
  | {
      kind: 'partial';
      effective: EffectiveDate;
      /** The mandate as it was, ending on the effective date. */
      ended: MandateTerms;
      /** A new mandate for what was not withdrawn, from the day after the effective date. */
      remainder: MandateTerms;
      /** The territories withdrawn. */
      withdrawn: TerritorySet;
    }
  | {
      kind: 'refused';
      reason: 'not-covered' | 'already-ended' | 'already-ending';
      /** The request field at fault, when one is. */
      field?: string;
      message: string;
    };

/**
 * Plans a termination or withdrawal of `mandate` requested on `requestedOn` under the
 * society's notice policy. The mandate's period ends on the effective date (or, if that
 * is before the mandate begins, the mandate never applies); a partial withdrawal splits
 * it: the remainder continues as a new mandate. Nothing before the effective date
 * changes, so money due for uses until then stays due (Art. 5(5)).
 */
export function planTermination(
  mandate: MandateTerms,
  scope: WithdrawalScope,
  requestedOn: string,
  policy: NoticePolicy,
  fyEnd: FinancialYearEnd,
): TerminationPlan {
  if (scope.categories && !scope.categories.includes(mandate.category)) {
    return { kind: 'refused', reason: 'not-covered', field: 'categories', message: `the mandate covers category ${mandate.category}, which is not among those withdrawn` };
  }
  if (scope.workTypes && !scope.workTypes.includes(mandate.workType)) {
    return { kind: 'refused', reason: 'not-covered', field: 'workTypes', message: `the mandate covers work type ${mandate.workType}, which is not among those withdrawn` };
  }
  const withdrawn = scope.territories ? intersectTerritories(mandate.territories, scope.territories) : mandate.territories;
  if (isEmptyTerritorySet(withdrawn)) {
    return { kind: 'refused', reason: 'not-covered', field: 'territories', message: 'the mandate covers none of the territories withdrawn' };
  }
  const { period } = mandate;
  if (isEmptyPeriod(period)) {
    return { kind: 'refused', reason: 'already-ended', message: 'the mandate was ended before it began' };
  }
  if (period.to !== null && period.to < requestedOn) {
    return { kind: 'refused', reason: 'already-ended', message: `the mandate ended on ${period.to}, before ${requestedOn}` };
  }
  const effective = effectiveEndDate(requestedOn, policy, fyEnd);
  if (period.to !== null && period.to <= effective.effectiveOn) {
    return {
      kind: 'refused',
      reason: 'already-ending',
      message: `the mandate already ends on ${period.to}, no later than notice given on ${requestedOn} would take effect (${effective.effectiveOn})`,
    };
  }
  const endedPeriod = effective.effectiveOn < period.from ? emptyPeriodAt(period.from) : { from: period.from, to: effective.effectiveOn };
  const ended: MandateTerms = { ...mandate, period: endedPeriod };
  if (territoriesEqual(withdrawn, mandate.territories)) return { kind: 'whole', effective, ended };
  const remainder: MandateTerms = {
    ...mandate,
    territories: subtractTerritories(mandate.territories, withdrawn),
    period: { from: maxDate(addDays(effective.effectiveOn, 1), period.from), to: period.to },
  };
  return { kind: 'partial', effective, ended, remainder, withdrawn };
}
