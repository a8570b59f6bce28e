import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board members' annual declarations (Directive 2014/26/EU Art. 10(2), second
 * subparagraph; Art. 9(3) for the supervisory function): one per member and financial
 * year, append-only. A second declaration for the same member and year is its next
 * version (never an update); the database refuses UPDATE, DELETE and TRUNCATE.
 */
export class CreateBoardDeclarations1765000600100 implements MigrationInterface {
  name = 'CreateBoardDeclarations1765000600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_declarations (
        society_id              uuid NOT NULL REFERENCES societies (id),
        id                      uuid NOT NULL DEFAULT gen_random_uuid(),
        member_id               text NOT NULL,
        year                    smallint NOT NULL CHECK (year BETWEEN 1900 AND 2999),
        version                 integer NOT NULL CHECK (version >= 1),
        interests               text NOT NULL,
        remuneration            numeric(26,8) NOT NULL CHECK (remuneration >= 0),
        currency                char(3) NOT NULL,
        amounts_as_rightholder  numeric(26,8) NOT NULL CHECK (amounts_as_rightholder >= 0),
        conflicts               text NOT NULL,
        recorded_at             timestamptz NOT NULL DEFAULT now(),
        recorded_by             text NOT NULL,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, year, member_id, version)
      )`);
    await q.query(`
      CREATE FUNCTION refuse_board_declaration_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'board declarations are append-only: % on % is refused (record a new version instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await q.query(`CREATE TRIGGER board_declarations_append_only BEFORE UPDATE OR DELETE ON board_declarations FOR EACH ROW EXECUTE FUNCTION refuse_board_declaration_change()`);
    await q.query(`CREATE TRIGGER board_declarations_no_truncate BEFORE TRUNCATE ON board_declarations FOR EACH STATEMENT EXECUTE FUNCTION refuse_board_declaration_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER board_declarations_no_truncate ON board_declarations`);
    await q.query(`DROP TRIGGER board_declarations_append_only ON board_declarations`);
    await q.query(`DROP FUNCTION refuse_board_declaration_change()`);
    await q.query(`DROP TABLE board_declarations`);
  }
}
