/**
 * The audits requested from this browser tab (the API has no list of audits; each is
 * read by its id), newest first, kept in sessionStorage like the token.
 */
const KEY = 'collective-ledger.audits';

export function rememberAudit(id: string): void {
  sessionStorage.setItem(KEY, JSON.stringify([id, ...auditsFromThisTab().filter((x) => x !== id)].slice(0, 50)));
}

export function auditsFromThisTab(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
