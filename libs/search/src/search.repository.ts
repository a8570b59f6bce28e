import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchMatch, SearchQuery } from './search-query.js';

/**
 * Whose data a search reads: everything (admin, regulator), one society's (its holders
 * are those holding a mandate at it), or one rights holder's (itself, its lines and the
 * works on them).
 */
export type SearchScope = { all: true } | { societyId: string } | { rightsHolderId: string };

/** Scores: an identifier written out beats the name or title spelled exactly, which beats similarity (at most 1.25). */
export const IDENTIFIER_SCORE = 3;
export const EXACT_KEY_SCORE = 2;
/** Added to the trigram similarity when every word of the query begins a word of the text. */
export const PREFIX_BONUS = 0.25;

interface Scored {
  match: SearchMatch;
  score: number;
}
export interface HolderHit extends Scored {
  id: string;
  name: string;
  ipi: string | null;
  kind: string;
}
export interface SocietyHit extends Scored {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
}
export interface WorkHit extends Scored {
  workKey: string;
  iswc: string | null;
  title: string;
  societyId: string | null;
  societyName: string | null;
  submissionId: string | null;
  /** The work in the works register (GET /v1/works/{id}), when it is registered. */
  workId?: string | null;
}
export interface LineHit extends Scored {
  societyId: string;
  societyName: string;
  submissionId: string;
  period: string;
  submissionStatus: string;
  lineId: string;
  rightsHolderName: string;
  workTitle: string;
  iswc: string | null;
  status: string;
  /** The name and title written on the line. */
  label: string;
}

/*
 * Every query takes the text's parameters first:
 *   $1 the search key (null: no text to compare), $2 the prefix tsquery (null: none),
 *   $3 whether trigram operators apply (the key has three characters), $4 the LIKE pattern,
 * then its own. `text(key)` is the condition a search key meets: the key itself, word
 * similarity (`<%`: the query against the most similar run of words of the key, above
 * pg_trgm.word_similarity_threshold, 0.6 by default), the query as a substring, or every
 * word of the query beginning a word of the key (full text; not for unidentified lines,
 * whose index has trigrams only: `words` false), each served by the GIN index on that
 * key. Plain similarity (`%`, 0.3) is left out of the condition: against
 * many names sharing common trigrams ("…ova", "…maria") it lets thousands of rows
 * through for each to be checked; it ranks the rows found. `score(key)` ranks them.
 */
const TEXT_PARAMS = 4;
const text = (key: string, words = true) =>
  `(${key} = $1 OR ($3 AND ($1 <% ${key} OR ${key} LIKE $4))${words ? ` OR to_tsvector('simple', ${key}) @@ to_tsquery('simple', $2)` : ''})`;
const score = (key: string) =>
  `CASE WHEN ${key} = $1 THEN ${EXACT_KEY_SCORE}
        ELSE greatest(similarity(${key}, $1), word_similarity($1, ${key}))
             + CASE WHEN to_tsvector('simple', ${key}) @@ to_tsquery('simple', $2) THEN ${PREFIX_BONUS} ELSE 0 END END`;

/** Keeps the best-scored row of each id, best first, at most `limit`. */
const best = (id: string, limit: number) => `SELECT * FROM (SELECT DISTINCT ON (${id}) * FROM hits ORDER BY ${id}, score DESC) b ORDER BY score DESC, label, ${id} LIMIT ${limit}`;

/** The SQL of search (CONTRACT.md "Workflows"): one query per kind, each scoped. */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  private textParams(q: SearchQuery): unknown[] {
    return [q.key === '' ? null : q.key, q.prefixQuery, q.trigrams, q.likePattern];
  }

  async holders(q: SearchQuery, scope: SearchScope, limit: number): Promise<HolderHit[]> {
    const p = TEXT_PARAMS;
    const ids = 'rightsHolderId' in scope ? [scope.rightsHolderId] : null;
    const society = 'societyId' in scope ? scope.societyId : null;
    const inScope = `($${p + 3}::uuid[] IS NULL OR h.id = ANY($${p + 3}::uuid[]))
      AND ($${p + 4}::uuid IS NULL OR EXISTS (SELECT 1 FROM mandates m WHERE m.society_id = $${p + 4}::uuid AND m.rights_holder_id = h.id))`;
    const columns = `h.id, h.name, h.name AS label, h.ipi, h.kind`;
    return this.db.query(
      `WITH hits AS (
         SELECT ${columns}, CASE WHEN h.ipi = $${p + 1} THEN 'ipi' ELSE 'isni' END AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM rights_holders h WHERE (h.ipi = $${p + 1} OR h.isni = $${p + 2}) AND ${inScope}
         UNION ALL
         SELECT ${columns}, 'name', (${score('h.search_key')})::float8
         FROM rights_holders h WHERE ${text('h.search_key')} AND ${inScope})
       ${best('id', limit)}`,
      [...this.textParams(q), q.ipi, q.isni, ids, society],
    );
  }

  async societies(q: SearchQuery, scope: SearchScope, limit: number): Promise<SocietyHit[]> {
    const p = TEXT_PARAMS;
    // A society sees its own entry; rights holders choose among all societies (as GET /v1/societies).
    const ids = 'societyId' in scope ? [scope.societyId] : null;
    const columns = `s.id, s.name, s.name AS label, s.cisac_code AS "cisacCode", s.country`;
    return this.db.query(
      `WITH hits AS (
         SELECT ${columns}, 'cisac-code' AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM societies s WHERE s.cisac_code = $${p + 1} AND ($${p + 2}::uuid[] IS NULL OR s.id = ANY($${p + 2}::uuid[]))
         UNION ALL
         SELECT ${columns}, 'name', (${score('ledger_search_key(s.name)')})::float8
         FROM societies s WHERE ${text('ledger_search_key(s.name)')} AND ($${p + 2}::uuid[] IS NULL OR s.id = ANY($${p + 2}::uuid[])))
       ${best('id', limit)}`,
      [...this.textParams(q), q.cisacCode, ids],
    );
  }

  /** Works named by the lines of the societies in scope (works_from_lines, brought up to date by the caller). */
  async works(q: SearchQuery, societyId: string | null, limit: number): Promise<WorkHit[]> {
    const p = TEXT_PARAMS;
    const columns = `w.society_id AS "societyId", w.work_key AS "workKey", w.iswc, w.title, w.title AS label, w.submission_id AS "submissionId",
                     w.society_id::text || '/' || w.work_key AS uid`;
    // The works register (issue 16): the same key (ISWC, else `title:` and the title's search key), so a work both
    // registered and named by lines is one hit; found by any of its titles (alternative ones, earlier versions').
    const registered = `r.society_id AS "societyId", COALESCE(r.iswc, 'title:' || r.search_key) AS "workKey", r.iswc::text AS iswc, r.title, r.title AS label,
                        r.submission_id AS "submissionId", r.society_id::text || '/' || COALESCE(r.iswc, 'title:' || r.search_key) AS uid`;
    // The ISWC's index leads with society_id: every society in scope is named.
    const inScope = (alias: string) => `${alias}.society_id = ANY(CASE WHEN $${p + 2}::uuid IS NULL THEN ARRAY(SELECT id FROM societies) ELSE ARRAY[$${p + 2}::uuid] END)`;
    // The titles are matched through their GIN index first, then kept to the society: told
    // the society alone, the planner reads all of its works by (society_id, iswc) and
    // checks each title (its estimate of the text condition's rows is far too high).
    return this.db.query(
      `WITH titles AS MATERIALIZED (
         SELECT ${columns}, 'title' AS match, (${score('w.search_key')})::float8 AS score
         FROM works_from_lines w WHERE ${text('w.search_key')}
         UNION ALL
         SELECT ${registered}, 'title' AS match, (${score('t.search_key')})::float8 AS score
         FROM work_titles t JOIN works r ON r.society_id = t.society_id AND r.id = t.work_id WHERE ${text('t.search_key')}),
       hits AS (
         SELECT ${columns}, 'iswc' AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM works_from_lines w WHERE w.iswc = $${p + 1} AND ${inScope('w')}
         UNION ALL
         SELECT ${registered}, 'iswc' AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM works r WHERE r.iswc = $${p + 1} AND ${inScope('r')}
         UNION ALL
         SELECT * FROM titles WHERE $${p + 2}::uuid IS NULL OR "societyId" = $${p + 2}::uuid)
       SELECT b.*, s.name AS "societyName",
              (SELECT r.id FROM works r WHERE r.society_id = b."societyId" AND COALESCE(r.iswc, 'title:' || r.search_key) = b."workKey" ORDER BY r.number LIMIT 1) AS "workId"
         FROM (${best('uid', limit)}) b JOIN societies s ON s.id = b."societyId" ORDER BY b.score DESC, b.label, b.uid`,
      [...this.textParams(q), q.iswc, societyId],
    );
  }

  async worksOfHolder(q: SearchQuery, rightsHolderId: string, limit: number): Promise<WorkHit[]> {
    const p = TEXT_PARAMS;
    return this.db.query(
      `WITH mine AS (
         SELECT DISTINCT l.work_iswc AS iswc, l.work_title AS title
         FROM societies s JOIN distribution_lines l ON l.society_id = s.id AND l.rights_holder_id = $${p + 2}::uuid),
       keyed AS (SELECT iswc, title, ledger_search_key(title) AS key FROM mine),
       hits AS (
         SELECT COALESCE(iswc, 'title:' || key) AS "workKey", iswc, title, title AS label,
                NULL::uuid AS "societyId", NULL::text AS "societyName", NULL::uuid AS "submissionId",
                CASE WHEN iswc = $${p + 1} THEN 'iswc' ELSE 'title' END AS match,
                (CASE WHEN iswc = $${p + 1} THEN ${IDENTIFIER_SCORE} ELSE ${score('key')} END)::float8 AS score,
                COALESCE(iswc, 'title:' || key) AS uid
         FROM keyed WHERE iswc = $${p + 1} OR ${text('key')})
       ${best('uid', limit)}`,
      [...this.textParams(q), q.iswc, rightsHolderId],
    );
  }

  /**
   * Lines of committed (or since superseded) packages: by line id, in any package of the
   * societies in scope (each package's partition looked up by its own index), and
   * unidentified lines by the name written on them or by ISWC (the unidentified lines'
   * indexes).
   */
  async lines(q: SearchQuery, societyId: string | null, limit: number): Promise<LineHit[]> {
    const p = TEXT_PARAMS;
    const columns = `l.society_id AS "societyId", s.name AS "societyName", l.submission_id AS "submissionId", sub.period, sub.status AS "submissionStatus",
                     l.line_id AS "lineId", l.rights_holder_name AS "rightsHolderName", l.work_title AS "workTitle", l.work_iswc AS iswc, l.status,
                     l.rights_holder_name || ' — ' || l.work_title AS label, l.submission_id::text || '/' || l.line_id AS uid`;
    const packages = `sub.type = 'distribution-lines' AND sub.status IN ('committed', 'superseded') AND ($${p + 3}::uuid IS NULL OR sub.society_id = $${p + 3}::uuid)`;
    return this.db.query(
      `WITH hits AS (
         SELECT ${columns}, 'line-id' AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM submissions sub JOIN societies s ON s.id = sub.society_id
         CROSS JOIN LATERAL (SELECT * FROM distribution_lines l WHERE l.society_id = sub.society_id AND l.submission_id = sub.id AND l.line_id = $${p + 1}) l
         WHERE $${p + 1}::text IS NOT NULL AND ${packages}
         UNION ALL
         SELECT ${columns}, 'iswc', ${IDENTIFIER_SCORE}::float8
         FROM distribution_lines l JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id JOIN societies s ON s.id = l.society_id
         WHERE l.status = 'unidentified' AND l.work_iswc = $${p + 2} AND ($${p + 3}::uuid IS NULL OR l.society_id = $${p + 3}::uuid) AND ${packages}
         UNION ALL
         SELECT ${columns}, 'name', (${score('ledger_search_key(l.rights_holder_name)')})::float8
         FROM distribution_lines l JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id JOIN societies s ON s.id = l.society_id
         WHERE l.status = 'unidentified' AND ${text('ledger_search_key(l.rights_holder_name)', false)} AND ($${p + 3}::uuid IS NULL OR l.society_id = $${p + 3}::uuid) AND ${packages})
       ${best('uid', limit)}`,
      [...this.textParams(q), q.lineId, q.iswc, societyId],
    );
  }

  /** One rights holder's own lines, by line id or by the work's ISWC (no text: the works on them are found by title). */
  async linesOfHolder(q: SearchQuery, rightsHolderId: string, limit: number): Promise<LineHit[]> {
    if (q.lineId === null && q.iswc === null) return [];
    return this.db.query(
      `WITH hits AS (
         SELECT l.society_id AS "societyId", s.name AS "societyName", l.submission_id AS "submissionId", sub.period, sub.status AS "submissionStatus",
                l.line_id AS "lineId", l.rights_holder_name AS "rightsHolderName", l.work_title AS "workTitle", l.work_iswc AS iswc, l.status,
                l.rights_holder_name || ' — ' || l.work_title AS label, l.submission_id::text || '/' || l.line_id AS uid,
                CASE WHEN l.line_id = $1 THEN 'line-id' ELSE 'iswc' END AS match, ${IDENTIFIER_SCORE}::float8 AS score
         FROM societies s JOIN distribution_lines l ON l.society_id = s.id AND l.rights_holder_id = $3::uuid
         JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id
         WHERE (l.line_id = $1 OR l.work_iswc = $2) AND sub.status IN ('committed', 'superseded'))
       ${best('uid', limit)}`,
      [q.lineId, q.iswc, rightsHolderId],
    );
  }
}
