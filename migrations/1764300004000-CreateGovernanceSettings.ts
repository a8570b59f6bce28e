import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each society's board-apportionment settings: the board size, the apportionment method,
 * the look-back window in financial years and how rights-holder kinds map to board
 * constituencies. One row per society (absent: the defaults of libs/governance apply).
 * The key is society_id, the Citus distribution column.
 */
export class CreateGovernanceSettings1764300004000 implements MigrationInterface {
  name = 'CreateGovernanceSettings1764300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE governance_settings (
        society_id       uuid NOT NULL REFERENCES societies (id),
        board_size       smallint NOT NULL CHECK (board_size BETWEEN 1 AND 100),
        method           text NOT NULL CHECK (method IN ('dhondt', 'sainte-lague', 'modified-sainte-lague', 'hamilton', 'droop', 'huntington-hill', 'adams')),
        lookback_years   smallint NOT NULL CHECK (lookback_years BETWEEN 1 AND 10),
        constituency_map jsonb NOT NULL CHECK (jsonb_typeof(constituency_map) = 'object'),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        updated_by       text NOT NULL,
        PRIMARY KEY (society_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE governance_settings`);
  }
}
