export const ROLES = ['admin', 'regulator', 'society', 'rights-holder'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the role and, for tenant roles, the one tenant the credential is bound to. */
export interface Principal {
  role: Role;
  tokenId: string | null;
  label: string;
  societyId?: string;
  rightsHolderId?: string;
}

/** True when the principal may read everything (no tenant restriction). */
export function seesAll(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'regulator';
}

/**
 * The societies whose own data the principal may read: `null` means all of them.
 * A society sees only itself; rights holders see society data only through their own
 * lines and mandates (their own scope functions), so here they see none.
 */
export function readableSocietyIds(p: Principal): string[] | null {
  if (seesAll(p)) return null;
  if (p.role === 'society' && p.societyId) return [p.societyId];
  return [];
}

export function canReadSociety(p: Principal, societyId: string): boolean {
  const ids = readableSocietyIds(p);
  return ids === null || ids.includes(societyId);
}

export function canReadRightsHolder(p: Principal, rightsHolderId: string): boolean {
  return seesAll(p) || (p.role === 'rights-holder' && p.rightsHolderId === rightsHolderId);
}
