import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredParameters {
  ruleId: string;
  params: Record<string, unknown>;
  updatedAt: string;
  updatedBy: string;
}

/** Every SQL statement about the jurisdictions' rule parameters. */
@Injectable()
export class AuditParametersRepository {
  constructor(private readonly db: DataSource) {}

  /** The overrides a jurisdiction has set, by rule id. */
  async forJurisdiction(jurisdiction: string): Promise<StoredParameters[]> {
    return this.db.query(
      `SELECT rule_id AS "ruleId", params, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", updated_by AS "updatedBy"
       FROM audit_parameters WHERE jurisdiction = $1 ORDER BY rule_id`,
      [jurisdiction],
    );
  }

  async jurisdictionExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ref_countries WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Sets (replaces) one rule's overrides for a jurisdiction; an empty object removes them. */
  async put(jurisdiction: string, ruleId: string, params: Record<string, unknown>, updatedBy: string): Promise<void> {
    if (Object.keys(params).length === 0) {
      await this.db.query(`DELETE FROM audit_parameters WHERE jurisdiction = $1 AND rule_id = $2`, [jurisdiction, ruleId]);
      return;
    }
    await this.db.query(
      `INSERT INTO audit_parameters (jurisdiction, rule_id, params, updated_by) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (jurisdiction, rule_id) DO UPDATE SET params = EXCLUDED.params, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [jurisdiction, ruleId, JSON.stringify(params), updatedBy],
    );
  }
}
