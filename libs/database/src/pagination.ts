import { DomainError } from '../../errors/src/index.js';

/** The shape of every list: a page of items and the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Cursors are opaque to clients: base64url of the last key seen. */
export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

/** The key of a list ordered by a UUID id (most lists). */
export const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The problem of a cursor the API did not return: a 400 naming `cursor`. */
export function invalidCursor(): DomainError {
  return DomainError.validation('Invalid cursor', [{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}

/**
 * The key inside a cursor, or null without one. `shape` is the form the list's keys take
 * (UUID_KEY for most): a key of any other form, like anything that is not a cursor at
 * all, is a 400 naming `cursor`, so a tampered cursor never reaches the database (where
 * a key of the wrong type was a 500).
 */
export function decodeCursor(cursor: string | undefined, shape: RegExp): string | null {
  if (cursor === undefined || cursor === '') return null;
  let key: unknown;
  try {
    key = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown } | null)?.k;
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'string' || !shape.test(key)) throw invalidCursor();
  return key;
}

/**
 * Turns rows fetched with `LIMIT limit + 1` into a page: the extra row only tells that
 * another page exists.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
