import { DomainError } from '../../../errors/src/index.js';
import type { Conflict } from '../rules/conflicts.js';
import { describeTerritories, territoryFields } from '../rules/territory-set.js';

const describePeriod = (p: { from: string; to: string | null }) => `${p.from}..${p.to ?? 'open'}`;

/** The body of a 409: every conflicting mandate, and exactly where it overlaps. */
export function conflictDetails(conflicts: Conflict[]) {
  return conflicts.map(({ mandate, overlap }) => ({
    mandateId: mandate.mandateId,
    societyId: mandate.societyId,
    category: mandate.category,
    workType: mandate.workType,
    ...territoryFields(mandate.territories),
    validFrom: mandate.period.from,
    validTo: mandate.period.to,
    overlap: { category: overlap.category, workType: overlap.workType, ...territoryFields(overlap.territories), validFrom: overlap.period.from, validTo: overlap.period.to },
  }));
}

export function conflictMessage(conflicts: Conflict[]): string {
  const list = conflicts
    .map(({ mandate, overlap }) => `${mandate.mandateId} at society ${mandate.societyId} (${overlap.category}, ${overlap.workType}, ${describeTerritories(overlap.territories)}, ${describePeriod(overlap.period)})`)
    .join('; ');
  return `An exclusive mandate of this rights holder at another society already covers part of this one: ${list}`;
}

export function conflictError(conflicts: Conflict[]): DomainError {
  return DomainError.conflict(conflictMessage(conflicts), { conflicts: conflictDetails(conflicts) });
}
