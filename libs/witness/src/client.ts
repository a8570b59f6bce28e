/**
 * A log's side of tlog-witness (https://c2sp.org/tlog-witness): asks one witness to
 * cosign a checkpoint and says what happened. The one client of this project: the
 * ledger's witnessing job (libs/ledger LogWitnessingService) and tests use it.
 *
 *  - 200: the answer's cosignature lines are appended to the checkpoint and checked with
 *    the witness's vkey (cosignaturesOf) → `cosigned`, with the line as received;
 *  - 409 with Content-Type text/x.tlog.size: the witness holds another size; resent with
 *    `old` = that size and the consistency proof from there (at most `max409` times). A
 *    size above the checkpoint's, or a 409 without a size (tlog-witness 1.0.0 answered
 *    so for the same size with another root) → `conflict`;
 *  - 422: the witness holds a view this checkpoint contradicts → `conflict` (an alarm for
 *    the caller: never retry it away);
 *  - no answer, 5xx, 429: tried again `tries` times, waiting `retryDelayMs` · 2^k between →
 *    `failed` with `retryable: true` when it never answered usefully;
 *  - anything else (400/403/404: the witness does not know the log's origin or key, a
 *    200 without a valid cosignature of its key, a 409 naming the size it was sent) →
 *    `failed`, `retryable: false` (configuration: retrying the same request changes nothing).
 *
 * A `knownSize` above the checkpoint's size (the witness cosigned more of the log than
 * the log has) is a `conflict` without a request. No state: the caller keeps the size
 * the witness last cosigned.
 */
import { MerkleFormatError, MerkleVerificationError, parseCheckpoint, parseNote } from '../../merkle/src/index.js';
import { cosignaturesOf, type Cosignature } from './cosignature.js';
import type { VerifierKey } from './keys.js';
import { TLOG_SIZE_CONTENT_TYPE, appendSignatures, formatAddCheckpointRequest, parseSizeBody } from './protocol.js';

export type CosignOutcome =
  /** 200 with a valid cosignature by the witness's key: `note` is the checkpoint with the answer's lines appended, `line` the cosignature's line (without newline). */
  | { kind: 'cosigned'; oldSize: number; witnessSize: number; cosignature: Cosignature; line: string; note: string }
  /**
   * 422, a 409 without a size, a 409 naming a size above the checkpoint's, or a known
   * size above it: the witness holds a view this checkpoint contradicts (a split view,
   * or a log rewritten or rolled back). An alarm, not to be retried away. `status` is
   * null when no request was made; `oldSize` the size the last request was sent from.
   */
  | { kind: 'conflict'; status: number | null; oldSize: number; witnessSize: number | null; reason: string }
  /** No useful answer. `retryable`: no answer, 5xx or 429 after every try, or more 409s than followed (ask again later); otherwise configuration or a bad answer. */
  | { kind: 'failed'; status: number | null; retryable: boolean; reason: string };

export interface CosignRequest {
  /** The witness's submission prefix (`<url>/add-checkpoint` is posted to). */
  url: string;
  /** The witness's vkey (type 0x04). */
  witnessKey: VerifierKey;
  /** The signed checkpoint. */
  checkpoint: string;
  /** The size the witness last cosigned for this log, if known (0 otherwise: discovery). */
  knownSize?: number;
  /** The consistency proof from `oldSize` to the checkpoint's size (called for 0 < old < size only). */
  proofFrom(oldSize: number): Uint8Array[] | Promise<Uint8Array[]>;
  fetch?: typeof fetch;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Requests made for one `old` when there is no answer, a 5xx or a 429 (default 1: no retry). */
  tries?: number;
  /** Wait before the second try, doubled at each further one (default 1000 ms). */
  retryDelayMs?: number;
  /** 409 answers followed (default 3). */
  max409?: number;
  /** Told about each try that will be retried (for logs). */
  onRetry?: (reason: string, attempt: number) => void;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Asks one witness to cosign, following 409s and retrying what may pass later. */
export async function requestCosignature(r: CosignRequest): Promise<CosignOutcome> {
  const doFetch = r.fetch ?? fetch;
  const size = parseCheckpoint(parseNote(r.checkpoint).text).treeSize;
  const known = r.knownSize ?? 0;
  if (known > size) {
    return { kind: 'conflict', status: null, oldSize: known, witnessSize: known, reason: `the witness cosigned size ${known} of this log, beyond this checkpoint's ${size}` };
  }
  const tries = Math.max(1, r.tries ?? 1);
  const max409 = r.max409 ?? 3;
  const endpoint = `${r.url.replace(/\/+$/, '')}/add-checkpoint`;
  let old = known;

  /** One request for `old`, retried on no answer, 5xx and 429; undefined when it never answered usefully. */
  const post = async (body: string): Promise<{ answer?: Answer; reason: string }> => {
    let reason = '';
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, (r.retryDelayMs ?? 1000) * 2 ** (attempt - 1)));
      try {
        const res = await doFetch(endpoint, {
          method: 'POST',
          body,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          signal: AbortSignal.timeout(r.timeoutMs ?? 10_000),
        });
        const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
        if (answer.status !== 429 && answer.status < 500) return { answer, reason };
        reason = `answered ${answer.status}: ${answer.text.trim().slice(0, 300)}`;
      } catch (error) {
        reason = `no answer: ${(error as Error).message}`;
      }
      if (attempt + 1 < tries) r.onRetry?.(reason, attempt + 1);
    }
    return { reason: tries > 1 ? `${reason} (${tries} tries)` : reason };
  };

  for (let conflicts = 0; conflicts <= max409; conflicts++) {
    const proof = old > 0 && old < size ? await r.proofFrom(old) : [];
    const { answer, reason } = await post(formatAddCheckpointRequest(old, proof, r.checkpoint));
    if (!answer) return { kind: 'failed', status: null, retryable: true, reason };
    if (answer.status === 200) {
      try {
        const note = appendSignatures(r.checkpoint, answer.text);
        const [cosignature] = cosignaturesOf(note, [r.witnessKey]).cosignatures;
        if (!cosignature) return { kind: 'failed', status: 200, retryable: false, reason: 'answered 200 without a valid cosignature of its key' };
        const line = answer.text
          .split('\n')
          .find((l) => l.startsWith(`\u2014 ${cosignature.name} `) && Buffer.from(l.slice(cosignature.name.length + 3), 'base64').readUInt32BE(0) === cosignature.keyId)!;
        return { kind: 'cosigned', oldSize: old, witnessSize: size, cosignature, line, note };
      } catch (error) {
        if (error instanceof MerkleFormatError || error instanceof MerkleVerificationError) return { kind: 'failed', status: 200, retryable: false, reason: `bad answer: ${error.message}` };
        throw error;
      }
    }
    if (answer.status === 409) {
      if (!answer.contentType.toLowerCase().startsWith(TLOG_SIZE_CONTENT_TYPE)) {
        // tlog-witness 1.0.0 answered 409 (no size) for the same size with another root.
        return { kind: 'conflict', status: 409, oldSize: old, witnessSize: null, reason: answer.text.trim().slice(0, 300) || 'a 409 without a size' };
      }
      let witnessSize: number;
      try {
        witnessSize = parseSizeBody(answer.text);
      } catch (error) {
        return { kind: 'failed', status: 409, retryable: false, reason: `a 409 with an unreadable size: ${(error as Error).message}` };
      }
      if (witnessSize > size) return { kind: 'conflict', status: 409, oldSize: old, witnessSize, reason: `the witness has cosigned size ${witnessSize}, larger than this checkpoint's ${size}` };
      if (witnessSize === old) return { kind: 'failed', status: 409, retryable: false, reason: `a 409 naming the size ${old} it was sent` };
      old = witnessSize;
      continue;
    }
    if (answer.status === 422) return { kind: 'conflict', status: 422, oldSize: old, witnessSize: null, reason: answer.text.trim().slice(0, 300) };
    return { kind: 'failed', status: answer.status, retryable: false, reason: `answered ${answer.status}: ${answer.text.trim().slice(0, 300)}` };
  }
  return { kind: 'failed', status: 409, retryable: true, reason: `more than ${max409} size conflicts in one request` };
}
