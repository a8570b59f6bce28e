import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every problem of a rejected package that has more than the 1,000 its submission row
 * lists (`submissions.errors`; `error_count` is the total): `GET /v1/submissions/{id}/errors.csv`
 * streams them all (issue 17 item 3). Written once, when the package is rejected; `seq`
 * is the problem's place in the order the API lists problems (line, then column, then
 * the check). Keyed by society first (the distribution column), like every table of a
 * society's data; append-only like the submission it belongs to.
 */
export class CreateSubmissionProblems1765100800100 implements MigrationInterface {
  name = 'CreateSubmissionProblems1765100800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE submission_problems (
        society_id    uuid NOT NULL,
        submission_id uuid NOT NULL,
        seq           bigint NOT NULL,
        line          integer,
        "column"      text,
        message       text NOT NULL,
        PRIMARY KEY (society_id, submission_id, seq),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`CREATE TRIGGER submission_problems_append_only BEFORE UPDATE OR DELETE ON submission_problems FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER submission_problems_no_truncate BEFORE TRUNCATE ON submission_problems FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE submission_problems`);
  }
}
