import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import type { MandateFilter } from './mandates/mandates.repository.js';

/**
 * Which mandates a caller may read: admins and regulators all; a society those it holds;
 * a rights holder its own. Anything else is invisible (404), never an error that tells
 * it exists.
 */
export function readableMandates(p: Principal): MandateFilter {
  if (p.role === 'admin' || p.role === 'regulator') return {};
  if (p.role === 'society' && p.societyId) return { societyId: p.societyId };
  if (p.role === 'rights-holder' && p.rightsHolderId) return { rightsHolderId: p.rightsHolderId };
  throw DomainError.forbidden('This credential is bound to no tenant');
}

/**
 * Whose mandates a caller may create or end (Directive Art. 5: the rights holder
 * decides): an admin any holder's, a rights holder its own. Others see 404.
 */
export function assertMayChangeHoldersMandates(p: Principal, rightsHolderId: string): void {
  if (p.role === 'admin') return;
  if (p.role === 'rights-holder' && p.rightsHolderId === rightsHolderId) return;
  throw DomainError.notFound('Rights holder', rightsHolderId);
}

/**
 * Who may record a new mandate: an admin for anyone; a rights holder for itself (a
 * request the society answers); a society for any holder, at itself only (Art. 5(2):
 * the society records the mandates it accepts). Others see 404; a society naming another
 * society is refused (403).
 */
export function assertMayCreateMandate(p: Principal, rightsHolderId: string, societyId: string): void {
  if (p.role === 'admin') return;
  if (p.role === 'rights-holder' && p.rightsHolderId === rightsHolderId) return;
  if (p.role === 'society' && p.societyId) {
    if (p.societyId === societyId) return;
    throw DomainError.forbidden('A society records mandates at itself only');
  }
  throw DomainError.notFound('Rights holder', rightsHolderId);
}

/** How a change is attributed in the history: the role and the credential's label. */
export function recordedBy(p: Principal): string {
  return `${p.role}: ${p.label}`;
}
