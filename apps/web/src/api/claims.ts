import type { ApiClient } from './client';
import type { Claim, ClaimPaymentLine, ClaimStatus, NewClaim, UnclaimedLine } from './types';

/**
 * Unclaimed money and claims (docs/statements.md): the holder's unidentified lines and
 * claims, the claims on a society's lines, and the society's answers.
 */

const enc = encodeURIComponent;

/** Unidentified committed lines whose name or work is the holder's, each with this holder's claim on it if any. */
export function unclaimedLines(api: ApiClient, rightsHolderId: string): Promise<UnclaimedLine[]> {
  return api.listAll(`/v1/rights-holders/${enc(rightsHolderId)}/unclaimed`);
}

/** The holder's claims (a society's credential: those on its own lines). */
export function holderClaims(api: ApiClient, rightsHolderId: string): Promise<Claim[]> {
  return api.listAll(`/v1/rights-holders/${enc(rightsHolderId)}/claims`);
}

/** The claims on a society's unidentified lines (of one status, or all). */
export function societyClaims(api: ApiClient, societyId: string, status?: ClaimStatus): Promise<Claim[]> {
  return api.listAll(`/v1/societies/${enc(societyId)}/claims${status ? `?status=${status}` : ''}`);
}

export function makeClaim(api: ApiClient, rightsHolderId: string, claim: NewClaim): Promise<Claim> {
  return api.post(`/v1/rights-holders/${enc(rightsHolderId)}/claims`, claim);
}

export function acceptClaim(api: ApiClient, claimId: string): Promise<Claim> {
  return api.post(`/v1/claims/${enc(claimId)}/acceptance`, {});
}

export function refuseClaim(api: ApiClient, claimId: string, reason: string): Promise<Claim> {
  return api.post(`/v1/claims/${enc(claimId)}/refusal`, { reason });
}

/** Records the line of a later package that paid the claim. */
export function recordClaimPayment(api: ApiClient, claimId: string, line: ClaimPaymentLine): Promise<Claim> {
  return api.post(`/v1/claims/${enc(claimId)}/payment`, line);
}
