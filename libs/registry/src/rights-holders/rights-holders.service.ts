import { Injectable } from '@nestjs/common';
import { type Principal, seesAll } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import type { NewRightsHolder, RightsHolder } from './rights-holder.js';
import { type HolderScope, RightsHoldersRepository } from './rights-holders.repository.js';

/**
 * Rights holders are shared across societies. A rights-holder credential sees only
 * itself; a society those who hold a mandate at it (contractual or not, past or
 * present); regulators and admins see all.
 */
@Injectable()
export class RightsHoldersService {
  constructor(private readonly holders: RightsHoldersRepository) {}

  async register(input: NewRightsHolder): Promise<RightsHolder> {
    const created = await this.holders.insert(input);
    if (!created) {
      const existing = await this.holders.findByIdentifiers(input.ipi, input.isni);
      const which = existing?.ipi === input.ipi ? `IPI ${input.ipi}` : `ISNI ${input.isni}`;
      throw DomainError.conflict(`A rights holder with ${which} is already registered`, { existingId: existing?.id });
    }
    return created;
  }

  async get(principal: Principal, id: string): Promise<RightsHolder> {
    const holder = await this.holders.find(id, this.scope(principal));
    if (!holder) throw DomainError.notFound('Rights holder', id);
    return holder;
  }

  list(principal: Principal, limit: number, cursor?: string): Promise<Page<RightsHolder>> {
    return this.holders.list(this.scope(principal), limit, decodeCursor(cursor, UUID_KEY));
  }

  private scope(p: Principal): HolderScope {
    if (seesAll(p)) return { all: true };
    if (p.role === 'rights-holder' && p.rightsHolderId) return { ids: [p.rightsHolderId] };
    if (p.role === 'society' && p.societyId) return { mandatesAt: p.societyId };
    return { ids: [] };
  }
}
