/**
 * Errors the domain raises, with a stable code. The HTTP edge maps each code to a
 * status and an RFC 9457 problem document in one place (apps/api's problem filter);
 * a worker logs them. Nothing in libs/ throws an HTTP exception.
 */
export type DomainErrorCode =
  | 'validation' // the input is malformed: 400
  | 'unauthenticated' // no or unknown credential: 401
  | 'forbidden' // the credential may not do this: 403
  | 'not-found' // absent, or not visible to this credential: 404
  | 'request-timeout' // the request took too long to arrive: 408
  | 'conflict' // clashes with existing state: 409
  | 'payload-too-large' // 413
  | 'unsupported-media-type' // 415
  | 'unprocessable' // well-formed but breaks a domain rule: 422
  | 'too-many-requests'; // too many at once: 429 (a `retryAfter` extension, in seconds, becomes Retry-After)

/** One problem with the input: a field of a JSON body, or a line and column of a file. */
export interface InputProblem {
  line?: number;
  column?: string;
  field?: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: InputProblem[] = [],
    /** Extra machine-readable members for the problem document (e.g. conflicting ids). */
    readonly extensions: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }

  static validation(message: string, errors: InputProblem[] = []): DomainError {
    return new DomainError('validation', message, errors);
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('not-found', `${what} ${id} was not found`);
  }

  static forbidden(message: string): DomainError {
    return new DomainError('forbidden', message);
  }

  static conflict(message: string, extensions: Record<string, unknown> = {}): DomainError {
    return new DomainError('conflict', message, [], extensions);
  }
}
