import type { MigrationInterface, QueryRunner } from 'typeorm';

const HISTORY = ['work_versions', 'work_shares', 'work_titles', 'work_recordings', 'work_conflicts'];

/**
 * The works register (issue 16 item 1, CONTRACT.md "Industry formats and works"): the
 * works publishers register with a society in CWR files, per society.
 *
 * - `works`: one row per work the society knows, its identity (ISWC when known, else the
 *   first submitter's work number; `number` is the society's own work number, 1, 2, … per
 *   society, sent back in the ACK) and a summary of its current registration (title,
 *   ISWC, version, whether registrations of it are in conflict). The summary follows the
 *   versions; a work is never deleted.
 * - `work_versions`: every registration of a work, append-only: the CWR transaction
 *   (NWR, REV, ISW, EXC) as read (`registration`: libs/cwr's works view, FR defaults in,
 *   RR records out), the package and line it came from, who sent it and the CISAC
 *   status the society's ACK gave it.
 * - `work_shares`: each version's shares in a queryable form, one row per party, right
 *   (PR, MR, SR) and kind: `ownership` (SPU/OPU, SWR/OWR: the share of the work the
 *   party owns, with its society) and `collection` (SPT/OPT, SWT/OWT: the share collected
 *   in a CISAC TIS territory, included or excluded). Shares are exact (numeric, 999v99).
 * - `work_titles`: the work's title (type OT) and its alternative titles (ALT) per version,
 *   with their search key; `work_recordings`: the REC records (ISRC, titles, label).
 * - `work_conflicts`: conflicts found between registrations of one work, each with the
 *   version that raised it, the versions it conflicts with, why, and the evidence.
 *
 * Everything but the `works` summary is append-only (UPDATE, DELETE, TRUNCATE refused);
 * `works` refuses DELETE and TRUNCATE. society_id leads every key and index.
 */
export class CreateWorksRegister1765101200000 implements MigrationInterface {
  name = 'CreateWorksRegister1765101200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE works (
        society_id            uuid NOT NULL REFERENCES societies (id),
        id                    uuid NOT NULL DEFAULT gen_random_uuid(),
        number                bigint NOT NULL CHECK (number >= 1),
        iswc                  char(11) CHECK (iswc ~ '^T[0-9]{10}$'),
        submitter             text NOT NULL CHECK (length(submitter) BETWEEN 1 AND 20),
        submitter_work_number text NOT NULL CHECK (length(submitter_work_number) BETWEEN 1 AND 14),
        title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
        search_key            text GENERATED ALWAYS AS (ledger_search_key(title)) STORED,
        current_version       integer NOT NULL CHECK (current_version >= 1),
        in_conflict           boolean NOT NULL DEFAULT false,
        submission_id         uuid NOT NULL,
        created_at            timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`COMMENT ON TABLE works IS 'The works register: one row per work of a society, with a summary of its current registration (versions in work_versions)'`);
    await q.query(`COMMENT ON COLUMN works.submitter IS 'Who first registered the work: the CWR sender''s 11-digit IPI name number, else its sender ID'`);
    await q.query(`COMMENT ON COLUMN works.submission_id IS 'The CWR package the work was first registered from'`);
    await q.query(`COMMENT ON COLUMN works.number IS 'The society''s work number, sent back as the ACK''s Recipient Creation #'`);
    await q.query(`CREATE UNIQUE INDEX works_by_number ON works (society_id, number)`);
    await q.query(`CREATE UNIQUE INDEX works_by_iswc ON works (society_id, iswc) WHERE iswc IS NOT NULL`);
    await q.query(`CREATE INDEX works_by_submitter_number ON works (society_id, submitter, submitter_work_number)`);
    await q.query(`CREATE INDEX works_search ON works USING gin (society_id, search_key gin_trgm_ops, to_tsvector('simple', search_key))`);

    await q.query(`
      CREATE TABLE work_versions (
        society_id            uuid NOT NULL,
        work_id               uuid NOT NULL,
        version               integer NOT NULL CHECK (version >= 1),
        transaction_type      char(3) NOT NULL CHECK (transaction_type IN ('NWR', 'REV', 'ISW', 'EXC')),
        submission_id         uuid NOT NULL,
        line                  integer NOT NULL CHECK (line >= 1),
        last_line             integer NOT NULL CHECK (last_line >= line),
        group_id              integer,
        transaction_sequence  integer NOT NULL CHECK (transaction_sequence >= 0),
        submitter             text NOT NULL CHECK (length(submitter) BETWEEN 1 AND 20),
        submitter_work_number text NOT NULL CHECK (length(submitter_work_number) BETWEEN 1 AND 14),
        iswc                  char(11) CHECK (iswc ~ '^T[0-9]{10}$'),
        title                 text NOT NULL,
        status                char(2) NOT NULL CHECK (status ~ '^[A-Z]{2}$'),
        registration          jsonb NOT NULL,
        recorded_at           timestamptz NOT NULL,
        PRIMARY KEY (society_id, work_id, version),
        FOREIGN KEY (society_id, work_id) REFERENCES works (society_id, id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`COMMENT ON TABLE work_versions IS 'Every registration of a work (a CWR NWR/REV/ISW/EXC transaction), append-only, with the package and line it came from and the ACK status it got'`);
    await q.query(`CREATE UNIQUE INDEX work_versions_by_line ON work_versions (society_id, submission_id, line)`);
    await q.query(`CREATE INDEX work_versions_by_submitter_number ON work_versions (society_id, submitter, submitter_work_number)`);
    await q.query(`CREATE INDEX work_versions_by_iswc ON work_versions (society_id, iswc) WHERE iswc IS NOT NULL`);

    await q.query(`
      CREATE TABLE work_shares (
        society_id      uuid NOT NULL,
        work_id         uuid NOT NULL,
        version         integer NOT NULL,
        seq             integer NOT NULL CHECK (seq >= 1),
        party_no        integer NOT NULL CHECK (party_no >= 1),
        party_kind      text NOT NULL CHECK (party_kind IN ('writer', 'publisher')),
        record_type     char(3) NOT NULL CHECK (record_type IN ('SPU', 'OPU', 'SWR', 'OWR')),
        controlled      boolean NOT NULL,
        ip_number       text NOT NULL,
        ipi_name_number char(11) CHECK (ipi_name_number ~ '^[0-9]{11}$'),
        ipi_base_number text,
        name            text NOT NULL,
        role            text NOT NULL,
        chain           integer,
        kind            text NOT NULL CHECK (kind IN ('ownership', 'collection')),
        "right"         char(2) NOT NULL CHECK ("right" IN ('PR', 'MR', 'SR')),
        society_code    char(3),
        tis             char(4) CHECK (tis ~ '^[0-9]{4}$'),
        include         boolean,
        share           numeric(5, 2) NOT NULL CHECK (share >= 0),
        line            integer NOT NULL,
        PRIMARY KEY (society_id, work_id, version, seq),
        FOREIGN KEY (society_id, work_id, version) REFERENCES work_versions (society_id, work_id, version),
        CHECK ((kind = 'ownership') = (tis IS NULL) AND (tis IS NULL) = (include IS NULL)),
        CHECK (kind = 'ownership' OR society_code IS NULL)
      )`);
    await q.query(`COMMENT ON TABLE work_shares IS 'Each registration''s shares per party and right: ownership (SPU/OPU/SWR/OWR) and collection per CISAC TIS territory (SPT/OPT/SWT/OWT), exact percentages'`);
    await q.query(`CREATE INDEX work_shares_by_ipi ON work_shares (society_id, ipi_name_number) WHERE ipi_name_number IS NOT NULL`);

    await q.query(`
      CREATE TABLE work_titles (
        society_id uuid NOT NULL,
        work_id    uuid NOT NULL,
        version    integer NOT NULL,
        seq        integer NOT NULL CHECK (seq >= 1),
        title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
        title_type char(2) NOT NULL,
        language   char(2),
        search_key text GENERATED ALWAYS AS (ledger_search_key(title)) STORED,
        PRIMARY KEY (society_id, work_id, version, seq),
        FOREIGN KEY (society_id, work_id, version) REFERENCES work_versions (society_id, work_id, version)
      )`);
    await q.query(`COMMENT ON TABLE work_titles IS 'Each registration''s titles: the work''s own (type OT) and its alternative titles (ALT), with their search key'`);
    await q.query(`CREATE INDEX work_titles_search ON work_titles USING gin (society_id, search_key gin_trgm_ops, to_tsvector('simple', search_key))`);

    await q.query(`
      CREATE TABLE work_recordings (
        society_id      uuid NOT NULL,
        work_id         uuid NOT NULL,
        version         integer NOT NULL,
        seq             integer NOT NULL CHECK (seq >= 1),
        isrc            char(12) CHECK (isrc ~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$'),
        recording_title text,
        album_title     text,
        label           text,
        release_date    date,
        line            integer NOT NULL,
        PRIMARY KEY (society_id, work_id, version, seq),
        FOREIGN KEY (society_id, work_id, version) REFERENCES work_versions (society_id, work_id, version)
      )`);
    await q.query(`COMMENT ON TABLE work_recordings IS 'Each registration''s recordings (REC records): ISRC, titles, label, release date'`);
    await q.query(`CREATE INDEX work_recordings_by_isrc ON work_recordings (society_id, isrc) WHERE isrc IS NOT NULL`);

    await q.query(`
      CREATE TABLE work_conflicts (
        society_id     uuid NOT NULL,
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        work_id        uuid NOT NULL,
        version        integer NOT NULL,
        other_versions integer[] NOT NULL,
        reason         text NOT NULL CHECK (reason IN ('shares-over-100', 'writers-differ', 'iswc-taken')),
        "right"        char(2) CHECK ("right" IN ('PR', 'MR', 'SR')),
        tis            char(4) CHECK (tis ~ '^[0-9]{4}$'),
        total          numeric(7, 2),
        detail         jsonb NOT NULL,
        submission_id  uuid NOT NULL,
        detected_at    timestamptz NOT NULL,
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, work_id, version) REFERENCES work_versions (society_id, work_id, version),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`COMMENT ON TABLE work_conflicts IS 'Conflicts between registrations of one work: the version that raised it, the versions in conflict, the reason and its evidence'`);
    await q.query(`CREATE INDEX work_conflicts_by_work ON work_conflicts (society_id, work_id, version)`);

    await q.query(`
      CREATE FUNCTION refuse_works_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the works register is append-only: % on % is refused (register a new version instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    for (const table of HISTORY) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_works_history_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_works_history_change()`);
    }
    await q.query(`CREATE TRIGGER works_no_delete BEFORE DELETE ON works FOR EACH ROW EXECUTE FUNCTION refuse_works_history_change()`);
    await q.query(`CREATE TRIGGER works_no_truncate BEFORE TRUNCATE ON works FOR EACH STATEMENT EXECUTE FUNCTION refuse_works_history_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...HISTORY].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP TABLE works`);
    await q.query(`DROP FUNCTION refuse_works_history_change()`);
  }
}
