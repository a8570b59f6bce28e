import type { IdentifiedTerms } from '../rules/terms.js';
import { countries, worldExcept } from '../rules/territory-set.js';
import type { Mandate } from './mandate.js';
import { WORLD_TERRITORY } from '../../../identifiers/src/index.js';

/** The rules' view of a stored mandate. */
export function termsOf(m: Mandate): IdentifiedTerms {
  return {
    mandateId: m.id,
    societyId: m.societyId,
    category: m.category,
    workType: m.workType,
    territories: m.territories.length === 1 && m.territories[0] === WORLD_TERRITORY ? worldExcept(m.excludedTerritories) : countries(m.territories),
    period: { from: m.validFrom, to: m.validTo },
    basis: m.basis,
    exclusive: m.exclusive,
  };
}
