import type { InputProblem } from './types';

/**
 * An error answer from the API, read from its problem+json document (RFC 9457): the
 * status, a title, the detail sentence and, for input errors, one entry per problem
 * with the line, column or field it is about.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: InputProblem[] = [],
  ) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'ApiError';
  }

  /** Refused for this caller: not theirs to see (the API answers 404 for another tenant's data). */
  get isRefusal(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

/**
 * Builds an ApiError from an error response's status and body text. A problem document
 * gives its fields; anything else (a proxy's HTML page, an empty body) still yields a
 * readable message.
 */
export function toApiError(status: number, contentType: string, bodyText: string): ApiError {
  if (/json/.test(contentType) && bodyText) {
    try {
      const doc = JSON.parse(bodyText) as Record<string, unknown>;
      const title = typeof doc.title === 'string' ? doc.title : `HTTP ${status}`;
      const detail = typeof doc.detail === 'string' ? doc.detail : typeof doc.message === 'string' ? doc.message : title;
      return new ApiError(status, title, detail, Array.isArray(doc.errors) ? doc.errors.filter(isInputProblem) : []);
    } catch {
      // not JSON after all: fall through to the plain-text reading
    }
  }
  const text = bodyText.trim().slice(0, 300);
  return new ApiError(status, `HTTP ${status}`, text || 'The server gave no explanation');
}

function isInputProblem(value: unknown): value is InputProblem {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** A network failure (server down, connection reset) as an ApiError with status 0. */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'No answer', `The server could not be reached (${cause instanceof Error ? cause.message : String(cause)})`);
}
