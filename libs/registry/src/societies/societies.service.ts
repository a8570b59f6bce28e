import { Injectable } from '@nestjs/common';
import { type Principal, seesAll } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { validateFinancialYearEnd } from '../validation.js';
import type { NewSociety, Society, SocietyContact } from './society.js';
import { SocietiesRepository } from './societies.repository.js';

/**
 * Societies are the tenants. A society credential sees only its own society; rights
 * holders see every society's registry entry (they choose among them); regulators and
 * admins see all.
 */
@Injectable()
export class SocietiesService {
  constructor(private readonly societies: SocietiesRepository) {}

  async register(input: NewSociety): Promise<Society> {
    validateFinancialYearEnd(input.fyEndMonth, input.fyEndDay);
    const created = await this.societies.insert(input);
    if (!created) {
      const existing = await this.societies.findByCisac(input.cisacCode);
      throw DomainError.conflict(`A society with CISAC code ${input.cisacCode} is already registered`, { existingId: existing?.id });
    }
    return created;
  }

  /**
   * Replaces a society's contact details: an admin for any society, a society for its own
   * (another's is a 404, as if it did not exist).
   */
  async setContact(principal: Principal, id: string, contact: SocietyContact): Promise<Society> {
    if (principal.role !== 'admin' && !(principal.role === 'society' && principal.societyId === id)) throw DomainError.notFound('Society', id);
    const updated = await this.societies.setContact(id, contact);
    if (!updated) throw DomainError.notFound('Society', id);
    return updated;
  }

  async get(principal: Principal, id: string): Promise<Society> {
    const society = await this.societies.find(id, this.visibleIds(principal));
    if (!society) throw DomainError.notFound('Society', id);
    return society;
  }

  list(principal: Principal, limit: number, cursor?: string): Promise<Page<Society>> {
    return this.societies.list(this.visibleIds(principal), limit, decodeCursor(cursor, UUID_KEY));
  }

  /** Throws not-found unless the principal may read this society's own data. */
  async assertReadable(principal: Principal, id: string): Promise<Society> {
    return this.get(principal, id);
  }

  private visibleIds(p: Principal): string[] | null {
    if (seesAll(p) || p.role === 'rights-holder') return null;
    return p.societyId ? [p.societyId] : [];
  }
}
