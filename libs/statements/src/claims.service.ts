import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../auth/src/index.js';
import { Clock } from '../../config/src/index.js';
import { encodeCursor, type Page } from '../../database/src/index.js';
import { DomainError, type InputProblem } from '../../errors/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { ClaimUpdates } from './claim-updates.js';
import { type Claim, type ClaimStatus, ClaimsRepository, type LockedClaim, type PayingCandidate, type UnclaimedLine } from './claims.repository.js';
import { HolderScopeService } from './holder-scope.js';
import { decodeIdCursor, decodeLineCursor, lineCursor, parseLineRef } from './line-keys.js';

export interface ClaimInput {
  submissionId: string;
  lineId: string;
  note?: string;
}

/** The line of a later package that pays a claim: its package and its line id (or `#<n>`). */
export interface PaymentInput {
  submissionId: string;
  lineId: string;
}

/**
 * For loaders that record what happened earlier (the demo): the moment of the change,
 * instead of the ledger's clock. Never taken from a request.
 */
export interface RecordOptions {
  at?: Date;
}

/** Which answers each status allows (a refused or paid claim is final). */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  open: ['accepted', 'refused', 'paid'],
  accepted: ['paid'],
  refused: [],
  paid: [],
};

const MAX_TEXT = 2000;

/**
 * Unclaimed money: unidentified lines that may be a holder's (its name, or its works),
 * and the claims holders record on them for the society to act on.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly db: DataSource,
    private readonly claims: ClaimsRepository,
    private readonly scopes: HolderScopeService,
    private readonly societies: SocietiesService,
    private readonly clock: Clock,
    private readonly updates: ClaimUpdates,
  ) {}

  /** Unidentified committed lines matching the holder's name or works (use ending in `year`, if given). */
  async unclaimed(p: Principal, holderId: string, year: number | undefined, limit: number, cursor?: string): Promise<Page<UnclaimedLine>> {
    const after = decodeLineCursor(cursor);
    const scope = await this.scopes.scope(p, holderId);
    const period = year === undefined ? null : { from: `${year}-01-01`, to: `${year}-12-31` };
    const rows = await this.claims.unclaimed(holderId, scope.holder.name, scope.societyIds, period, after, limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? lineCursor(items[items.length - 1]) : null };
  }

  /**
   * Records the holder's claim on an unidentified line of a committed submission: 404
   * when there is no such line (or it is identified, or not committed), 409 when this
   * holder already claimed it.
   */
  async claim(p: Principal, holderId: string, input: ClaimInput, options: RecordOptions = {}): Promise<Claim> {
    const scope = await this.scopes.scope(p, holderId);
    if (p.role !== 'admin' && p.role !== 'rights-holder') throw DomainError.forbidden('Only the rights holder (or an admin) records its claims');
    const line = await this.claims.claimableLine(input.submissionId, parseLineRef(input.lineId), scope.societyIds);
    if (!line) throw DomainError.notFound('Unidentified line', `${input.lineId} of submission ${input.submissionId}`);
    const id = await this.claims.insert(line, holderId, input.note?.trim() || null, recordedBy(p), options.at ?? this.clock.now());
    if (id === null) {
      throw DomainError.conflict(`Rights holder ${holderId} has already claimed line ${line.lineId} of submission ${line.submissionId}`, {
        submissionId: line.submissionId,
        lineId: line.lineId,
      });
    }
    const claim = (await this.claims.one(line.societyId, id))!;
    await this.publish(claim);
    return claim;
  }

  /** One claim with its history: for its holder, its society, regulators and admins (anyone else: 404). */
  async one(p: Principal, claimId: string): Promise<Claim> {
    const claim = await this.claims.find(claimId, readableClaims(p));
    if (!claim) throw DomainError.notFound('Claim', claimId);
    return claim;
  }

  /** The society accepts the claim: the line is the claimant's; the payment follows in a later package. */
  accept(p: Principal, claimId: string, input: { note?: string } = {}, options: RecordOptions = {}): Promise<Claim> {
    const note = optionalText(input.note, 'note');
    return this.answer(p, claimId, 'accepted', options, async (claim) => {
      this.assertLineFree(claim);
      return { reason: note, payment: null };
    });
  }

  /**
   * The society refuses the claim, stating why (Directive 2014/26/EU Art. 33(2): a
   * complaint rejected is answered in writing with reasons). 400 without a reason.
   */
  refuse(p: Principal, claimId: string, input: { reason?: unknown }, options: RecordOptions = {}): Promise<Claim> {
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length === 0) throw DomainError.validation('A refusal states its reason (Directive 2014/26/EU Art. 33(2))', [{ field: 'reason', message: 'must not be empty' }]);
    if (reason.length > MAX_TEXT) throw DomainError.validation('The reason is too long', [{ field: 'reason', message: `must be at most ${MAX_TEXT} characters` }]);
    return this.answer(p, claimId, 'refused', options, () => Promise.resolve({ reason, payment: null }));
  }

  /**
   * The society records the line that paid the claim: a `paid` line for the claimant in a
   * committed, not superseded distribution-lines package of the same society that entered
   * its log after the claimed line's package, in the same currency, for the same use
   * (category, period of use, and work when the claimed line names one), whose net equals
   * the claimed line's net. Anything else is a 422 naming the field and what differs.
   * An open claim may be paid at once (the payment answers it); one line pays one claim.
   */
  pay(p: Principal, claimId: string, input: PaymentInput, options: RecordOptions = {}): Promise<Claim> {
    return this.answer(p, claimId, 'paid', options, async (claim, m) => {
      this.assertLineFree(claim);
      const candidate = await this.claims.payingCandidate(m, claim, input.submissionId, parseLineRef(input.lineId));
      const problems = paymentProblems(claim, candidate, input);
      if (problems.length > 0) {
        throw new DomainError('unprocessable', `Line ${input.lineId} of package ${input.submissionId}${candidate.submission ? ` (${candidate.submission.period})` : ''} does not pay this claim`, problems);
      }
      const line = candidate.line!;
      const other = await this.claims.paidWith(m, claim.societyId, input.submissionId, line.lineNo);
      if (other !== undefined) {
        throw DomainError.conflict(`Line ${line.lineId} of package ${input.submissionId} already paid claim ${other}: one line pays one claim`, { paidClaimId: other });
      }
      return { reason: null, payment: { submissionId: input.submissionId, lineNo: line.lineNo, lineId: line.lineId } };
    });
  }

  /**
   * One answer: the society whose line it is (or an admin) moves the claim from its status
   * to `to`, if CLAIM_TRANSITIONS allow it, recording the event (append-only) and the new
   * status in one transaction; then publishes claim.updated. Nothing changes on any error.
   */
  private async answer(
    p: Principal,
    claimId: string,
    to: ClaimStatus,
    options: RecordOptions,
    decide: (claim: LockedClaim, m: EntityManager) => Promise<{ reason: string | null; payment: { submissionId: string; lineNo: number; lineId: string } | null }>,
  ): Promise<Claim> {
    if (p.role !== 'admin' && p.role !== 'society') throw DomainError.forbidden('Only the society whose line is claimed (or an admin) answers a claim');
    const found = await this.claims.find(claimId, readableClaims(p));
    if (!found) throw DomainError.notFound('Claim', claimId);
    const at = options.at ?? this.clock.now();
    await this.db.transaction(async (m) => {
      const claim = (await this.claims.lock(m, found.societyId, claimId))!;
      if (!CLAIM_TRANSITIONS[claim.status].includes(to)) {
        const allowed = CLAIM_TRANSITIONS[claim.status];
        throw DomainError.conflict(
          `Claim ${claimId} is ${claim.status}: ${allowed.length === 0 ? 'that answer is final' : `it may only become ${allowed.join(' or ')}`}, not ${to}`,
          { claimStatus: claim.status },
        );
      }
      if (at.getTime() < Date.parse(claim.lastAt)) {
        throw DomainError.conflict(`The ledger's clock reads ${at.toISOString()}, before the claim's last change (${claim.lastAt}): an answer cannot come before it`, { lastChange: claim.lastAt });
      }
      const decision = await decide(claim, m);
      await this.claims.insertEvent(m, {
        societyId: claim.societyId, claimId, seq: claim.lastSeq + 1, status: to, previousStatus: claim.status, at, recordedBy: recordedBy(p), ...decision,
      });
      await this.claims.setStatus(m, claim.societyId, claimId, to);
    });
    const claim = (await this.claims.one(found.societyId, claimId))!;
    await this.publish(claim);
    return claim;
  }

  /** A line is one holder's: no other claim on it may be accepted or paid already. */
  private assertLineFree(claim: LockedClaim): void {
    const taken = claim.others.find((o) => o.status === 'accepted' || o.status === 'paid');
    if (taken) throw DomainError.conflict(`Another claim on the same line is already ${taken.status} (claim ${taken.id}): a line is one rights holder's`, { otherClaimId: taken.id, otherClaimStatus: taken.status });
  }

  private publish(claim: Claim): Promise<void> {
    const last = claim.history.at(-1)!;
    return this.updates.publish({
      event: 'claim.updated',
      at: last.at,
      data: {
        claimId: claim.id,
        societyId: claim.societyId,
        rightsHolderId: claim.rightsHolderId,
        submissionId: claim.submissionId,
        lineId: claim.lineId,
        status: claim.status,
        previousStatus: last.previousStatus,
        recordedBy: last.recordedBy,
        reason: last.reason,
        payment: last.payment,
      },
    });
  }

  /** The holder's claims (a society: those on its own lines). */
  async ofHolder(p: Principal, holderId: string, limit: number, cursor?: string): Promise<Page<Claim>> {
    const after = decodeIdCursor(cursor);
    const scope = await this.scopes.scope(p, holderId);
    return page(await this.claims.ofHolder(holderId, scope.societyIds, after, limit + 1), limit);
  }

  /** The claims on a society's lines, for it to act on. */
  async ofSociety(p: Principal, societyId: string, status: string | undefined, limit: number, cursor?: string): Promise<Page<Claim>> {
    const after = decodeIdCursor(cursor);
    await this.societies.assertReadable(p, societyId);
    if (p.role === 'rights-holder') throw DomainError.notFound('Society', societyId);
    return page(await this.claims.ofSociety(societyId, status ?? null, after, limit + 1), limit);
  }
}

/** Which claims a caller sees: a society its own society's, a rights holder its own, admins and regulators all. */
function readableClaims(p: Principal): { societyId?: string; rightsHolderId?: string } {
  if (p.role === 'admin' || p.role === 'regulator') return {};
  if (p.role === 'society' && p.societyId) return { societyId: p.societyId };
  if (p.role === 'rights-holder' && p.rightsHolderId) return { rightsHolderId: p.rightsHolderId };
  throw DomainError.forbidden('This credential is bound to no tenant');
}

function recordedBy(p: Principal): string {
  return `${p.role}: ${p.label}`;
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw DomainError.validation(`The ${field} must be a text`, [{ field, message: 'must be a text' }]);
  const text = value.trim();
  if (text.length > MAX_TEXT) throw DomainError.validation(`The ${field} is too long`, [{ field, message: `must be at most ${MAX_TEXT} characters` }]);
  return text === '' ? null : text;
}

/**
 * Why a line does not pay a claim (empty: it does). The package first (field
 * `submissionId`): of the claim's society (another society's is "not found" there),
 * distribution lines, committed and not superseded, entered the log after the claimed
 * line's package; then the line (field `lineId`): present, the claimant's, paid, and the
 * same currency, net, category, period of use and work as the claimed line.
 */
export function paymentProblems(claim: Pick<LockedClaim, 'rightsHolderId'>, c: PayingCandidate, input: PaymentInput): InputProblem[] {
  const s = c.submission;
  if (s === null) return [{ field: 'submissionId', message: `is no package of the society whose line is claimed` }];
  if (s.type !== 'distribution-lines') return [{ field: 'submissionId', message: `is a package of type ${s.type}: only a distribution-lines package pays a claim` }];
  if (s.status !== 'committed') {
    return [{ field: 'submissionId', message: `is ${s.status}: only a committed package that no correction superseded pays a claim` }];
  }
  if (s.logIndex === null || c.claimedPackage.logIndex === null || s.logIndex <= c.claimedPackage.logIndex) {
    return [{
      field: 'submissionId',
      message: `must be a package the society committed after the claimed line's (${c.claimedPackage.period}, entry ${c.claimedPackage.logIndex ?? '?'} of its log); this one (${s.period}) is entry ${s.logIndex ?? '?'}`,
    }];
  }
  const l = c.line;
  if (l === null) return [{ field: 'lineId', message: `no line ${input.lineId} in package ${s.id} (${s.period})` }];
  const problems: string[] = [];
  if (l.rightsHolderId !== claim.rightsHolderId) problems.push(l.rightsHolderId === null ? 'names no rights holder (it is unidentified)' : 'pays another rights holder, not the claimant');
  if (l.status !== 'paid') problems.push(`is ${l.status}, not paid`);
  if (l.currency !== c.claimed.currency) problems.push(`is in ${l.currency}, the claimed line in ${c.claimed.currency}`);
  else if (!l.sameNet) problems.push(`pays a net of ${l.net}, the claimed line's net is ${c.claimed.net}`);
  if (l.category !== c.claimed.category) problems.push(`is for ${l.category} rights, the claimed line for ${c.claimed.category}`);
  if (l.useFrom !== c.claimed.useFrom || l.useTo !== c.claimed.useTo) problems.push(`is for uses from ${l.useFrom} to ${l.useTo}, the claimed line from ${c.claimed.useFrom} to ${c.claimed.useTo}`);
  if (c.claimed.workIswc !== null && l.workIswc !== c.claimed.workIswc) problems.push(`is for work ${l.workIswc ?? '(none named)'}, the claimed line for ${c.claimed.workIswc}`);
  return problems.map((message) => ({ field: 'lineId', message: `line ${l.lineId} ${message}` }));
}

function page(rows: Claim[], limit: number): Page<Claim> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}
