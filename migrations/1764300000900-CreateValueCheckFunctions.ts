import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQL checks for the cell values of a submitted package, used by the set-based
 * validation of staged rows: a calendar date, and what is wrong with an amount.
 * Plain single-expression `LANGUAGE sql` functions, IMMUTABLE and PARALLEL SAFE,
 * so they are inlined into the validating query; they never raise.
 */
export class CreateValueCheckFunctions1764300000900 implements MigrationInterface {
  name = 'CreateValueCheckFunctions1764300000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_date_valid(v text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN v ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND substr(v, 1, 4) <> '0000' THEN
          substr(v, 9, 2)::int <= CASE substr(v, 6, 2)::int
            WHEN 2 THEN CASE WHEN (substr(v, 1, 4)::int % 4 = 0 AND substr(v, 1, 4)::int % 100 <> 0) OR substr(v, 1, 4)::int % 400 = 0 THEN 29 ELSE 28 END
            WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END
        ELSE false END
      $$`);
    await q.query(`
      CREATE FUNCTION ledger_amount_problem(v text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE
          WHEN v ~ '^[0-9]{1,18}([.][0-9]{1,8})?$' THEN NULL
          WHEN v = '' THEN 'is required'
          WHEN v ~ '^-[0-9]+([.][0-9]+)?$' THEN 'must not be negative (' || v || ')'
          WHEN v ~ '^[0-9]+[.][0-9]{9,}$' THEN 'has ' || length(split_part(v, '.', 2)) || ' fraction digits; at most 8 allowed'
          WHEN v ~ '^[0-9]{19,}([.][0-9]*)?$' THEN 'has ' || length(split_part(v, '.', 1)) || ' integer digits; at most 18 allowed'
          ELSE 'is not a decimal amount: "' || left(v, 40) || '" (digits, then optionally "." and up to 8 digits)'
        END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ledger_amount_problem(text)`);
    await q.query(`DROP FUNCTION ledger_date_valid(text)`);
  }
}
