import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchQuery } from '../../search/src/index.js';

/** Whose works a read sees: all (admin, regulator), one society's, or those naming one IPI as a party. */
export type WorksScope = { all: true; societyId?: string } | { societyId: string } | { ipi: string };

export interface WorkSummaryRow {
  id: string;
  societyId: string;
  number: string;
  iswc: string | null;
  title: string;
  submitter: string;
  submitterWorkNumber: string;
  currentVersion: number;
  inConflict: boolean;
  submissionId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorksFilter {
  iswc: string | null;
  ipi: string | null;
  q: SearchQuery | null;
  /** The last (title, id) of the previous page. */
  after: { title: string; id: string } | null;
  limit: number;
}

const SUMMARY = `w.id, w.society_id AS "societyId", w.number::text AS number, w.iswc, w.title, w.submitter, w.submitter_work_number AS "submitterWorkNumber",
  w.current_version AS "currentVersion", w.in_conflict AS "inConflict", w.submission_id AS "submissionId", w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

/** The current registration of each submitter of a work: its latest version. */
const CURRENT_VERSIONS = `SELECT DISTINCT ON (v.submitter) v.version FROM work_versions v WHERE v.society_id = w.society_id AND v.work_id = w.id ORDER BY v.submitter, v.version DESC`;

/** The SQL of the works register's reads (the register is written by register.ts). */
@Injectable()
export class WorksRepository {
  constructor(private readonly db: DataSource) {}

  async list(scope: WorksScope, f: WorksFilter): Promise<WorkSummaryRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if ('ipi' in scope) {
      where.push(`EXISTS (SELECT 1 FROM work_shares s WHERE s.society_id = w.society_id AND s.work_id = w.id AND s.ipi_name_number = ${p(scope.ipi)} AND s.version IN (${CURRENT_VERSIONS}))`);
    } else if (scope.societyId) {
      where.push(`w.society_id = ${p(scope.societyId)}`);
    }
    if (f.iswc) where.push(`w.iswc = ${p(f.iswc)}`);
    if (f.ipi) {
      where.push(`EXISTS (SELECT 1 FROM work_shares s WHERE s.society_id = w.society_id AND s.work_id = w.id AND s.ipi_name_number = ${p(f.ipi)} AND s.version IN (${CURRENT_VERSIONS}))`);
    }
    if (f.q) {
      const key = p(f.q.key === '' ? null : f.q.key);
      const prefix = p(f.q.prefixQuery);
      const trigrams = p(f.q.trigrams);
      const like = p(f.q.likePattern);
      where.push(`EXISTS (SELECT 1 FROM work_titles t WHERE t.society_id = w.society_id AND t.work_id = w.id
        AND (t.search_key = ${key} OR (${trigrams} AND (${key} <% t.search_key OR t.search_key LIKE ${like}))
             OR to_tsvector('simple', t.search_key) @@ to_tsquery('simple', ${prefix})))`);
    }
    if (f.after) where.push(`(w.title, w.id) > (${p(f.after.title)}, ${p(f.after.id)}::uuid)`);
    return this.db.query(
      `SELECT ${SUMMARY} FROM works w ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY w.title, w.id LIMIT ${p(f.limit + 1)}`,
      params,
    );
  }

  /** One work, if the scope sees it. */
  async find(scope: WorksScope, id: string): Promise<WorkSummaryRow | null> {
    const params: unknown[] = [id];
    let where = `w.id = $1`;
    if ('ipi' in scope) {
      params.push(scope.ipi);
      where += ` AND EXISTS (SELECT 1 FROM work_shares s WHERE s.society_id = w.society_id AND s.work_id = w.id AND s.ipi_name_number = $2 AND s.version IN (${CURRENT_VERSIONS}))`;
    } else if (scope.societyId) {
      params.push(scope.societyId);
      where += ` AND w.society_id = $2`;
    }
    const rows: WorkSummaryRow[] = await this.db.query(`SELECT ${SUMMARY} FROM works w WHERE ${where}`, params);
    return rows[0] ?? null;
  }

  async currentVersions(societyId: string, workId: string): Promise<number[]> {
    const rows: { version: number }[] = await this.db.query(
      `SELECT DISTINCT ON (submitter) version FROM work_versions WHERE society_id = $1 AND work_id = $2 ORDER BY submitter, version DESC`,
      [societyId, workId],
    );
    return rows.map((r) => r.version).sort((a, b) => a - b);
  }

  versions(societyId: string, workId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT version, transaction_type AS "transactionType", status, submission_id AS "submissionId", line, last_line AS "lastLine", group_id AS "groupId",
              transaction_sequence AS "transactionSequence", submitter, submitter_work_number AS "submitterWorkNumber", iswc, title, recorded_at AS "recordedAt"
         FROM work_versions WHERE society_id = $1 AND work_id = $2 ORDER BY version DESC`,
      [societyId, workId],
    );
  }

  titles(societyId: string, workId: string, version: number): Promise<{ title: string; titleType: string; language: string | null }[]> {
    return this.db.query(
      `SELECT title, title_type AS "titleType", language FROM work_titles WHERE society_id = $1 AND work_id = $2 AND version = $3 ORDER BY seq`,
      [societyId, workId, version],
    );
  }

  recordings(societyId: string, workId: string, version: number): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT isrc, recording_title AS "recordingTitle", album_title AS "albumTitle", label, to_char(release_date, 'YYYY-MM-DD') AS "releaseDate"
         FROM work_recordings WHERE society_id = $1 AND work_id = $2 AND version = $3 ORDER BY seq`,
      [societyId, workId, version],
    );
  }

  shares(societyId: string, workId: string, version: number): Promise<ShareRowOut[]> {
    return this.db.query(
      `SELECT party_no AS "partyNo", party_kind AS "kind", record_type AS "recordType", controlled, ip_number AS "ipNumber", ipi_name_number AS "ipiNameNumber",
              ipi_base_number AS "ipiBaseNumber", name, role, chain, kind AS "shareKind", "right", society_code AS "societyCode", tis, include, share::text AS share
         FROM work_shares WHERE society_id = $1 AND work_id = $2 AND version = $3 ORDER BY seq`,
      [societyId, workId, version],
    );
  }

  conflicts(societyId: string, workId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT id, version, other_versions AS "otherVersions", reason, "right", tis, total::text AS total, detail, submission_id AS "submissionId", detected_at AS "detectedAt"
         FROM work_conflicts WHERE society_id = $1 AND work_id = $2 ORDER BY version DESC, detected_at DESC, id`,
      [societyId, workId],
    );
  }

  async holderIpi(rightsHolderId: string): Promise<string | null> {
    const rows: { ipi: string | null }[] = await this.db.query(`SELECT ipi FROM rights_holders WHERE id = $1`, [rightsHolderId]);
    return rows[0]?.ipi ?? null;
  }
}

export interface ShareRowOut {
  partyNo: number;
  kind: 'writer' | 'publisher';
  recordType: string;
  controlled: boolean;
  ipNumber: string;
  ipiNameNumber: string | null;
  ipiBaseNumber: string | null;
  name: string;
  role: string;
  chain: number | null;
  shareKind: 'ownership' | 'collection';
  right: 'PR' | 'MR' | 'SR';
  societyCode: string | null;
  tis: string | null;
  include: boolean | null;
  share: string;
}
