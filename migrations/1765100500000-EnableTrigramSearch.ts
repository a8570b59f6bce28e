import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The extensions search needs (issue 17, docs/search.md): pg_trgm (trigram similarity,
 * `%`, `<%`, and GIN indexes that serve them and LIKE) and btree_gin (so that a GIN index
 * can lead with society_id, as every index of a society's data does). Both ship with
 * PostgreSQL's contrib, in the embedded PostgreSQL 18 and in distribution packages of 15,
 * and are trusted extensions (PostgreSQL 13 and later): the database's owner may create
 * them without being a superuser.
 */
export class EnableTrigramSearch1765100500000 implements MigrationInterface {
  name = 'EnableTrigramSearch1765100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS btree_gin`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
