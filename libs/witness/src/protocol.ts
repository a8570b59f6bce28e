/**
 * C2SP tlog-witness messages (https://c2sp.org/tlog-witness).
 *
 * add-checkpoint request body:
 *
 *   old <size>\n                       decimal, no leading zeros
 *   <base64 hash>\n                    0 to 63 consistency proof lines (RFC 6962)
 *   \n
 *   <checkpoint signed note>           may carry several signatures
 *
 * 200 answer: one or more cosignature lines `— <name> <base64>\n`.
 * 409 answer: `<size>\n` with Content-Type text/x.tlog.size (the witness's size).
 */
import { HASH_SIZE, MerkleFormatError, decodeBase64, parseNote } from '../../merkle/src/index.js';

/** At most this many proof lines (the spec's bound on clients). */
export const MAX_PROOF_LINES = 63;
/** Content type of a 409 answer. */
export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Buffer[];
  /** The signed checkpoint note, as sent. */
  checkpoint: string;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Parses a decimal size without leading zeros (a safe integer). */
export function parseSize(text: string, what = 'size'): number {
  if (!DECIMAL.test(text) || !Number.isSafeInteger(Number(text))) throw new MerkleFormatError(`${what} is not a decimal number without leading zeros`);
  return Number(text);
}

/** Parses an add-checkpoint body; throws MerkleFormatError (→ 400) when malformed. */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  let text: string;
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new MerkleFormatError('the request is not valid UTF-8');
  }
  const end = text.indexOf('\n\n');
  if (end < 0) throw new MerkleFormatError('the request has no blank line before the checkpoint');
  const head = text.slice(0, end).split('\n');
  const first = head[0];
  if (!first.startsWith('old ')) throw new MerkleFormatError('the first line must be "old <size>"');
  const oldSize = parseSize(first.slice(4), 'the old size');
  const proofLines = head.slice(1);
  if (proofLines.length > MAX_PROOF_LINES) throw new MerkleFormatError(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line, i) => {
    const hash = decodeBase64(line, `proof line ${i + 1}`);
    if (hash.length !== HASH_SIZE) throw new MerkleFormatError(`proof line ${i + 1} is not a ${HASH_SIZE}-byte hash`);
    return hash;
  });
  const checkpoint = text.slice(end + 2);
  parseNote(checkpoint); // well-formed note, or MerkleFormatError
  return { oldSize, proof, checkpoint };
}

/** Formats an add-checkpoint body. */
export function formatAddCheckpointRequest(oldSize: number, proof: readonly Uint8Array[], checkpoint: string): string {
  if (proof.length > MAX_PROOF_LINES) throw new MerkleFormatError(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  return `old ${oldSize}\n${proof.map((h) => `${Buffer.from(h).toString('base64')}\n`).join('')}\n${checkpoint}`;
}

/** The body of a 409 answer. */
export function formatSizeBody(size: number): string {
  return `${size}\n`;
}

/** Parses the body of a 409 answer (`<size>\n`). */
export function parseSizeBody(body: string): number {
  if (!body.endsWith('\n')) throw new MerkleFormatError('a size answer ends with a newline');
  return parseSize(body.slice(0, -1), 'the witness size');
}

/**
 * Adds the signature lines of a 200 answer to a signed checkpoint note (as the spec
 * suggests: concatenate, then verify with the trusted witness keys).
 */
export function appendSignatures(checkpoint: string, signatureLines: string): string {
  if (signatureLines !== '' && !signatureLines.endsWith('\n')) throw new MerkleFormatError('signature lines end with a newline');
  for (const line of signatureLines.split('\n').slice(0, -1)) {
    if (!line.startsWith('\u2014 ')) throw new MerkleFormatError('an answer line must be a note signature line starting with "— "');
  }
  return checkpoint + signatureLines;
}
