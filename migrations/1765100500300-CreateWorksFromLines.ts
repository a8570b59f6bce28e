import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Works as the societies' distribution lines name them, for search (issue 17), until a
 * works register exists (issue 16): per society, one row per ISWC, or per title for
 * lines without one, with the title and its search key, and the committed package the
 * title was read from. Derived from committed lines (libs/search, WorksFromLines), never
 * declared: `works_from_lines_sources` lists the packages read, so each is read once.
 */
export class CreateWorksFromLines1765100500300 implements MigrationInterface {
  name = 'CreateWorksFromLines1765100500300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE works_from_lines (
        society_id    uuid NOT NULL REFERENCES societies (id),
        work_key      text NOT NULL,
        iswc          char(11),
        title         text NOT NULL,
        search_key    text NOT NULL,
        submission_id uuid NOT NULL,
        PRIMARY KEY (society_id, work_key),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id),
        CHECK (work_key = COALESCE(iswc, 'title:' || search_key))
      )`);
    await q.query(`COMMENT ON TABLE works_from_lines IS 'Works named by committed distribution lines (by ISWC, else by title), derived for search'`);
    await q.query(`CREATE INDEX works_from_lines_search ON works_from_lines USING gin (society_id, search_key gin_trgm_ops, to_tsvector('simple', search_key))`);
    await q.query(`CREATE INDEX works_from_lines_by_iswc ON works_from_lines (society_id, iswc)`);
    await q.query(`
      CREATE TABLE works_from_lines_sources (
        society_id    uuid NOT NULL,
        submission_id uuid NOT NULL,
        read_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, submission_id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE works_from_lines_sources`);
    await q.query(`DROP INDEX works_from_lines_by_iswc`);
    await q.query(`DROP INDEX works_from_lines_search`);
    await q.query(`DROP TABLE works_from_lines`);
  }
}
