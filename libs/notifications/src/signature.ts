import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a delivery's signature (CONTRACT.md "Workflows"). */
export const SIGNATURE_HEADER = 'X-Ledger-Signature';

/** `sha256=<hex HMAC-SHA256 of the body with the secret>`: the value of X-Ledger-Signature. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `signature` is the body's signature with the secret (constant time), as a receiver checks it. */
export function verifySignature(secret: string, body: string | Buffer, signature: string | undefined): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(signBody(secret, body), 'utf8');
  const given = Buffer.from(signature.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
