import type { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = ['performing', 'mechanical', 'reproduction', 'communication', 'making-available', 'private-copying', 'performers', 'producers', 'reprography', 'other'];
const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Mandates (Directive Art. 5), bitemporal and append-only:
 * - `mandates`: a mandate's identity: which society holds it for which rights holder.
 * - `mandate_versions`: what the mandate says, one row per change. Valid time is
 *   valid_from..valid_to (inclusive days; valid_to = valid_from - 1 means it never
 *   applied); recorded time is recorded_at. The state known at K is the highest version
 *   recorded at or before K.
 * - `mandate_policies`: each society's notice (0-6 months) and whether terminations take
 *   effect at its financial-year end, as versions too.
 * society_id leads every key and index (the Citus distribution column).
 */
export class CreateMandates1764300000500 implements MigrationInterface {
  name = 'CreateMandates1764300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mandates (
        society_id       uuid NOT NULL REFERENCES societies (id),
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        rights_holder_id uuid NOT NULL REFERENCES rights_holders (id),
        external_id      text CHECK (length(external_id) BETWEEN 1 AND 100),
        split_from       uuid,
        created_at       timestamptz NOT NULL,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, id, rights_holder_id),
        FOREIGN KEY (society_id, split_from) REFERENCES mandates (society_id, id)
      )`);
    await q.query(`CREATE INDEX mandates_by_holder ON mandates (society_id, rights_holder_id)`);
    await q.query(`CREATE UNIQUE INDEX mandates_by_external_id ON mandates (society_id, external_id) WHERE external_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE mandate_versions (
        society_id           uuid NOT NULL,
        mandate_id           uuid NOT NULL,
        version              integer NOT NULL CHECK (version >= 1),
        rights_holder_id     uuid NOT NULL,
        category             text NOT NULL CHECK (category IN (${list(CATEGORIES)})),
        work_type            text NOT NULL CHECK (work_type IN (${list(WORK_TYPES)})),
        territories          text[] NOT NULL CHECK (cardinality(territories) >= 1),
        excluded_territories text[] NOT NULL DEFAULT '{}',
        valid_from           date NOT NULL,
        valid_to             date,
        basis                text NOT NULL CHECK (basis IN ('contractual', 'non-contractual')),
        exclusive            boolean NOT NULL,
        consent_recorded_at  timestamptz,
        consent_recorded_by  text,
        consent_evidence     text,
        change               text NOT NULL CHECK (change IN ('created', 'terminated', 'withdrawn', 'opted-out', 'split-off', 'amended')),
        change_detail        jsonb NOT NULL DEFAULT '{}',
        recorded_at          timestamptz NOT NULL,
        recorded_by          text NOT NULL,
        PRIMARY KEY (society_id, mandate_id, version),
        FOREIGN KEY (society_id, mandate_id, rights_holder_id) REFERENCES mandates (society_id, id, rights_holder_id),
        CHECK (territories = '{WORLD}' OR cardinality(excluded_territories) = 0),
        CHECK (valid_to IS NULL OR valid_to >= valid_from - 1),
        CHECK (NOT (exclusive AND basis = 'non-contractual')),
        CHECK ((basis = 'contractual') = (consent_recorded_at IS NOT NULL AND consent_recorded_by IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX mandate_versions_by_holder ON mandate_versions (society_id, rights_holder_id, mandate_id, version)`);
    await q.query(`
      CREATE TABLE mandate_policies (
        society_id          uuid NOT NULL REFERENCES societies (id),
        version             integer NOT NULL CHECK (version >= 1),
        notice_months       smallint NOT NULL CHECK (notice_months BETWEEN 0 AND 6),
        terminate_at_fy_end boolean NOT NULL,
        recorded_at         timestamptz NOT NULL,
        recorded_by         text NOT NULL,
        PRIMARY KEY (society_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mandate_policies`);
    await q.query(`DROP INDEX mandate_versions_by_holder`);
    await q.query(`DROP TABLE mandate_versions`);
    await q.query(`DROP INDEX mandates_by_external_id`);
    await q.query(`DROP INDEX mandates_by_holder`);
    await q.query(`DROP TABLE mandates`);
  }
}
