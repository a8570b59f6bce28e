import type { ApiClient } from './client';
import type { Claim, ClaimPaymentLine, ClaimStatus, NewClaim, UnclaimedLine } from './types';

/**
 * Unclaimed money and claims (docs/statements.md): the holder's unidentified lines and
 * claims, the claims on a society's lines, and the society's answers.
 */

/** Unidentified committed lines whose name or work is the holder's, each with this holder's claim on it if any. */
export function unclaimedLines(api: ApiClient, rightsHolderId: string): Promise<UnclaimedLine[]> {
  return api.listAllOf('listUnclaimedLines', { path: { id: rightsHolderId } });
}

/** The holder's claims (a society's credential: those on its own lines). */
export function holderClaims(api: ApiClient, rightsHolderId: string): Promise<Claim[]> {
  return api.listAllOf('listHolderClaims', { path: { id: rightsHolderId } });
}

/** The claims on a society's unidentified lines (of one status, or all). */
export function societyClaims(api: ApiClient, societyId: string, status?: ClaimStatus): Promise<Claim[]> {
  return api.listAllOf('listSocietyClaims', { path: { id: societyId }, query: { status } });
}

export function makeClaim(api: ApiClient, rightsHolderId: string, claim: NewClaim): Promise<Claim> {
  return api.call('createClaim', { path: { id: rightsHolderId } }, claim);
}

export function acceptClaim(api: ApiClient, claimId: string): Promise<Claim> {
  return api.call('acceptClaim', { path: { id: claimId } }, {});
}

export function refuseClaim(api: ApiClient, claimId: string, reason: string): Promise<Claim> {
  return api.call('refuseClaim', { path: { id: claimId } }, { reason });
}

/** Records the line of a later package that paid the claim. */
export function recordClaimPayment(api: ApiClient, claimId: string, line: ClaimPaymentLine): Promise<Claim> {
  return api.call('recordClaimPayment', { path: { id: claimId } }, line);
}
