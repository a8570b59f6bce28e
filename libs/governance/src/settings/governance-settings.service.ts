import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { SocietiesService } from '../../../registry/src/index.js';
import { type GovernanceSettings, type GovernanceSettingsInput, defaultSettings, validateSettings } from './governance-settings.js';
import { GovernanceSettingsRepository } from './governance-settings.repository.js';

/**
 * Each society's board-apportionment settings. Anyone who may read the society's
 * board entitlement may read them (they are part of it: admins, regulators, the
 * society itself and rights holders); an admin or the society itself sets them.
 */
@Injectable()
export class GovernanceSettingsService {
  constructor(
    private readonly settings: GovernanceSettingsRepository,
    private readonly societies: SocietiesService,
  ) {}

  async get(principal: Principal, societyId: string): Promise<GovernanceSettings> {
    await this.societies.get(principal, societyId);
    return this.effective(societyId);
  }

  async set(principal: Principal, societyId: string, input: GovernanceSettingsInput): Promise<GovernanceSettings> {
    const mayWrite = principal.role === 'admin' || (principal.role === 'society' && principal.societyId === societyId);
    if (!mayWrite) throw DomainError.notFound('Society', societyId);
    await this.societies.get(principal, societyId);
    const checked = validateSettings(input);
    if (!checked.ok) throw DomainError.validation('The governance settings are invalid', checked.problems);
    return this.settings.upsert(societyId, checked.settings, `${principal.role}: ${principal.label}`);
  }

  /** The settings in force for a society the caller has already been allowed to see. */
  async effective(societyId: string): Promise<GovernanceSettings> {
    return (await this.settings.find(societyId)) ?? defaultSettings(societyId);
  }
}
