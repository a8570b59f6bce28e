import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry: societies, their accreditations and board members, and rights holders.
 * Every table holding one society's data has society_id first in its primary key (the
 * Citus distribution column); rights_holders is shared reference data.
 */
export class CreateRegistry1764300000000 implements MigrationInterface {
  name = 'CreateRegistry1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE societies (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        cisac_code   char(3) NOT NULL UNIQUE CHECK (cisac_code ~ '^[0-9]{3}$'),
        country      char(2) NOT NULL,
        currency     char(3) NOT NULL,
        fy_end_month smallint NOT NULL CHECK (fy_end_month BETWEEN 1 AND 12),
        fy_end_day   smallint NOT NULL CHECK (fy_end_day BETWEEN 1 AND 31),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE accreditations (
        society_id  uuid NOT NULL REFERENCES societies (id),
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        authority   text NOT NULL,
        scope       text NOT NULL,
        valid_from  date NOT NULL,
        valid_to    date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id),
        CHECK (valid_to >= valid_from)
      )`);
    await q.query(`
      CREATE TABLE rights_holders (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        ipi        char(11) UNIQUE CHECK (ipi ~ '^[0-9]{11}$'),
        isni       char(16) UNIQUE,
        kind       text NOT NULL CHECK (kind IN ('author', 'composer', 'publisher', 'performer', 'producer', 'other')),
        country    char(2),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE board_members (
        society_id       uuid NOT NULL REFERENCES societies (id),
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        member_id        text NOT NULL,
        name             text NOT NULL,
        constituency     text NOT NULL CHECK (constituency IN ('authors', 'composers', 'publishers', 'performers', 'producers', 'other')),
        seat_from        date NOT NULL,
        seat_to          date,
        rights_holder_id uuid REFERENCES rights_holders (id),
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id),
        CHECK (seat_to IS NULL OR seat_to >= seat_from)
      )`);
    await q.query(`CREATE INDEX board_members_seats ON board_members (society_id, seat_from, seat_to)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX board_members_seats`);
    await q.query(`DROP TABLE board_members`);
    await q.query(`DROP TABLE rights_holders`);
    await q.query(`DROP TABLE accreditations`);
    await q.query(`DROP TABLE societies`);
  }
}
