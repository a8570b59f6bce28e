import { ApiError, networkError, toApiError } from './problem';
import type { Accreditation, BoardMember, Me, Page, RightsHolder, Society, Submission } from './types';

/** The largest page the API serves (libs/database MAX_LIMIT). */
const PAGE_LIMIT = 500;
/** listAll stops after this many items: the dashboard never needs more on one screen. */
const LIST_CAP = 5000;

/**
 * Typed calls to the public API with the signed-in token. Every failure is an ApiError
 * read from the problem+json answer; a 401 also calls `onUnauthorized` (the session
 * then ends, since the token was revoked or never valid).
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get bearer(): string {
    return `Bearer ${this.token}`;
  }

  async get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, { headers: { authorization: this.bearer, accept: 'application/json' } });
    } catch (e) {
      throw networkError(e);
    }
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw toApiError(response.status, response.headers.get('content-type') ?? '', text);
    }
    return JSON.parse(text) as T;
  }

  /** Follows nextCursor until the last page (or LIST_CAP items). */
  async listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.get<Page<T>>(`${path}${sep}limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < LIST_CAP);
    return items;
  }

  me(): Promise<Me> {
    return this.get('/v1/me');
  }

  societies(): Promise<Society[]> {
    return this.listAll('/v1/societies');
  }

  society(id: string): Promise<Society> {
    return this.get(`/v1/societies/${encodeURIComponent(id)}`);
  }

  accreditations(societyId: string): Promise<Accreditation[]> {
    return this.listAll(`/v1/societies/${encodeURIComponent(societyId)}/accreditations`);
  }

  /** Board seats; with `at`, only those held on that date. */
  boardMembers(societyId: string, at?: string): Promise<BoardMember[]> {
    return this.listAll(`/v1/societies/${encodeURIComponent(societyId)}/board-members${at ? `?at=${at}` : ''}`);
  }

  rightsHolders(): Promise<RightsHolder[]> {
    return this.listAll('/v1/rights-holders');
  }

  rightsHolder(id: string): Promise<RightsHolder> {
    return this.get(`/v1/rights-holders/${encodeURIComponent(id)}`);
  }

  /** A package type's CSV template (header and two example rows), as a file to save. */
  async template(type: string): Promise<Blob> {
    const response = await fetch(`/v1/templates/${encodeURIComponent(type)}.csv`, { headers: { authorization: this.bearer } }).catch((e: unknown) => {
      throw networkError(e);
    });
    if (!response.ok) throw toApiError(response.status, response.headers.get('content-type') ?? '', await response.text());
    return response.blob();
  }

  submission(id: string): Promise<Submission> {
    return this.get(`/v1/submissions/${encodeURIComponent(id)}`);
  }
}

export { ApiError };
