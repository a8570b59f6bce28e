import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Computed answers of per-head reads (statements, entitlements, the regulator overview,
 * checkpoints, the public society list), shared by every API process when answers are
 * kept in PostgreSQL (docs/answer-cache.md). One row per question: `base` is the SHA-256
 * of the route, its parameters, the caller's scope, the day and the build; `fingerprint`
 * the SHA-256 of the signed heads and input change counts the answer was computed from;
 * `headers` what describes the bytes (content-type, content-disposition, …).
 * A lookup matches both, so a new head misses and its answer replaces the old one.
 *
 * Not keyed by society: an answer may span societies (a rights holder's statement, the
 * overview), it is derived and disposable, and its key names the caller's scope. UNLOGGED:
 * nothing in it needs to survive a crash (PostgreSQL empties it after one).
 */
export class CreateAnswerCache1765100100000 implements MigrationInterface {
  name = 'CreateAnswerCache1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE answer_cache (
        base         bytea NOT NULL CHECK (octet_length(base) = 32),
        fingerprint  bytea NOT NULL CHECK (octet_length(fingerprint) = 32),
        headers      jsonb NOT NULL CHECK (jsonb_typeof(headers) = 'object'),
        body         bytea NOT NULL,
        stored_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT answer_cache_pkey PRIMARY KEY (base)
      )`);
    await q.query(`CREATE INDEX answer_cache_by_age ON answer_cache (stored_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE answer_cache`);
  }
}
