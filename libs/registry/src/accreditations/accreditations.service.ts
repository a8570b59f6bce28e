import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { SocietiesService } from '../societies/societies.service.js';
import { validatePeriod } from '../validation.js';
import type { Accreditation, NewAccreditation } from './accreditation.js';
import { AccreditationsRepository } from './accreditations.repository.js';

@Injectable()
export class AccreditationsService {
  constructor(
    private readonly accreditations: AccreditationsRepository,
    private readonly societies: SocietiesService,
  ) {}

  async record(principal: Principal, input: NewAccreditation): Promise<Accreditation> {
    await this.societies.assertReadable(principal, input.societyId);
    validatePeriod(input.validFrom, input.validTo, 'validFrom', 'validTo');
    return this.accreditations.insert(input);
  }

  async list(principal: Principal, societyId: string, limit: number, cursor?: string): Promise<Page<Accreditation>> {
    await this.societies.assertReadable(principal, societyId);
    return this.accreditations.list(societyId, limit, decodeCursor(cursor, UUID_KEY));
  }
}
