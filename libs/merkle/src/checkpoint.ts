/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): a
 * signed note whose text is
 *
 *   <origin>\n
 *   <tree size in decimal, no leading zeros>\n
 *   <standard base64 of the 32-byte RFC 6962 root hash>\n
 *   [<extension line>\n …]
 *
 * followed by a blank line and the signature lines (see signed-note.ts).
 */
import type { KeyObject } from 'node:crypto';
import { HASH_SIZE } from './hash.js';
import { decodeBase64, hashBytes, isTreeIndex } from './encoding.js';
import { MerkleFormatError } from './errors.js';
import { ed25519NoteSigner, ed25519NoteVerifier, openNote, signNote } from './signed-note.js';

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /** Optional extension lines after the root hash (not recommended by the spec, kept opaque). */
  extensions: string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The checkpoint note text (body) for the given log state. `rootHash` is 32 bytes or 64 hex digits. */
export function formatCheckpoint(
  origin: string,
  treeSize: number,
  rootHash: Uint8Array | string,
  extensions: readonly string[] = [],
): string {
  if (typeof origin !== 'string' || origin === '' || origin.includes('\n')) {
    throw new MerkleFormatError('the origin must be a non-empty single line');
  }
  if (!isTreeIndex(treeSize)) throw new MerkleFormatError('the tree size must be a non-negative integer');
  for (const line of extensions) {
    if (line === '' || line.includes('\n')) throw new MerkleFormatError('extension lines must be non-empty single lines');
  }
  const root = hashBytes(rootHash, 'root hash').toString('base64');
  return [origin, String(treeSize), root, ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text (without signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MerkleFormatError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MerkleFormatError('a checkpoint has at least three lines: origin, size and root');
  const [origin, size, root, ...extensions] = lines;
  if (origin === '') throw new MerkleFormatError('the checkpoint origin is empty');
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new MerkleFormatError('the checkpoint tree size is not a decimal integer without leading zeros');
  }
  const rootHash = decodeBase64(root, 'checkpoint root hash');
  if (rootHash.length !== HASH_SIZE) throw new MerkleFormatError(`the checkpoint root hash is not ${HASH_SIZE} bytes`);
  if (extensions.some((line) => line === '')) throw new MerkleFormatError('checkpoint extension lines must be non-empty');
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/** A complete signed checkpoint, signed by the Ed25519 key `privateKey` under the key name `name`. */
export function signCheckpoint(
  origin: string,
  treeSize: number,
  rootHash: Uint8Array | string,
  name: string,
  privateKey: KeyObject,
): string {
  return signNote(formatCheckpoint(origin, treeSize, rootHash), [ed25519NoteSigner(name, privateKey)]);
}

/**
 * Checks that `message` is a checkpoint signed by the Ed25519 key `publicKey`
 * under the key name `name`, and returns its content. Signatures by other keys
 * (e.g. witness cosignatures) are ignored. Throws `MerkleVerificationError` when
 * the signature is missing or wrong, `MerkleFormatError` when the text is malformed.
 * The caller should also check that `origin` is the log it expects.
 */
export function parseAndVerifyCheckpoint(
  message: string | Uint8Array,
  name: string,
  publicKey: KeyObject | Uint8Array,
): Checkpoint {
  const { text } = openNote(message, [ed25519NoteVerifier(name, publicKey)]);
  return parseCheckpoint(text);
}
