import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { submissionLeafData } from '../../merkle/src/index.js';
import { LogRepository } from './log.repository.js';
import { TILE_WIDTH, completeSubtreeRoot, entryBundle, tileExists, type TileRef } from './tiles.js';

/** Tiles' hashes computed in one statement at most this many at a time (each reads 256 hashes below). */
const FILL_BATCH = 64;

/**
 * A society's log as C2SP tlog-tiles, read from the stored tree: level-0 tiles are the
 * stored leaf hashes (log_leaves); the hashes of higher levels (the roots of complete
 * subtrees of 256^L leaves) are computed once from the level below, stored in
 * log_tile_hashes (they never change) and read from there afterwards. A request reads
 * at most the hashes of its tile, plus, the first time a subtree is complete, the 256
 * hashes below each new one: never all the leaves.
 */
@Injectable()
export class LogTilesService {
  constructor(
    private readonly db: DataSource,
    private readonly log: LogRepository,
  ) {}

  /** The log's size as of its latest signed head (what tiles may cover). */
  async signedSize(societyId: string): Promise<number> {
    return (await this.log.head(societyId))?.treeSize ?? 0;
  }

  /** The tile's bytes (hashes concatenated, or an entry bundle), or undefined when the log has no such tile. */
  async tile(societyId: string, ref: TileRef, size?: number): Promise<Buffer | undefined> {
    size ??= await this.signedSize(societyId);
    if (!tileExists(size, ref)) return undefined;
    const width = ref.width ?? TILE_WIDTH;
    const start = ref.index * TILE_WIDTH;
    if (ref.level === 'entries') return entryBundle(await this.entries(societyId, start, width));
    return Buffer.concat(await this.hashes(societyId, ref.level, start, width));
  }

  /** The hashes at tile level `level` (subtrees of 256^level leaves) numbered start … start+count-1. */
  async hashes(societyId: string, level: number, start: number, count: number): Promise<Buffer[]> {
    if (level === 0) {
      const rows: { h: Buffer }[] = await this.db.query(
        `SELECT leaf_hash AS h FROM log_leaves WHERE society_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index`,
        [societyId, start, start + count],
      );
      return rows.map((r) => r.h);
    }
    await this.fill(societyId, level, start + count);
    const rows: { h: Buffer }[] = await this.db.query(
      `SELECT hash AS h FROM log_tile_hashes WHERE society_id = $1 AND tile_level = $2 AND hash_index >= $3 AND hash_index < $4 ORDER BY hash_index`,
      [societyId, level, start, start + count],
    );
    return rows.map((r) => r.h);
  }

  /** The leaves' data (each submission's 32-byte root) of leaves start … start+count-1. */
  async entries(societyId: string, start: number, count: number): Promise<Buffer[]> {
    const rows: { root: Buffer }[] = await this.db.query(
      `SELECT s.root FROM log_leaves l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
       WHERE l.society_id = $1 AND l.leaf_index >= $2 AND l.leaf_index < $3 ORDER BY l.leaf_index`,
      [societyId, start, start + count],
    );
    return rows.map((r) => submissionLeafData(r.root));
  }

  /**
   * Stores the level's hashes up to index `upTo` (exclusive) that are not stored yet,
   * each from the 256 hashes below it. They are stored as a prefix, in order, so the
   * next one to compute is always the one after the highest stored (concurrent fills
   * compute the same bytes; the second insert does nothing).
   */
  private async fill(societyId: string, level: number, upTo: number): Promise<void> {
    const [{ next }]: { next: string }[] = await this.db.query(
      `SELECT coalesce(max(hash_index) + 1, 0) AS next FROM log_tile_hashes WHERE society_id = $1 AND tile_level = $2`,
      [societyId, level],
    );
    for (let from = Number(next); from < upTo; from += FILL_BATCH) {
      const to = Math.min(upTo, from + FILL_BATCH);
      const below = await this.hashes(societyId, level - 1, from * TILE_WIDTH, (to - from) * TILE_WIDTH);
      if (below.length !== (to - from) * TILE_WIDTH) {
        throw new Error(`the log of society ${societyId} lacks hashes at tile level ${level - 1} below ${to * TILE_WIDTH}`);
      }
      const roots: Buffer[] = [];
      for (let i = 0; i < to - from; i++) roots.push(completeSubtreeRoot(below.slice(i * TILE_WIDTH, (i + 1) * TILE_WIDTH)));
      await this.db.query(
        `INSERT INTO log_tile_hashes (society_id, tile_level, hash_index, hash)
         SELECT $1, $2, $3::bigint + t.i - 1, t.h FROM unnest($4::bytea[]) WITH ORDINALITY AS t(h, i)
         ON CONFLICT DO NOTHING`,
        [societyId, level, from, roots],
      );
    }
  }
}
