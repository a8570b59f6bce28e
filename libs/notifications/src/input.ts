/**
 * Checks of what a principal registers: a webhook's URL and secret, an e-mail address,
 * a list of events. Each returns the problem in words, or null. Pure.
 */
import { EVENT_TYPES, isEventType } from './events.js';

export const SECRET_LENGTH = { min: 16, max: 256 } as const;
export const MAX_URL_LENGTH = 2000;

/** A webhook URL: absolute http or https, a host, no user or password in it, at most 2,000 characters. */
export function explainWebhookUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'must be an http or https URL';
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https (not ${url.protocol.replace(/:$/, '')})`;
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry a user name or password (the signature authenticates the ledger)';
  if (url.hash) return 'must not have a #fragment';
  return null;
}

/** A signing secret: 16 to 256 characters, no control characters. */
export function explainSecret(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length < SECRET_LENGTH.min || value.length > SECRET_LENGTH.max) return `must be ${SECRET_LENGTH.min} to ${SECRET_LENGTH.max} characters long`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'must not contain control characters';
  return null;
}

/** A non-empty list of known event types, each once. */
export function explainEvents(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of: ${EVENT_TYPES.join(', ')}`;
  const wrong = value.find((v) => !isEventType(v));
  if (wrong !== undefined) return `lists ${JSON.stringify(wrong)}, which is not an event; the events are ${EVENT_TYPES.join(', ')}`;
  if (new Set(value).size !== value.length) return 'lists an event twice';
  return null;
}

/** An e-mail address: local@domain, no spaces, at most 254 characters (RFC 5321 §4.5.3.1.3). */
export function explainEmail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 3 || value.length > 254) return 'must be an e-mail address of at most 254 characters';
  if (!/^[^@\s"<>(),;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(value)) return 'must be an e-mail address (local@domain)';
  return null;
}
