import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { MandateTerms } from '../rules/terms.js';
import { territoryFields } from '../rules/territory-set.js';
import type { Mandate, MandateChange, StoredMandateStatus } from './mandate.js';

/** Anything that runs SQL: the DataSource, or a transaction's EntityManager. */
export type Sql = Pick<EntityManager, 'query'>;

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A version's status as the API shows it: a stored `active` whose period is over reads `ended`. */
const STATUS = `CASE WHEN l.status = 'active' AND l.valid_to IS NOT NULL AND (l.valid_to < l.valid_from OR l.valid_to < (now() AT TIME ZONE 'UTC')::date) THEN 'ended' ELSE l.status END`;

const MANDATE_COLUMNS = `
  l.mandate_id AS id, l.society_id AS "societyId", l.rights_holder_id AS "rightsHolderId",
  m.external_id AS "externalId", m.split_from AS "splitFrom",
  l.category, l.work_type AS "workType", l.territories, l.excluded_territories AS "excludedTerritories",
  to_char(l.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(l.valid_to, 'YYYY-MM-DD') AS "validTo",
  l.basis, l.exclusive,
  CASE WHEN l.consent_recorded_at IS NULL THEN NULL ELSE json_build_object(
    'category', l.category, 'recordedAt', ${ts('l.consent_recorded_at')}, 'recordedBy', l.consent_recorded_by, 'evidence', l.consent_evidence) END AS consent,
  ${STATUS} AS status,
  l.version, l.change, l.change_detail AS "changeDetail", ${ts('l.recorded_at')} AS "recordedAt", l.recorded_by AS "recordedBy",
  ${ts('m.created_at')} AS "createdAt"`;

/** Which mandates a query looks at. Every field narrows; none means all. */
export interface MandateFilter {
  mandateId?: string;
  societyId?: string;
  rightsHolderId?: string;
  externalIds?: string[];
  /** Only mandates in this status (as the API shows it). */
  status?: string;
}

export interface TimeSlice {
  /** Only mandates valid on this day (null: any valid time). */
  at: string | null;
  /** The ledger as it stood at this moment (null: now). */
  knownAt: string | null;
}

export interface NewVersion {
  societyId: string;
  mandateId: string;
  version: number;
  rightsHolderId: string;
  terms: MandateTerms;
  consent: { recordedAt: string; recordedBy: string; evidence: string | null } | null;
  /** Default `active`. */
  status?: StoredMandateStatus;
  change: MandateChange;
  changeDetail: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
}

/**
 * Every SQL statement about mandates. History is append-only (the database refuses
 * UPDATE and DELETE): a change inserts a version; reads take, per mandate, the latest
 * version recorded at or before the moment asked about.
 */
@Injectable()
export class MandatesRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Locks the rights holders' rows (in id order, so two transactions cannot deadlock)
   * until the transaction ends, so that changes to one holder's mandates and their
   * conflict checks run one at a time. Returns the ids that exist.
   */
  async lockHolders(m: EntityManager, rightsHolderIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM rights_holders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [rightsHolderIds]);
    return rows.map((r) => r.id);
  }

  /**
   * The recording moment for a change, read after the locks are taken (so later changes
   * of the same holder always get later moments), in whole milliseconds (so the
   * recordedAt a client sees, passed back as asKnownAt, includes that version).
   */
  async clock(m: EntityManager): Promise<string> {
    const rows: { t: string }[] = await m.query(`SELECT ${ts(`date_trunc('milliseconds', clock_timestamp())`)} AS t`);
    return rows[0].t;
  }

  async societyExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM societies WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async holderIdsByIpi(sql: Sql, ipis: string[]): Promise<Map<string, string>> {
    const rows: { id: string; ipi: string }[] = await sql.query(`SELECT id, ipi FROM rights_holders WHERE ipi = ANY($1::text[])`, [ipis]);
    return new Map(rows.map((r) => [r.ipi, r.id]));
  }

  async insertMandate(m: EntityManager, row: { societyId: string; rightsHolderId: string; externalId: string | null; splitFrom: string | null; createdAt: string }): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO mandates (society_id, rights_holder_id, external_id, split_from, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [row.societyId, row.rightsHolderId, row.externalId, row.splitFrom, row.createdAt],
    );
    return rows[0].id;
  }

  async insertVersion(m: EntityManager, v: NewVersion): Promise<void> {
    const { territories, excludedTerritories } = territoryFields(v.terms.territories);
    await m.query(
      `INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories,
         valid_from, valid_to, basis, exclusive, consent_recorded_at, consent_recorded_by, consent_evidence, change, change_detail, recorded_at, recorded_by, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20)`,
      [
        v.societyId,
        v.mandateId,
        v.version,
        v.rightsHolderId,
        v.terms.category,
        v.terms.workType,
        territories,
        excludedTerritories,
        v.terms.period.from,
        v.terms.period.to,
        v.terms.basis,
        v.terms.exclusive,
        v.consent?.recordedAt ?? null,
        v.consent?.recordedBy ?? null,
        v.consent?.evidence ?? null,
        v.change,
        JSON.stringify(v.changeDetail),
        v.recordedAt,
        v.recordedBy,
        v.status ?? 'active',
      ],
    );
  }

  /** Every mandate the filter selects, as known at `slice.knownAt` and valid on `slice.at`, ordered by id. */
  all(sql: Sql, filter: MandateFilter, slice: TimeSlice): Promise<Mandate[]> {
    const q = this.select(filter, slice, null, null);
    return sql.query(q.text, q.params);
  }

  async one(sql: Sql, mandateId: string, filter: MandateFilter, knownAt: string | null): Promise<Mandate | undefined> {
    return (await this.all(sql, { ...filter, mandateId }, { at: null, knownAt }))[0];
  }

  async page(filter: MandateFilter, slice: TimeSlice, limit: number, after: string | null): Promise<Page<Mandate>> {
    const q = this.select(filter, slice, limit + 1, after);
    const rows: Mandate[] = await this.db.query(q.text, q.params);
    return toPage(rows, limit, (r) => r.id);
  }

  /** The versions of one mandate, oldest first (its whole recorded history). */
  async versions(mandateId: string, filter: MandateFilter, limit: number, afterVersion: number | null): Promise<Page<Mandate>> {
    const rows: Mandate[] = await this.db.query(
      `SELECT ${MANDATE_COLUMNS}
       FROM mandate_versions l JOIN mandates m ON m.society_id = l.society_id AND m.id = l.mandate_id
       WHERE l.mandate_id = $1 AND ($2::uuid IS NULL OR l.society_id = $2::uuid) AND ($3::uuid IS NULL OR l.rights_holder_id = $3::uuid)
         AND ($4::int IS NULL OR l.version > $4::int)
       ORDER BY l.version LIMIT $5`,
      [mandateId, filter.societyId ?? null, filter.rightsHolderId ?? null, afterVersion, limit + 1],
    );
    return toPage(rows, limit, (r) => String(r.version));
  }

  private select(filter: MandateFilter, slice: TimeSlice, limit: number | null, after: string | null): { text: string; params: unknown[] } {
    const params: unknown[] = [
      filter.mandateId ?? null,
      filter.societyId ?? null,
      filter.rightsHolderId ?? null,
      filter.externalIds ?? null,
      slice.knownAt,
      slice.at,
      after,
      limit,
      filter.status ?? null,
    ];
    const text = `
      WITH latest AS (
        SELECT DISTINCT ON (v.society_id, v.mandate_id) v.*
        FROM mandate_versions v
        WHERE ($1::uuid IS NULL OR v.mandate_id = $1::uuid)
          AND ($2::uuid IS NULL OR v.society_id = $2::uuid)
          AND ($3::uuid IS NULL OR v.rights_holder_id = $3::uuid)
          AND ($5::timestamptz IS NULL OR v.recorded_at <= $5::timestamptz)
        ORDER BY v.society_id, v.mandate_id, v.version DESC
      )
      SELECT ${MANDATE_COLUMNS}
      FROM latest l JOIN mandates m ON m.society_id = l.society_id AND m.id = l.mandate_id
      WHERE ($4::text[] IS NULL OR m.external_id = ANY($4::text[]))
        AND ($6::date IS NULL OR (l.valid_from <= $6::date AND (l.valid_to IS NULL OR l.valid_to >= $6::date)))
        AND ($7::uuid IS NULL OR l.mandate_id > $7::uuid)
        AND ($9::text IS NULL OR ${STATUS} = $9::text)
      ORDER BY l.mandate_id
      LIMIT $8`;
    return { text, params };
  }
}
