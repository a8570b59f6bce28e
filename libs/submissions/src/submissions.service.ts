import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { type Principal, readableSocietyIds } from '../../auth/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../database/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { JobQueue } from '../../jobs/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { isLedgerFormat, type SubmissionFormat, uploadedFileName } from './format.js';
import { INGEST_JOB } from './ingest/ingest.job.js';
import { type InputFormat, isPackageType, PACKAGE_TYPES, PACKAGES, type PackageType } from '../../package-catalogue/src/index.js';
import { parsePeriod, quarterOf } from './period.js';
import { SubmissionEvents } from './submission-events.js';
import { UploadSlots } from './storage/upload-slots.js';
import { UploadStore } from './storage/upload-store.js';
import type { Submission } from './submission.js';
import { SubmissionsRepository } from './submissions.repository.js';

/** The longest a request may wait for a submission to finish (`?wait=`). */
export const MAX_WAIT_SECONDS = 60;
/** A waiting request reads the submission again at least this often (a lost announcement only delays it). */
const RECHECK_MS = 1000;
const UNFINISHED = new Set(['queued', 'validating']);

export interface Accepted {
  submission: Submission;
  /** False when the same bytes had been submitted before (the existing submission is returned). */
  created: boolean;
}

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger('Submissions');
  /** Uploads being received by this process, per society and in all (UPLOAD_CONCURRENCY_PER_SOCIETY, UPLOAD_CONCURRENCY). */
  private readonly slots: UploadSlots;

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly societies: SocietiesService,
    private readonly store: UploadStore,
    private readonly queue: JobQueue,
    config: AppConfig,
    private readonly clock: Clock,
    private readonly events: SubmissionEvents,
  ) {
    this.slots = new UploadSlots(config.UPLOAD_CONCURRENCY_PER_SOCIETY, config.UPLOAD_CONCURRENCY);
  }

  /** Checks type and period before any byte is read. */
  checkTarget(type: string | undefined, period: string | undefined): { type: PackageType; period: string } {
    if (!isPackageType(type)) {
      throw DomainError.validation('Unknown package type', [{ field: 'type', message: `must be one of: ${PACKAGE_TYPES.join(', ')} (got ${JSON.stringify(type ?? '')})` }]);
    }
    const today = this.clock.today();
    // A type whose facts are not a quarter's (a works registration) is filed under the quarter it is received in.
    const quarter = (period === undefined || period === '') && PACKAGES[type].periodOptional ? quarterOf(today) : parsePeriod(period);
    // No facts from the future (CONTRACT.md): a quarter that has not begun has nothing to report yet.
    if (quarter.first > today) {
      throw DomainError.validation('Period not yet begun', [{ field: 'period', message: `${quarter.period} begins on ${quarter.first}, after today (${today}): facts from the future are refused` }]);
    }
    return { type, period: quarter.period };
  }

  /**
   * Streams the package (CSV or JSON Lines) to storage with its SHA-256, records it as
   * queued and queues its ingest (job id = submission id). The same bytes for the same
   * society, type and period return the existing submission. A society already sending
   * UPLOAD_CONCURRENCY_PER_SOCIETY packages (or the process UPLOAD_CONCURRENCY) gets a
   * 429 before any byte is read. `gzip`: the body is gzip-compressed (see UploadStore.receive).
   */
  async accept(
    principal: Principal,
    societyId: string,
    type: PackageType,
    period: string,
    body: Readable,
    format: SubmissionFormat = 'csv',
    options: { gzip?: boolean; fileName?: string | null } = {},
  ): Promise<Accepted> {
    await this.assertMaySubmit(principal, societyId);
    try {
      this.checkFormat(type, format);
    } catch (error) {
      body.resume(); // drain the unread body so the connection can answer
      throw error;
    }
    let release: () => void;
    try {
      release = this.slots.acquire(societyId);
    } catch (error) {
      body.resume(); // drain the unread body so the connection can answer
      throw error;
    }
    try {
      return await this.receiveAndQueue(societyId, type, period, body, format, options.gzip ?? false, uploadedFileName(options.fileName));
    } finally {
      release();
    }
  }

  private async receiveAndQueue(
    societyId: string,
    type: PackageType,
    period: string,
    body: Readable,
    format: SubmissionFormat,
    gzip: boolean,
    fileName: string | null,
  ): Promise<Accepted> {
    const file = await this.store.receive(body, { format, gzip });
    const existing = await this.submissions.findSameBytes(societyId, type, period, file.sha256);
    if (existing) {
      await this.store.discard(file);
      return { submission: existing, created: false };
    }
    const id = randomUUID();
    const storagePath = await this.store.keep(file, societyId, id, format);
    const inserted = await this.submissions.insert({ id, societyId, type, period, format, sha256: file.sha256, byteSize: file.bytes, storagePath, fileName });
    if (!inserted) {
      // The same bytes arrived concurrently: keep the first.
      await this.store.discard({ ...file, tmpPath: storagePath });
      return { submission: (await this.submissions.findSameBytes(societyId, type, period, file.sha256))!, created: false };
    }
    await this.queue.enqueue(INGEST_JOB, { submissionId: id }, { jobId: id, tenant: societyId });
    return { submission: inserted, created: true };
  }

  /**
   * A submission. `waitSeconds` (at most MAX_WAIT_SECONDS): while it is queued or
   * validating, the answer waits until it has finished (committed, rejected or failed)
   * or that long, whichever comes first, so a client learns the outcome as soon as it is
   * recorded instead of asking again and again (SubmissionEvents).
   */
  async get(principal: Principal, id: string, waitSeconds = 0): Promise<Submission> {
    const societies = readableSocietyIds(principal);
    const deadline = Date.now() + Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
    const watch = waitSeconds > 0 ? this.events.watch(id) : null;
    try {
      for (;;) {
        const submission = await this.submissions.find(id, societies);
        if (!submission) throw DomainError.notFound('Submission', id);
        const left = deadline - Date.now();
        if (!watch || !UNFINISHED.has(submission.status) || left <= 0) return submission;
        // Woken by the announcement, or read again at least every RECHECK_MS.
        await watch.wait(Math.min(left, RECHECK_MS));
      }
    } finally {
      watch?.cancel();
    }
  }

  async list(principal: Principal, societyId: string, filter: { type?: string; period?: string }, limit: number, cursor?: string): Promise<Page<Submission>> {
    await this.societies.assertReadable(principal, societyId);
    if (principal.role === 'rights-holder') throw DomainError.notFound('Society', societyId);
    return this.submissions.list(societyId, filter, limit, decodeCursor(cursor, UUID_KEY));
  }

  /** Puts every unfinished submission back on the queue (PostgreSQL is the source of truth). */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.submissions.unfinished();
    for (const s of unfinished) await this.queue.enqueue(INGEST_JOB, { submissionId: s.id }, { jobId: s.id, tenant: s.societyId });
    if (unfinished.length > 0) this.logger.log(`re-queued ${unfinished.length} unfinished submission(s)`);
    return unfinished.length;
  }

  /**
   * A package is sent in the ledger's CSV or JSON Lines, or in its type's input format
   * (libs/package-catalogue InputFormat): a type read only from its own format takes
   * nothing else (415), and no type takes another type's format.
   */
  checkFormat(type: PackageType, format: SubmissionFormat): void {
    const input = PACKAGES[type].input as InputFormat | undefined;
    const how = input ? `a ${input.name} file (${[...input.mediaTypes, ...input.extensions.map((e) => `a multipart file named ….${e}`)].join(', ')})` : '';
    if (isLedgerFormat(format)) {
      if (input && !input.alsoLedgerFormats) throw new DomainError('unsupported-media-type', `A ${type} package is sent as ${how}, not as ${format === 'csv' ? 'CSV' : 'JSON Lines'}`);
      return;
    }
    if (input?.name !== format) {
      throw new DomainError('unsupported-media-type', `A ${type} package is sent as CSV or JSON Lines${input ? ` or as ${how}` : ''}, not as ${format}`);
    }
  }

  private async assertMaySubmit(p: Principal, societyId: string): Promise<void> {
    const society = await this.societies.get(p, societyId).catch(() => null);
    if (!society || (p.role === 'society' && p.societyId !== societyId)) throw DomainError.notFound('Society', societyId);
    if (p.role !== 'society' && p.role !== 'admin') throw DomainError.forbidden('Only the society itself (or an admin) submits its packages');
  }
}
