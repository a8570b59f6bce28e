import type { ApiClient } from './client';
import { ApiError } from './problem';
import type { Submission } from './types';

/**
 * Which submissions a society's screen lists. The contract has `GET /v1/submissions/{id}`;
 * the list of a society's submissions is `GET /v1/societies/{id}/submissions` once the
 * API serves it. Until then (that route answers 404 for the society's own id) the screen
 * lists the submissions sent from this browser tab, and says so.
 */
export interface SubmissionList {
  source: 'api' | 'this-tab';
  items: Submission[];
}

const tabKey = (societyId: string) => `collective-ledger.submissions.${societyId}`;

/** Remembers a submission sent from this tab (newest first, no duplicates). */
export function rememberSubmission(societyId: string, submissionId: string): void {
  const ids = sentFromThisTab(societyId).filter((id) => id !== submissionId);
  sessionStorage.setItem(tabKey(societyId), JSON.stringify([submissionId, ...ids].slice(0, 100)));
}

export function sentFromThisTab(societyId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(tabKey(societyId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function listSubmissions(api: ApiClient, societyId: string): Promise<SubmissionList> {
  try {
    const items = await api.listAllOf('listSubmissions', { path: { id: societyId } });
    return { source: 'api', items };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const items = await Promise.all(sentFromThisTab(societyId).map((id) => api.submission(id).catch(() => null)));
  return { source: 'this-tab', items: items.filter((s): s is Submission => s !== null) };
}
