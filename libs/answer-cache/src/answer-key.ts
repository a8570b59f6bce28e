import { createHash } from 'node:crypto';

/**
 * Who is asking, as far as an answer can differ: `public` (a route anyone may call, and
 * which answers the same to all), `admin`, `regulator`, `society:<id>` or
 * `rights-holder:<id>`. Never the token: two tokens of one tenant share answers, two
 * tenants never do.
 */
export type AnswerScope = string;

/** The caller's scope (see AnswerScope); undefined: a public route's anonymous reader. */
export function scopeOf(principal: { role: string; societyId?: string; rightsHolderId?: string } | undefined): AnswerScope {
  if (!principal) return 'public';
  switch (principal.role) {
    case 'society':
      return `society:${principal.societyId ?? '-'}`;
    case 'rights-holder':
      return `rights-holder:${principal.rightsHolderId ?? '-'}`;
    default:
      return principal.role;
  }
}

/** What one question is: the answer to it may only change with the heads and changes of its fingerprint. */
export interface Question {
  /** The running code (see codeVersion): another build may answer differently. */
  build: string;
  method: string;
  /** The path as requested (route parameters included), without the query. */
  path: string;
  /** The parsed query string: its keys are sorted, so their order does not matter. */
  query: Record<string, unknown>;
  scope: AnswerScope;
  /** Request headers an answer may vary by (Accept-Language chooses a PDF's language), lower-case name → value ('' when absent). */
  vary?: Record<string, string>;
  /** The days the answer may depend on (the ledger's clock, the calendar's). */
  days: readonly string[];
  /** Anything else the answer depends on that is no request's part (configuration). */
  salt?: string;
}

/** The question's key: SHA-256 of its canonical JSON. */
export function questionKey(q: Question): Buffer {
  const query = Object.keys(q.query)
    .sort()
    .map((k) => [k, q.query[k]]);
  const vary = Object.keys(q.vary ?? {})
    .sort()
    .map((k) => [k, q.vary![k]]);
  const canonical = JSON.stringify([q.build, q.method.toUpperCase(), q.path, query, q.scope, vary, q.days, q.salt ?? '']);
  return createHash('sha256').update(canonical, 'utf8').digest();
}

/** The societies an answer is computed from: every one (their number and set included), or those named. */
export type AnswerDependencies = { societies: 'all' } | { societies: readonly string[] };

/** A stored answer: the bytes served and the headers that describe them. */
export interface StoredAnswer {
  /** Lower-case header names (content-type always) and their values. */
  headers: Record<string, string>;
  body: Buffer;
}
