import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { StatementsRepository } from './statements.repository.js';

/** What a caller may see of one rights holder's money. */
export interface HolderScope {
  holder: { id: string; name: string; ipi: string | null };
  /** The societies whose part the caller sees; null: all of them. */
  societyIds: string[] | null;
  /** Whether the caller may read the holder's mandates (a society: only when it holds one). */
  mandates: boolean;
}

/**
 * Who sees a rights holder's statement, unclaimed money and claims: the holder itself,
 * admins and regulators (every society's part); a society only when the holder is
 * "its own member" — holds a mandate at it or has distribution lines there — and then
 * only that society's part. Anybody else gets 404, as if the holder did not exist.
 */
@Injectable()
export class HolderScopeService {
  constructor(private readonly statements: StatementsRepository) {}

  /**
   * The caller's view, reading the database only when the role alone does not decide
   * it (a society: the member rule). Whether the holder exists is then for the caller's
   * own query to find out (and answer 404).
   */
  async view(p: Principal, holderId: string): Promise<Omit<HolderScope, 'holder'>> {
    if (p.role === 'society') return this.scope(p, holderId);
    if (p.role === 'admin' || p.role === 'regulator' || (p.role === 'rights-holder' && p.rightsHolderId === holderId)) return { societyIds: null, mandates: true };
    throw DomainError.notFound('Rights holder', holderId);
  }

  async scope(p: Principal, holderId: string): Promise<HolderScope> {
    const notFound = () => DomainError.notFound('Rights holder', holderId);
    if (p.role === 'rights-holder' && p.rightsHolderId !== holderId) throw notFound();
    if (p.role === 'society') {
      if (!p.societyId) throw notFound();
      const row = await this.statements.holder(holderId, p.societyId);
      if (!row || !(row.mandateThere || row.linesThere)) throw notFound();
      return { holder: { id: row.id, name: row.name, ipi: row.ipi }, societyIds: [p.societyId], mandates: row.mandateThere };
    }
    if (p.role !== 'rights-holder' && p.role !== 'admin' && p.role !== 'regulator') throw notFound();
    const row = await this.statements.holder(holderId, null);
    if (!row) throw notFound();
    return { holder: { id: row.id, name: row.name, ipi: row.ipi }, societyIds: null, mandates: true };
  }
}
