import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_WIDE } from './1765100100100-CountAnswerInputChanges.js';

/**
 * The answer cache's fingerprint and lookup as functions whose plans never scan a whole
 * table (docs/answer-cache.md, "Plans that do not grow with the store").
 *
 * Before, the API sent the fingerprint and lookup as named prepared statements. A pooled
 * connection plans such a statement with the sizes of the tables when it first runs it,
 * and may keep that plan for as long as it lives. A connection opened while answer_cache
 * was nearly empty (a fresh deployment, after a crash, which empties an UNLOGGED table,
 * or a benchmark's warm-up) kept a sequential scan of answer_cache. Later, every kept
 * answer read the whole store: at 50,000 answers, 2.5 billion rows were read in one
 * bench:statements run. A kept statement then cost 12 /health requests instead of 1.5.
 * The same could happen to tree_heads, which grows by one row per package, if its plan
 * were made while a society had few heads.
 *
 * The functions plan their statements with sequential scans off (`SET enable_seqscan =
 * off`, for the function's own statements only). Each lookup then goes through its index
 * whatever the sizes at planning time: answer_cache by its key, tree_heads by (society_id,
 * tree_size) backwards, answer_cache_changes by its society_id prefix. PL/pgSQL keeps the
 * plans for the session, so the fingerprint's lateral joins are still planned once per
 * connection, as the prepared statements were.
 *
 * The fingerprint is the same text, digested the same way. For each society asked (all of
 * them when p_societies is NULL), in id order: its latest head's size, root, key id and
 * signature, and the sum of its counted changes. Before that, the whole ledger's changes.
 */
export class AnswerCacheLookupFunctions1765101400000 implements MigrationInterface {
  name = 'AnswerCacheLookupFunctions1765101400000';

  async up(q: QueryRunner): Promise<void> {
    const deps = (where: string) => `
        SELECT string_agg(s.id::text || ' ' || COALESCE(h.tree_size::text, '-') || ' ' || COALESCE(encode(h.root_hash, 'hex'), '-') || ' '
                          || COALESCE(h.key_id, '-') || ' ' || COALESCE(h.signature, '-') || ' ' || COALESCE(c.n, 0)::text, ';' ORDER BY s.id)
        INTO deps
        FROM societies s
        LEFT JOIN LATERAL (SELECT t.tree_size, t.root_hash, t.key_id, t.signature FROM tree_heads t WHERE t.society_id = s.id ORDER BY t.tree_size DESC LIMIT 1) h ON true
        LEFT JOIN LATERAL (SELECT sum(x.changes) AS n FROM answer_cache_changes x WHERE x.society_id = s.id) c ON true
        ${where};`;
    await q.query(`
      CREATE FUNCTION answer_cache_fingerprint(p_societies uuid[]) RETURNS bytea
      LANGUAGE plpgsql STABLE
      SET enable_seqscan = off
      AS $$
      DECLARE
        ledger numeric;
        deps text;
      BEGIN
        SELECT COALESCE(sum(x.changes), 0) INTO ledger FROM answer_cache_changes x WHERE x.society_id = '${LEDGER_WIDE}'::uuid;
        IF p_societies IS NULL THEN
          ${deps('')}
        ELSE
          ${deps('WHERE s.id = ANY (p_societies)')}
        END IF;
        RETURN sha256(convert_to('ledger ' || ledger::text || ';' || COALESCE(deps, ''), 'UTF8'));
      END
      $$`);
    await q.query(`
      CREATE FUNCTION answer_cache_lookup(p_societies uuid[], p_base bytea) RETURNS TABLE (fingerprint bytea, headers jsonb, body bytea)
      LANGUAGE plpgsql STABLE
      SET enable_seqscan = off
      AS $$
      DECLARE
        current bytea := answer_cache_fingerprint(p_societies);
      BEGIN
        RETURN QUERY SELECT current, c.headers, c.body FROM (SELECT 1) AS one LEFT JOIN answer_cache c ON c.base = p_base AND c.fingerprint = current;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION answer_cache_lookup(uuid[], bytea)`);
    await q.query(`DROP FUNCTION answer_cache_fingerprint(uuid[])`);
  }
}
