import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Works as the societies' committed distribution lines name them (works_from_lines), the
 * works search reads until a works register exists (issue 16; the register then becomes
 * another source of work hits beside this one, or replaces it).
 *
 * Each committed distribution-lines package is read once, after it committed: its lines
 * grouped by ISWC (the title of the ISWC: the package's first in sort order) and, for lines
 * without one, by title, each new group's search key computed once; the package is then
 * listed in works_from_lines_sources. A later package's other title for the same work
 * replaces the earlier one, and the work then points at that package. The ingest is not slowed: reading happens when works are next searched
 * (bringUpToDate), under one lock, so two searches never read a package twice and a
 * search sees every package committed before it began.
 */
@Injectable()
export class WorksFromLines {
  private readonly logger = new Logger('WorksFromLines');

  constructor(private readonly db: DataSource) {}

  /** Reads every committed package not read yet (in commit order). Returns how many it read. */
  async bringUpToDate(): Promise<number> {
    const waiting: unknown[] = await this.db.query(PENDING_SQL);
    if (waiting.length === 0) return 0;
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('works_from_lines'))`);
      const pending: { societyId: string; id: string }[] = await m.query(PENDING_SQL);
      for (const s of pending) {
        const started = Date.now();
        await m.query(READ_PACKAGE_SQL, [s.societyId, s.id]);
        await m.query(`INSERT INTO works_from_lines_sources (society_id, submission_id) VALUES ($1, $2)`, [s.societyId, s.id]);
        this.logger.debug(`read the works of ${s.id} in ${Date.now() - started} ms`);
      }
      return pending.length;
    });
  }
}

/** Committed (or since superseded) distribution-lines packages whose works were not read, oldest commit first. */
const PENDING_SQL = `
  SELECT s.society_id AS "societyId", s.id FROM submissions s
  WHERE s.type = 'distribution-lines' AND s.status IN ('committed', 'superseded')
    AND NOT EXISTS (SELECT 1 FROM works_from_lines_sources r WHERE r.society_id = s.society_id AND r.submission_id = s.id)
  ORDER BY s.finished_at, s.log_index, s.id`;

/**
 * One package's works: one hash aggregate over its lines; the groups already known with
 * the same title are left out (most of them, for a society's second package on), and the
 * key computed for the others only. Works without an ISWC whose titles give one key are
 * one work (DISTINCT ON), so the upsert never meets a row twice. A work whose title
 * changed takes the new title and this package as where it comes from.
 */
const READ_PACKAGE_SQL = `
  WITH groups AS (
    SELECT work_iswc AS iswc, min(work_title) AS title
    FROM distribution_lines WHERE society_id = $1::uuid AND submission_id = $2::uuid
    GROUP BY work_iswc, CASE WHEN work_iswc IS NULL THEN work_title END),
  changed AS (
    SELECT g.iswc, g.title, ledger_search_key(g.title) AS key FROM groups g
    WHERE NOT EXISTS (SELECT 1 FROM works_from_lines w
                      WHERE w.society_id = $1::uuid AND w.title = g.title AND (w.iswc = g.iswc OR (w.iswc IS NULL AND g.iswc IS NULL))))
  INSERT INTO works_from_lines (society_id, work_key, iswc, title, search_key, submission_id)
  SELECT DISTINCT ON (work_key) $1::uuid, work_key, iswc, title, key, $2::uuid
  FROM (SELECT iswc, title, key, COALESCE(iswc, 'title:' || key) AS work_key FROM changed WHERE iswc IS NOT NULL OR key <> '') w
  ORDER BY work_key, title
  ON CONFLICT (society_id, work_key) DO UPDATE
    SET iswc = EXCLUDED.iswc, title = EXCLUDED.title, search_key = EXCLUDED.search_key, submission_id = EXCLUDED.submission_id
    WHERE works_from_lines.title IS DISTINCT FROM EXCLUDED.title`;
