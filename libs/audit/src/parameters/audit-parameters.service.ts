import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { CATALOGUE, findRule } from '../rules/catalogue.js';
import { type ParamSpec, type ParamValues, defaultParams, explainOverrides, resolveParams } from '../rules/params.js';
import type { RuleGroup, Severity } from '../rules/rule.js';
import { AuditParametersRepository } from './audit-parameters.repository.js';

export interface CatalogueEntry {
  id: string;
  title: string;
  source: string;
  severity: Severity;
  group: RuleGroup;
  description: string;
  parameters: ParamSpec[];
  defaults: ParamValues;
  /** The parameters in force for the jurisdiction asked for (the defaults without one). */
  effective: ParamValues;
  /** The jurisdiction's own overrides, when it set any. */
  overrides: { params: Record<string, unknown>; updatedAt: string; updatedBy: string } | null;
}

const JURISDICTION = /^[A-Z]{2}$/;

/**
 * The rule catalogue as the API shows it, and the jurisdictions' parameters: defaults in
 * code (RULES.md), overridden per jurisdiction (the society's country) by admins and
 * regulators, one rule at a time, checked before they are stored.
 */
@Injectable()
export class AuditParametersService {
  constructor(private readonly stored: AuditParametersRepository) {}

  async catalogue(jurisdiction?: string): Promise<{ jurisdiction: string | null; rules: CatalogueEntry[] }> {
    if (jurisdiction !== undefined) await this.assertJurisdiction(jurisdiction);
    const overrides = jurisdiction ? await this.stored.forJurisdiction(jurisdiction) : [];
    return {
      jurisdiction: jurisdiction ?? null,
      rules: CATALOGUE.map((r) => {
        const own = overrides.find((o) => o.ruleId === r.id);
        return {
          id: r.id,
          title: r.title,
          source: r.source,
          severity: r.severity,
          group: r.group,
          description: r.description,
          parameters: [...r.params],
          defaults: defaultParams(r.params),
          effective: resolveParams(r.id, r.params, own?.params),
          overrides: own ? { params: own.params, updatedAt: own.updatedAt, updatedBy: own.updatedBy } : null,
        };
      }),
    };
  }

  /** Replaces a rule's overrides for a jurisdiction (an empty object restores the defaults). */
  async set(principal: Principal, ruleId: string, jurisdiction: string, params: unknown): Promise<CatalogueEntry> {
    if (principal.role !== 'admin' && principal.role !== 'regulator') throw DomainError.forbidden('Only admins and regulators set audit parameters');
    const rule = findRule(ruleId);
    if (!rule) throw DomainError.notFound('Audit rule', ruleId);
    await this.assertJurisdiction(jurisdiction);
    const problems = explainOverrides(rule.params, params);
    if (problems.length > 0) throw DomainError.validation(`The parameters of ${ruleId} are invalid`, problems);
    await this.stored.put(jurisdiction, ruleId, params as Record<string, unknown>, `${principal.role}: ${principal.label}`);
    return (await this.catalogue(jurisdiction)).rules.find((r) => r.id === ruleId)!;
  }

  /** The parameters in force for each rule in a jurisdiction. */
  async effective(jurisdiction: string): Promise<Map<string, ParamValues>> {
    const overrides = await this.stored.forJurisdiction(jurisdiction);
    return new Map(CATALOGUE.map((r) => [r.id, resolveParams(r.id, r.params, overrides.find((o) => o.ruleId === r.id)?.params)]));
  }

  private async assertJurisdiction(code: string): Promise<void> {
    if (!JURISDICTION.test(code) || !(await this.stored.jurisdictionExists(code))) {
      throw DomainError.validation('Unknown jurisdiction', [{ field: 'jurisdiction', message: `must be an ISO 3166-1 alpha-2 country code (got ${JSON.stringify(code)})` }]);
    }
  }
}
