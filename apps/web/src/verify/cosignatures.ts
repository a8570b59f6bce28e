/**
 * Witness cosignatures of a checkpoint (c2sp.org/tlog-cosignature, cosignature/v1,
 * Ed25519), checked in the browser with WebCrypto: the signed message is
 * "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint body; a signature line
 * is "— <name> base64(key ID[4] ‖ timestamp[8, big-endian] ‖ Ed25519 signature[64])".
 */
import { base64ToBytes, bytesEqual, utf8 } from './encoding';

export interface PublishedWitness {
  name: string;
  /** NAME+HASH+BASE64(0x04 ‖ 32-byte key). */
  vkey: string;
}

export interface CheckedCheckpoint {
  origin: string;
  treeSize: number;
  /** Lowercase hex root. */
  rootHash: string;
  /** Witnesses whose cosignature verified. */
  cosigners: string[];
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Parses the checkpoint body of a note and verifies the cosignatures of the given witnesses (others are ignored). */
export async function checkCosignatures(note: string, witnesses: readonly PublishedWitness[]): Promise<CheckedCheckpoint> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const body = note.slice(0, split + 1);
  const [origin, size, root] = body.split('\n');
  const rootBytes = base64ToBytes(root, 'checkpoint root');
  const cosigners: string[] = [];
  for (const line of note.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) continue;
    const witness = witnesses.find((w) => w.name === m[1]);
    if (!witness || cosigners.includes(witness.name)) continue;
    // NAME+HASH+KEY: the name has no '+', the base64 key may.
    const [, hash, ...rest] = witness.vkey.split('+');
    const key = rest.join('+');
    const keyBytes = base64ToBytes(key, 'witness key');
    const sig = base64ToBytes(m[2], 'cosignature');
    if (keyBytes.length !== 33 || keyBytes[0] !== 0x04 || sig.length !== 4 + 8 + 64) continue;
    if (hex(sig.subarray(0, 4)) !== hash.toLowerCase()) continue;
    const timestamp = new DataView(sig.buffer, sig.byteOffset + 4, 8).getBigUint64(0);
    const message = utf8(`cosignature/v1\ntime ${timestamp}\n${body}`);
    const publicKey = await crypto.subtle.importKey('raw', keyBytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
    if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, sig.slice(12), message)) cosigners.push(witness.name);
  }
  return { origin, treeSize: Number(size), rootHash: hex(rootBytes), cosigners };
}

/** True when the checked checkpoint is the head the proof was verified against. */
export function sameHead(c: CheckedCheckpoint, head: { treeSize: number; rootHash: string }): boolean {
  return c.treeSize === head.treeSize && bytesEqual(utf8(c.rootHash), utf8(head.rootHash.toLowerCase()));
}
