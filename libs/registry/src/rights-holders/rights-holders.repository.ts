import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { NewRightsHolder, RightsHolder } from './rights-holder.js';

const COLUMNS = `id, name, name_source AS "nameSource", registered_by_society_id AS "registeredBySocietyId", ipi, isni, kind, country,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/**
 * Which rights holders a caller may see: all, an explicit list of ids, or those holding a
 * mandate (of any time, on any basis) at one society.
 */
export type HolderScope = { all: true } | { ids: string[] } | { mandatesAt: string };

/** The scope as SQL parameters: an id list (null: no restriction) and a society (null: none). */
function scopeParams(scope: HolderScope): [string[] | null, string | null] {
  if ('ids' in scope) return [scope.ids, null];
  if ('mandatesAt' in scope) return [null, scope.mandatesAt];
  return [null, null];
}

/** Restricts `rights_holders h` to the scope, given its two parameters' positions. */
const inScope = (ids: number, society: number) =>
  `($${ids}::uuid[] IS NULL OR h.id = ANY($${ids}::uuid[]))
   AND ($${society}::uuid IS NULL OR EXISTS (SELECT 1 FROM mandates m WHERE m.society_id = $${society}::uuid AND m.rights_holder_id = h.id))`;

@Injectable()
export class RightsHoldersRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts; returns null when the IPI or ISNI is already registered. */
  async insert(h: NewRightsHolder): Promise<RightsHolder | null> {
    const rows: RightsHolder[] = await this.db.query(
      `INSERT INTO rights_holders (name, ipi, isni, kind, country) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [h.name, h.ipi, h.isni, h.kind, h.country],
    );
    return rows[0] ?? null;
  }

  /**
   * An admin's registration of an IPI a society registered (provisionally) from its lines:
   * the admin's name, kind, country and ISNI replace the society's, same id. Returns null
   * when the IPI is not held by such a registration.
   */
  async confirmSocietyRegistration(h: NewRightsHolder): Promise<RightsHolder | null> {
    const rows: [RightsHolder[], number] = await this.db.query(
      `UPDATE rights_holders SET name = $2, isni = COALESCE($3, isni), kind = $4, country = $5, name_source = 'admin'
       WHERE ipi = $1 AND name_source = 'society' RETURNING ${COLUMNS}`,
      [h.ipi, h.name, h.isni, h.kind, h.country],
    );
    return rows[0][0] ?? null;
  }

  /** Sets the name and who it comes from; null when there is no such holder. */
  async rename(id: string, name: string, source: 'admin' | 'holder'): Promise<RightsHolder | null> {
    const rows: [RightsHolder[], number] = await this.db.query(`UPDATE rights_holders SET name = $2, name_source = $3 WHERE id = $1 RETURNING ${COLUMNS}`, [id, name, source]);
    return rows[0][0] ?? null;
  }

  async findByIdentifiers(ipi: string | null, isni: string | null): Promise<RightsHolder | undefined> {
    const rows: RightsHolder[] = await this.db.query(`SELECT ${COLUMNS} FROM rights_holders WHERE ipi = $1 OR isni = $2 LIMIT 1`, [ipi, isni]);
    return rows[0];
  }

  async find(id: string, scope: HolderScope): Promise<RightsHolder | undefined> {
    const rows: RightsHolder[] = await this.db.query(`SELECT ${COLUMNS} FROM rights_holders h WHERE h.id = $1 AND ${inScope(2, 3)}`, [id, ...scopeParams(scope)]);
    return rows[0];
  }

  async list(scope: HolderScope, limit: number, after: string | null): Promise<Page<RightsHolder>> {
    const rows: RightsHolder[] = await this.db.query(
      `SELECT ${COLUMNS} FROM rights_holders h
       WHERE ${inScope(1, 2)} AND ($3::uuid IS NULL OR h.id > $3::uuid)
       ORDER BY h.id LIMIT $4`,
      [...scopeParams(scope), after, limit + 1],
    );
    return toPage(rows, limit, (h) => h.id);
  }
}
