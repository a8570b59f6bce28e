import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The society logs' tile hashes above level 0 (c2sp.org/tlog-tiles): hash_index i at
 * tile_level L is the Merkle Tree Hash of leaves i·256^L … (i+1)·256^L − 1, a complete
 * subtree, so it never changes. Computed once from the level below (level 0: log_leaves)
 * and kept; append-only like the log itself.
 */
export class CreateLogTileHashes1765000700000 implements MigrationInterface {
  name = 'CreateLogTileHashes1765000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE log_tile_hashes (
        society_id uuid NOT NULL REFERENCES societies (id),
        tile_level smallint NOT NULL CHECK (tile_level BETWEEN 1 AND 63),
        hash_index bigint NOT NULL CHECK (hash_index >= 0),
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (society_id, tile_level, hash_index)
      )`);
    await q.query(`CREATE TRIGGER log_tile_hashes_append_only BEFORE UPDATE OR DELETE ON log_tile_hashes FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER log_tile_hashes_no_truncate BEFORE TRUNCATE ON log_tile_hashes FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER log_tile_hashes_no_truncate ON log_tile_hashes`);
    await q.query(`DROP TRIGGER log_tile_hashes_append_only ON log_tile_hashes`);
    await q.query(`DROP TABLE log_tile_hashes`);
  }
}
