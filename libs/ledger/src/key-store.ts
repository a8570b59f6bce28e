/**
 * The log's keys kept in DATA_DIR, shared by the ledger processes (SigningKeyService)
 * and `ledger keys rotate`. No framework, no database: the keys the ledger trusts come
 * from its configuration and its own files, never from the database it checks.
 *
 *   DATA_DIR/log-signing-key.txt     the private signing key (base64 of its 32-byte seed, mode 0600)
 *   DATA_DIR/log-retired-keys.json   the public keys rotated out, a key set
 *                                    {"keys": [{keyId, algorithm, publicKey, retiredAt}, …]} (append only)
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  MerkleFormatError,
  exportPrivateKey,
  exportPublicKey,
  generateEd25519KeyPair,
  importPrivateKey,
  parseKeySet,
  type PublicKeyRecord,
} from '../../merkle/src/index.js';
import type { KeyObject } from 'node:crypto';

export const SIGNING_KEY_FILE = 'log-signing-key.txt';
export const RETIRED_KEYS_FILE = 'log-retired-keys.json';

/** A key file that is missing when it must exist, unreadable or malformed; the message names the file. */
export class KeyStoreError extends Error {}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

export const signingKeyPath = (dataDir: string) => path.resolve(dataDir, SIGNING_KEY_FILE);
export const retiredKeysPath = (dataDir: string) => path.resolve(dataDir, RETIRED_KEYS_FILE);

/** The private key in DATA_DIR/log-signing-key.txt, or null when there is none yet. */
export async function readSigningKey(dataDir: string): Promise<KeyObject | null> {
  const file = signingKeyPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyStoreError(`cannot read the signing key file ${file}: ${errorCode(error)}`);
  }
  try {
    return importPrivateKey(text);
  } catch (error) {
    if (error instanceof MerkleFormatError) {
      throw new KeyStoreError(`the signing key file ${file} does not hold an Ed25519 private key (base64 of the 32-byte seed, or PKCS#8 PEM): ${error.message}`);
    }
    throw error;
  }
}

/**
 * The key of DATA_DIR/log-signing-key.txt, generated there (mode 0600) when there is none
 * yet; `generated` says whether this call's key is the one kept. A new key is written to a
 * file of its own, then linked to log-signing-key.txt, which fails when the name exists:
 * processes of one deployment starting together on an empty DATA_DIR all end up with the
 * key of the first link, and none ever reads the file half written (with
 * `writeFile(…, {flag: 'wx'})` the name existed, empty, before the key was in it, and a
 * process reading it then stopped on an invalid key file).
 */
export async function readOrCreateSigningKey(dataDir: string): Promise<{ key: KeyObject; generated: boolean }> {
  const existing = await readSigningKey(dataDir);
  if (existing) return { key: existing, generated: false };
  const file = signingKeyPath(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.new`;
  await writeFile(draft, exportPrivateKey(generateEd25519KeyPair().privateKey) + '\n', { mode: 0o600, flag: 'wx' });
  let generated = true;
  try {
    await link(draft, file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      generated = false; // another process of this deployment linked its key first: use that one
    });
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  const key = await readSigningKey(dataDir);
  if (!key) throw new KeyStoreError(`the signing key file ${file} vanished while it was created`);
  return { key, generated };
}

/** The key that signs the logs' heads: LOG_SIGNING_KEY when given (`configured`), else DATA_DIR's (generated at first use). */
export async function currentSigningKey(dataDir: string, configured?: string): Promise<KeyObject> {
  return configured ? importPrivateKey(configured) : (await readOrCreateSigningKey(dataDir)).key;
}

/** The retired public keys of DATA_DIR/log-retired-keys.json, checked ([] when the file does not exist). */
export async function readRetiredKeys(dataDir: string): Promise<PublicKeyRecord[]> {
  const file = retiredKeysPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new KeyStoreError(`cannot read the retired keys file ${file}: ${errorCode(error)}`);
  }
  return parseKeySetText(text, `the retired keys file ${file}`);
}

/** Parses a JSON key set, every problem a KeyStoreError naming `what`. */
export function parseKeySetText(text: string, what: string): PublicKeyRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new KeyStoreError(`${what} is not JSON`);
  }
  try {
    return parseKeySet(document);
  } catch (error) {
    if (error instanceof MerkleFormatError) throw new KeyStoreError(`${what} is not a key set {"keys": [{keyId, algorithm, publicKey, retiredAt?}]}: ${error.message}`);
    throw error;
  }
}

export interface Rotation {
  /** The key rotated out, with its retiredAt. */
  retired: PublicKeyRecord;
  /** The new signing key. */
  current: PublicKeyRecord;
  keyFile: string;
  retiredFile: string;
}

/**
 * Replaces the signing key of DATA_DIR with a new one. First the old key's public
 * record, with `retiredAt: now`, is appended to the retired keys file (written to a
 * temporary file, flushed, renamed over it), then the new private key replaces the
 * old one the same way. Every file is checked before anything is written. Interrupted
 * between the two renames, the old key is both current and listed as retired (the
 * ledger keeps signing with it); running the rotation again finishes it, moving its
 * retiredAt to then. The processes load the key at start: stop them before, start them after.
 */
export async function rotateSigningKey(dataDir: string, now: Date = new Date()): Promise<Rotation> {
  const keyFile = signingKeyPath(dataDir);
  const retiredFile = retiredKeysPath(dataDir);
  const unchanged = (error: unknown) => {
    if (error instanceof KeyStoreError) throw new KeyStoreError(`${error.message}; nothing was changed`);
    throw error;
  };
  const old = await readSigningKey(dataDir).catch(unchanged);
  if (!old) throw new KeyStoreError(`there is no signing key to rotate: ${keyFile} does not exist (the ledger creates it at its first start); nothing was changed`);
  const retiredKeys = await readRetiredKeys(dataDir).catch(unchanged);

  const retired: PublicKeyRecord = { ...exportPublicKey(old), retiredAt: now.toISOString() };
  const kept = retiredKeys.filter((k) => k.keyId !== retired.keyId); // a rotation interrupted earlier: its entry is replaced
  let next = generateEd25519KeyPair().privateKey;
  while ([...kept, retired].some((k) => k.keyId === exportPublicKey(next).keyId)) next = generateEd25519KeyPair().privateKey;

  try {
    await writeFileAtomically(retiredFile, JSON.stringify({ keys: [...kept, retired] }, null, 2) + '\n', 0o644);
  } catch (error) {
    throw new KeyStoreError(`cannot write ${retiredFile}: ${errorCode(error)}; nothing was changed`);
  }
  try {
    await writeFileAtomically(keyFile, exportPrivateKey(next) + '\n', 0o600);
  } catch (error) {
    throw new KeyStoreError(
      `cannot write ${keyFile}: ${errorCode(error)}; key ${retired.keyId} is still the signing key (and listed as retired): run the rotation again`,
    );
  }
  return { retired, current: exportPublicKey(next), keyFile, retiredFile };
}


/** Writes `file` all at once or not at all: a temporary file in the same directory, flushed, then renamed over it. */
export async function writeFileAtomically(file: string, content: string, mode: number): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  // The rename itself is durable once the directory is flushed.
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } catch {
    // Not every platform can flush a directory (Windows); the rename is still atomic.
  } finally {
    await directory.close();
  }
}
