import { DomainError } from '../../../errors/src/index.js';

/** What a 429 for a full upload slot asks the client to wait, in seconds. */
export const UPLOAD_RETRY_AFTER_SECONDS = 5;

/**
 * Counts the uploads this process is receiving, per society and in all: one society
 * cannot hold every socket and fill the disk with parallel uploads (issue 13). Beyond
 * either cap an upload is refused at once, before any byte is read: 429 with
 * Retry-After. Per process: each API process behind a balancer has its own.
 */
export class UploadSlots {
  private readonly bySociety = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perSociety: number,
    private readonly overall: number,
  ) {}

  /** Takes a slot for `societyId`; the returned function gives it back (once). */
  acquire(societyId: string): () => void {
    const mine = this.bySociety.get(societyId) ?? 0;
    if (mine >= this.perSociety) {
      throw tooMany(`This society already has ${mine} upload(s) in progress, the most at a time (UPLOAD_CONCURRENCY_PER_SOCIETY); retry when one has finished`);
    }
    if (this.total >= this.overall) {
      throw tooMany(`The ledger is receiving ${this.total} uploads, the most at a time (UPLOAD_CONCURRENCY); retry shortly`);
    }
    this.bySociety.set(societyId, mine + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.bySociety.get(societyId) ?? 1) - 1;
      if (left > 0) this.bySociety.set(societyId, left);
      else this.bySociety.delete(societyId);
    };
  }
}

function tooMany(message: string): DomainError {
  return new DomainError('too-many-requests', message, [], { retryAfter: UPLOAD_RETRY_AFTER_SECONDS });
}
