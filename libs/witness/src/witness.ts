/**
 * The witness of C2SP tlog-witness: checks an add-checkpoint request against what it
 * cosigned before for the log and answers with the spec's status codes:
 *
 *   200  cosignature line(s) `— <witness name> <base64>` (cosignature/v1, timestamp > 0)
 *   400  malformed request (not the protocol's syntax, not a checkpoint), or old > size
 *   403  no signature by a trusted key of the origin, or a trusted key's signature fails
 *   404  unknown origin
 *   409  old ≠ the size the witness last cosigned (0 when never): body `<size>\n`,
 *        Content-Type text/x.tlog.size
 *   422  bad consistency proof, a proof with old 0, size 0 without the empty-tree root,
 *        or the same size as cosigned with another root
 *
 * Checking the old size, signing and persisting run under a per-log lock; the new
 * state (with the cosignature) is durably written before the answer (state.ts).
 */
import {
  MerkleFormatError,
  MerkleVerificationError,
  assertConsistency,
  decodeBase64,
  ed25519NoteVerifier,
  emptyRoot,
  hashesEqual,
  openNote,
  parseCheckpoint,
  parseNote,
  type NoteVerifier,
} from '../../merkle/src/index.js';
import { signCosignature } from './cosignature.js';
import { SIG_ED25519, cosignerVkey, parseVkey, type CosignerKey, type VerifierKey } from './keys.js';
import { TLOG_SIZE_CONTENT_TYPE, formatSizeBody, parseAddCheckpointRequest } from './protocol.js';
import { WitnessStateStore, type LogState } from './state.js';

export interface WitnessAnswer {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

/** A log the witness follows: its origin and the Ed25519 (0x01) vkeys it trusts for it. */
export interface WitnessLog {
  origin: string;
  keys: VerifierKey[];
}

/** Points between checking and answering where tests may pause (to kill the process there). */
export type WitnessPausePoint = 'checked' | 'signed' | 'persisted';

export interface WitnessOptions {
  key: CosignerKey;
  logs: WitnessLog[];
  store: WitnessStateStore;
  /**
   * Logs followed beyond `logs`: asked for an origin none of them has (null: unknown,
   * 404). The ledger's demo witness follows every society's log this way
   * (collective-ledger/society/<id>, all signed by the ledger's key) without knowing
   * the societies when it starts. A log it names is followed from then on.
   */
  resolveLog?: (origin: string) => WitnessLog | null;
  /** Current time in milliseconds (default Date.now). */
  now?: () => number;
  pause?: (point: WitnessPausePoint) => Promise<void>;
}

/**
 * Parses a `--log` argument: `ORIGIN=VKEY`, or a bare `VKEY` whose key name is the
 * origin (as the spec recommends). VKEY is an Ed25519 (type 0x01) vkey.
 */
export function parseLogArgument(arg: string): WitnessLog {
  let lastError: unknown;
  for (let at = arg.indexOf('='); at > 0; at = arg.indexOf('=', at + 1)) {
    try {
      return { origin: arg.slice(0, at), keys: [parseVkey(arg.slice(at + 1), SIG_ED25519)] };
    } catch (error) {
      lastError = error;
    }
  }
  try {
    const key = parseVkey(arg, SIG_ED25519);
    return { origin: key.name, keys: [key] };
  } catch (error) {
    throw new MerkleFormatError(`--log takes ORIGIN=VKEY (an Ed25519 vkey): ${((lastError ?? error) as Error).message}`);
  }
}

const text = (status: WitnessAnswer['status'], body: string): WitnessAnswer => ({ status, contentType: 'text/plain; charset=utf-8', body: body.endsWith('\n') ? body : `${body}\n` });

export class Witness {
  readonly key: CosignerKey;
  private readonly logs = new Map<string, NoteVerifier[]>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly store: WitnessStateStore;
  private readonly now: () => number;
  private readonly pause: (point: WitnessPausePoint) => Promise<void>;
  private readonly resolveLog: (origin: string) => WitnessLog | null;

  constructor(options: WitnessOptions) {
    this.key = options.key;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.pause = options.pause ?? (async () => undefined);
    this.resolveLog = options.resolveLog ?? (() => null);
    for (const log of options.logs) this.follow(log);
  }

  private follow(log: WitnessLog): NoteVerifier[] {
    const list = this.logs.get(log.origin) ?? [];
    list.push(...log.keys.map((k) => ed25519NoteVerifier(k.name, k.publicKey)));
    this.logs.set(log.origin, list);
    return list;
  }

  /** The witness's vkey (type 0x04). */
  get vkey(): string {
    return cosignerVkey(this.key);
  }

  /** Origins the witness follows. */
  get origins(): string[] {
    return [...this.logs.keys()];
  }

  /** Handles one add-checkpoint body. */
  async addCheckpoint(body: string | Uint8Array): Promise<WitnessAnswer> {
    let request;
    let checkpointText: string;
    let origin: string;
    let size: number;
    let root: Buffer;
    try {
      request = parseAddCheckpointRequest(body);
      checkpointText = parseNote(request.checkpoint).text;
      ({ origin, treeSize: size, rootHash: root } = parseCheckpoint(checkpointText));
    } catch (error) {
      if (error instanceof MerkleFormatError) return text(400, `malformed request: ${error.message}`);
      throw error;
    }
    let verifiers = this.logs.get(origin);
    if (!verifiers) {
      const resolved = this.resolveLog(origin);
      if (!resolved || resolved.origin !== origin) return text(404, `unknown log origin ${JSON.stringify(origin)}`);
      verifiers = this.follow(resolved);
    }
    let logSignatures: string;
    try {
      const opened = openNote(request.checkpoint, verifiers);
      logSignatures = opened.verified
        .map((s) => {
          const bytes = Buffer.alloc(4 + s.signature.length);
          bytes.writeUInt32BE(s.keyHash, 0);
          s.signature.copy(bytes, 4);
          return `\u2014 ${s.name} ${bytes.toString('base64')}\n`;
        })
        .join('');
    } catch (error) {
      if (error instanceof MerkleVerificationError || error instanceof MerkleFormatError) return text(403, `checkpoint signature: ${error.message}`);
      throw error;
    }
    if (request.oldSize > size) return text(400, `old size ${request.oldSize} is larger than the checkpoint size ${size}`);
    const { oldSize, proof } = request;
    return this.locked(origin, async () => {
      const state = this.store.load(origin);
      const known = state?.size ?? 0;
      if (oldSize !== known) return { status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: formatSizeBody(known) } satisfies WitnessAnswer;
      const refuse = (reason: string): WitnessAnswer => {
        this.store.recordRefusal({ at: new Date(this.now()).toISOString(), origin, reason, oldSize, witnessSize: known, witnessRoot: state?.root ?? null, checkpoint: request.checkpoint, proof: proof.map((h) => h.toString('base64')) });
        return text(422, reason);
      };
      if (size === 0 && !hashesEqual(root, emptyRoot())) return refuse('a checkpoint of size 0 must have the root of the empty tree');
      if (oldSize === 0 && proof.length > 0) return refuse('the consistency proof must be empty when the old size is 0');
      const oldRoot = state ? decodeBase64(state.root, 'stored root') : emptyRoot();
      try {
        assertConsistency(oldSize, size, oldRoot, root, proof);
      } catch (error) {
        if (error instanceof MerkleVerificationError) {
          return refuse(oldSize === size ? `size ${size} was cosigned with another root` : `consistency proof from ${oldSize} to ${size}: ${error.message}`);
        }
        throw error;
      }
      await this.pause('checked');
      const timestamp = Math.max(1, Math.floor(this.now() / 1000));
      const cosignature = signCosignature(this.key, checkpointText, timestamp);
      await this.pause('signed');
      const next: LogState = { origin, size, root: root.toString('base64'), checkpoint: `${checkpointText}\n${logSignatures}`, cosignature, updatedAt: new Date(this.now()).toISOString() };
      this.store.save(next);
      await this.pause('persisted');
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: cosignature } satisfies WitnessAnswer;
    });
  }

  /**
   * The latest cosigned checkpoint of the log whose origin hashes (SHA-256, lowercase
   * hex) to `hash`: the log's verified signatures and the witness's cosignature; null
   * when it never cosigned one.
   */
  latestCheckpoint(hash: string): string | null {
    const state = this.store.loadByHash(hash);
    return state ? state.checkpoint + state.cosignature : null;
  }

  private async locked<T>(origin: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(origin) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(origin, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(origin) === tail) this.locks.delete(origin);
    }
  }
}
