/**
 * A log's side of tlog-witness: asks one witness to cosign a checkpoint, following the
 * spec's 409 resend, and says what happened. No retries with backoff here (the caller's
 * job queue does that); no state (the caller keeps the witness's last known size).
 */
import { MerkleFormatError, MerkleVerificationError, parseCheckpoint, parseNote } from '../../merkle/src/index.js';
import { cosignaturesOf, type Cosignature } from './cosignature.js';
import type { VerifierKey } from './keys.js';
import { appendSignatures, formatAddCheckpointRequest, parseSizeBody } from './protocol.js';

export type CosignOutcome =
  /** 200 with a valid cosignature by the witness's key: `note` is the checkpoint with it appended. */
  | { kind: 'cosigned'; witnessSize: number; cosignature: Cosignature; note: string }
  /**
   * 422, or a 409 naming a size above the checkpoint's, or a 409 again after the resend:
   * the witness holds a view this checkpoint contradicts (split view or rollback). An
   * alarm, not to be retried away.
   */
  | { kind: 'conflict'; status: number; witnessSize: number | null; reason: string }
  /** 400/403/404 (configuration: origin or key unknown to it, or a bad request), 5xx, 429, a 200 without a valid cosignature, or no answer. Retry later. */
  | { kind: 'failed'; status: number | null; reason: string };

export interface CosignRequest {
  /** The witness's submission prefix (`<url>/add-checkpoint` is posted to). */
  url: string;
  /** The witness's vkey (type 0x04). */
  witnessKey: VerifierKey;
  /** The signed checkpoint. */
  checkpoint: string;
  /** The size the witness last cosigned for this log, if known (0 otherwise: discovery). */
  knownSize?: number;
  /** The consistency proof from `oldSize` to the checkpoint's size (empty for 0). */
  proofFrom(oldSize: number): Uint8Array[] | Promise<Uint8Array[]>;
  fetch?: typeof fetch;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

/** Asks one witness to cosign, resending once from the size a 409 names. */
export async function requestCosignature(r: CosignRequest): Promise<CosignOutcome> {
  const doFetch = r.fetch ?? fetch;
  const size = parseCheckpoint(parseNote(r.checkpoint).text).treeSize;
  let old = Math.min(r.knownSize ?? 0, size);
  for (let attempt = 0; attempt < 2; attempt++) {
    let res: Response;
    let body: string;
    try {
      const proof = old === 0 ? [] : await r.proofFrom(old);
      res = await doFetch(`${r.url.replace(/\/+$/, '')}/add-checkpoint`, {
        method: 'POST',
        body: formatAddCheckpointRequest(old, proof, r.checkpoint),
        signal: AbortSignal.timeout(r.timeoutMs ?? 10_000),
      });
      body = await res.text();
    } catch (error) {
      return { kind: 'failed', status: null, reason: `no answer: ${(error as Error).message}` };
    }
    if (res.status === 200) {
      try {
        const note = appendSignatures(r.checkpoint, body);
        const [cosignature] = cosignaturesOf(note, [r.witnessKey]).cosignatures;
        if (!cosignature) return { kind: 'failed', status: 200, reason: 'the answer has no cosignature by the witness key' };
        return { kind: 'cosigned', witnessSize: size, cosignature, note };
      } catch (error) {
        if (error instanceof MerkleFormatError || error instanceof MerkleVerificationError) return { kind: 'failed', status: 200, reason: `bad answer: ${error.message}` };
        throw error;
      }
    }
    if (res.status === 409) {
      let witnessSize: number;
      try {
        witnessSize = parseSizeBody(body);
      } catch {
        return { kind: 'failed', status: 409, reason: 'a 409 without a size' };
      }
      if (witnessSize > size) return { kind: 'conflict', status: 409, witnessSize, reason: `the witness has cosigned size ${witnessSize}, larger than this checkpoint's ${size}` };
      if (attempt === 1) return { kind: 'conflict', status: 409, witnessSize, reason: `the witness's size moved again (${witnessSize})` };
      old = witnessSize;
      continue;
    }
    if (res.status === 422) return { kind: 'conflict', status: 422, witnessSize: old, reason: body.trim() };
    return { kind: 'failed', status: res.status, reason: body.trim().slice(0, 500) };
  }
  /* c8 ignore next */
  return { kind: 'failed', status: null, reason: 'unreachable' };
}
