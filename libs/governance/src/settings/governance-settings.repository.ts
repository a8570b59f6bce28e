import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApportionmentMethod } from '../../../apportionment/src/index.js';
import type { ConstituencyMap } from '../constituencies.js';
import type { GovernanceSettings, ValidGovernanceSettings } from './governance-settings.js';

const COLUMNS = `society_id AS "societyId", true AS configured, board_size AS "boardSize", method,
  lookback_years AS "lookbackYears", constituency_map AS "constituencyMap",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", updated_by AS "updatedBy"`;

interface Row {
  societyId: string;
  configured: true;
  boardSize: number;
  method: ApportionmentMethod;
  lookbackYears: number;
  constituencyMap: ConstituencyMap;
  updatedAt: string;
  updatedBy: string;
}

/** One row of settings per society (governance_settings). */
@Injectable()
export class GovernanceSettingsRepository {
  constructor(private readonly db: DataSource) {}

  async find(societyId: string): Promise<GovernanceSettings | undefined> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM governance_settings WHERE society_id = $1`, [societyId]);
    return rows[0];
  }

  /** Records the society's settings, replacing any earlier ones. */
  async upsert(societyId: string, s: ValidGovernanceSettings, updatedBy: string): Promise<GovernanceSettings> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO governance_settings (society_id, board_size, method, lookback_years, constituency_map, updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (society_id) DO UPDATE SET board_size = EXCLUDED.board_size, method = EXCLUDED.method,
         lookback_years = EXCLUDED.lookback_years, constituency_map = EXCLUDED.constituency_map,
         updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [societyId, s.boardSize, s.method, s.lookbackYears, JSON.stringify(s.constituencyMap), updatedBy],
    );
    return rows[0]!;
  }
}
