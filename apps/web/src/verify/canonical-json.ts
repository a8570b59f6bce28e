/**
 * RFC 8785 canonical JSON, as the ledger hashes lines and signs heads: the very module the
 * server uses (libs/merkle, pure TypeScript with no Node APIs), bundled into the browser,
 * so the two can never disagree on which bytes were hashed.
 */
import { canonicalJson, parseCanonicalJson } from '../../../../libs/merkle/src/canonical-json.js';

export { canonicalJson };

/**
 * True when `text` is JSON already in canonical form, so the bytes that were hashed are
 * exactly the text shown (a leaf with extra spaces, reordered or duplicated members is not).
 */
export function isCanonicalJson(text: string): boolean {
  try {
    parseCanonicalJson(text);
    return true;
  } catch {
    return false;
  }
}
