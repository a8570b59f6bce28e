import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AnswerDependencies, StoredAnswer } from './answer-key.js';

/**
 * The row of answer_cache_changes that counts changes of the whole ledger (every cached
 * answer depends on it). Migration 1765100100100 writes the same id in its triggers and
 * keeps its own copy, as a migration must not change when the lib does; answer-key.spec
 * checks that the two agree.
 */
export const LEDGER_WIDE = '00000000-0000-0000-0000-000000000000';

/**
 * The fingerprint of what answers depend on, from the societies asked (all, or those in
 * the array): per society its latest signed head (size, root, key id and signature: a head
 * re-signed behind the ledger's back must be served as it now is, so verify and the
 * served head agree) and the sum of its counted changes, plus the whole ledger's changes
 * (every fingerprint holds them). Societies are listed by id, so a new society changes the
 * fingerprint of every answer about all. Computed by the database functions of migration
 * 1765101400000 (`answer_cache_fingerprint`, and `answer_cache_lookup` with the answer in
 * the same statement), which plan with sequential scans off: a plan a pooled connection
 * made while answer_cache or tree_heads was nearly empty must not scan them whole once they
 * have grown (docs/answer-cache.md).
 */
const statements = {
  fingerprintAll: { name: 'answer_cache.fingerprint.all', text: `SELECT answer_cache_fingerprint(NULL) AS fingerprint` },
  fingerprintSome: { name: 'answer_cache.fingerprint.some', text: `SELECT answer_cache_fingerprint($1::uuid[]) AS fingerprint` },
  lookupAll: { name: 'answer_cache.lookup.all', text: `SELECT fingerprint, headers, body FROM answer_cache_lookup(NULL, $1)` },
  lookupSome: { name: 'answer_cache.lookup.some', text: `SELECT fingerprint, headers, body FROM answer_cache_lookup($1::uuid[], $2)` },
} as const;

/** What a lookup found: the current fingerprint, and the answer stored under it for the question, if any. */
export interface Lookup {
  fingerprint: Buffer;
  answer: StoredAnswer | null;
}

/**
 * Every SQL statement of the answer cache: the fingerprint (with, when answers are kept in
 * PostgreSQL, the lookup in the same statement: one round trip for a hit), storing,
 * trimming to a size, and compacting the change counts. Named prepared statements: the
 * fingerprint's lateral joins take longer to plan than to run.
 */
export class AnswersRepository {
  constructor(private readonly db: DataSource) {}

  /** The fingerprint alone (answers kept elsewhere). */
  async fingerprint(deps: AnswerDependencies): Promise<Buffer> {
    const rows = deps.societies === 'all' ? await this.run<{ fingerprint: Buffer }>(statements.fingerprintAll, []) : await this.run<{ fingerprint: Buffer }>(statements.fingerprintSome, [deps.societies]);
    return rows[0].fingerprint;
  }

  /** The fingerprint, and the answer to `base` stored under it. */
  async lookup(base: Buffer, deps: AnswerDependencies): Promise<Lookup> {
    type Row = { fingerprint: Buffer; headers: Record<string, string> | null; body: Buffer | null };
    const rows = deps.societies === 'all' ? await this.run<Row>(statements.lookupAll, [base]) : await this.run<Row>(statements.lookupSome, [deps.societies, base]);
    const r = rows[0];
    if (!r.body || !r.headers) return { fingerprint: r.fingerprint, answer: null };
    return { fingerprint: r.fingerprint, answer: { headers: r.headers, body: r.body } };
  }

  /** Stores the answer to `base` computed under `fingerprint`, replacing the one of an older head. */
  async store(base: Buffer, fingerprint: Buffer, answer: StoredAnswer): Promise<void> {
    await this.db.query(
      `INSERT INTO answer_cache (base, fingerprint, headers, body) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (base) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, headers = EXCLUDED.headers, body = EXCLUDED.body, stored_at = now()`,
      [base, fingerprint, JSON.stringify(answer.headers), answer.body],
    );
  }

  /** Keeps the `max` most recently stored answers; returns how many went. */
  async trim(max: number): Promise<number> {
    const result = (await this.db.query(
      `DELETE FROM answer_cache WHERE base IN (
         SELECT base FROM answer_cache ORDER BY stored_at, base LIMIT GREATEST((SELECT count(*) FROM answer_cache) - $1, 0))`,
      [max],
    )) as [unknown[], number];
    return result[1] ?? 0;
  }

  /**
   * Folds each society's change rows into one with their sum (one statement: a reader sees
   * the rows before or after, the same sum). Rows appended meanwhile are not seen, so kept.
   */
  async compactChanges(): Promise<void> {
    await this.db.query(
      `WITH gone AS (
         DELETE FROM answer_cache_changes WHERE society_id IN (SELECT society_id FROM answer_cache_changes GROUP BY society_id HAVING count(*) > 1)
         RETURNING society_id, changes)
       INSERT INTO answer_cache_changes (society_id, changes) SELECT society_id, sum(changes) FROM gone GROUP BY society_id`,
    );
  }

  private async run<T>(statement: { name: string; text: string }, values: unknown[]): Promise<T[]> {
    // The driver's pool itself when there is one (TypeORM's PostgresDriver.master): a hit's
    // one statement without a QueryRunner around it.
    const pool = (this.db.driver as unknown as { master?: pg.Pool }).master;
    const config: pg.QueryConfig = { ...statement, values };
    if (pool && typeof pool.query === 'function') return (await pool.query(config)).rows as T[];
    const runner = this.db.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      return (await client.query(config)).rows as T[];
    } finally {
      await runner.release();
    }
  }
}
