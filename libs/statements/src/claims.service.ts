import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import { encodeCursor, type Page } from '../../database/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { type Claim, ClaimsRepository, type UnclaimedLine } from './claims.repository.js';
import { HolderScopeService } from './holder-scope.js';
import { decodeIdCursor, decodeLineCursor, lineCursor, parseLineRef } from './line-keys.js';

export interface ClaimInput {
  submissionId: string;
  lineId: string;
  note?: string;
}

/**
 * Unclaimed money: unidentified lines that may be a holder's (its name, or its works),
 * and the claims holders record on them for the society to act on.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly scopes: HolderScopeService,
    private readonly societies: SocietiesService,
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
  async claim(p: Principal, holderId: string, input: ClaimInput): Promise<Claim> {
    const scope = await this.scopes.scope(p, holderId);
    if (p.role !== 'admin' && p.role !== 'rights-holder') throw DomainError.forbidden('Only the rights holder (or an admin) records its claims');
    const line = await this.claims.claimableLine(input.submissionId, parseLineRef(input.lineId), scope.societyIds);
    if (!line) throw DomainError.notFound('Unidentified line', `${input.lineId} of submission ${input.submissionId}`);
    const id = await this.claims.insert(line, holderId, input.note?.trim() || null, `${p.role}: ${p.label}`);
    if (id === null) {
      throw DomainError.conflict(`Rights holder ${holderId} has already claimed line ${line.lineId} of submission ${line.submissionId}`, {
        submissionId: line.submissionId,
        lineId: line.lineId,
      });
    }
    return (await this.claims.one(line.societyId, id))!;
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

function page(rows: Claim[], limit: number): Page<Claim> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}
