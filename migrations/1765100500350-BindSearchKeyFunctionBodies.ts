import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchFoldExpression, searchKeyExpression } from './1765100500100-CreateSearchKeyFunction.js';

/**
 * The search key's functions with SQL-standard bodies (`RETURN …`, PostgreSQL 14 and
 * later): parsed once, when created, and bound to the functions they call, instead of
 * SQL text parsed each time it runs under the search_path of the moment. PostgreSQL 17
 * and later run CREATE INDEX, REINDEX, VACUUM and ANALYZE with a search_path of only
 * pg_catalog and pg_temp, so ledger_search_key's call of ledger_search_fold was not
 * found when an index on the key was built (migration 1765100500400 failed on the
 * embedded PostgreSQL 18: "function ledger_search_fold(text) does not exist"; the
 * distribution lines' partitions, whose indexes the ingest builds, would have too). Same
 * keys, same attributes; PostgreSQL still inlines both (EXPLAIN VERBOSE shows the body).
 * Placed before 1765100500400, so a database that stopped there takes this one first.
 */
export class BindSearchKeyFunctionBodies1765100500350 implements MigrationInterface {
  name = 'BindSearchKeyFunctionBodies1765100500350';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ledger_search_fold(k text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT RETURN ${searchFoldExpression()}`);
    await q.query(`CREATE OR REPLACE FUNCTION ledger_search_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN ${searchKeyExpression()}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ledger_search_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${searchKeyExpression()} $$`);
    await q.query(`CREATE OR REPLACE FUNCTION ledger_search_fold(k text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ${searchFoldExpression()} $$`);
  }
}
