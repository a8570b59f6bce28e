import { Injectable } from '@nestjs/common';
import { type Principal, seesAll } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { explainDisplayName } from '../../../identifiers/src/index.js';
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

  /**
   * An admin registers a holder. An IPI a society registered from its lines (a
   * provisional name) is confirmed instead: same id, the admin's name and details; an IPI
   * or ISNI registered by an admin or corrected by its holder is a conflict.
   */
  async register(input: NewRightsHolder, principal?: Principal): Promise<RightsHolder> {
    checkName(input.name);
    const created = await this.holders.insert(input);
    if (!created) {
      const existing = await this.holders.findByIdentifiers(input.ipi, input.isni);
      if (existing && existing.ipi === input.ipi && existing.nameSource === 'society' && (input.isni === null || existing.isni === null || existing.isni === input.isni)) {
        const confirmed = await this.holders.confirmSocietyRegistration(input).catch((error: { code?: string }) => {
          if (error?.code === '23505') return null; // the ISNI is another holder's
          throw error;
        });
        if (confirmed) return principal ? this.shown(principal, confirmed) : confirmed;
      }
      const which = existing?.ipi === input.ipi ? `IPI ${input.ipi}` : `ISNI ${input.isni}`;
      throw DomainError.conflict(`A rights holder with ${which} is already registered`, { existingId: existing?.id });
    }
    return principal ? this.shown(principal, created) : created;
  }

  /**
   * Corrects a holder's name: an admin any holder's, a rights holder its own (another
   * holder's is not found). The name then comes from them, never again from a society.
   */
  async rename(principal: Principal, id: string, name: string): Promise<RightsHolder> {
    if (principal.role !== 'admin' && !(principal.role === 'rights-holder' && principal.rightsHolderId === id)) {
      if (principal.role === 'rights-holder') throw DomainError.notFound('Rights holder', id);
      throw DomainError.forbidden('Only an admin or the rights holder itself corrects its name');
    }
    checkName(name);
    const renamed = await this.holders.rename(id, name, principal.role === 'admin' ? 'admin' : 'holder');
    if (!renamed) throw DomainError.notFound('Rights holder', id);
    return this.shown(principal, renamed);
  }

  async get(principal: Principal, id: string): Promise<RightsHolder> {
    const holder = await this.holders.find(id, this.scope(principal));
    if (!holder) throw DomainError.notFound('Rights holder', id);
    return this.shown(principal, holder);
  }

  async list(principal: Principal, limit: number, cursor?: string): Promise<Page<RightsHolder>> {
    const page = await this.holders.list(this.scope(principal), limit, decodeCursor(cursor, UUID_KEY));
    return { ...page, items: page.items.map((h) => this.shown(principal, h)) };
  }

  /** Which society registered a holder is shown to admins, regulators and that society only. */
  private shown(p: Principal, h: RightsHolder): RightsHolder {
    if (h.registeredBySocietyId === null || seesAll(p) || (p.role === 'society' && p.societyId === h.registeredBySocietyId)) return h;
    return { ...h, registeredBySocietyId: null };
  }

  private scope(p: Principal): HolderScope {
    if (seesAll(p)) return { all: true };
    if (p.role === 'rights-holder' && p.rightsHolderId) return { ids: [p.rightsHolderId] };
    if (p.role === 'society' && p.societyId) return { mandatesAt: p.societyId };
    return { ids: [] };
  }
}

/** A name the ledger shows to everyone: libs/identifiers explainDisplayName (issue 13). */
function checkName(name: string): void {
  const problem = explainDisplayName(name);
  if (problem) throw DomainError.validation('Invalid rights holder name', [{ field: 'name', message: problem }]);
}
