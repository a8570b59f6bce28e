import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { NewRightsHolder, RightsHolder } from './rights-holder.js';

const COLUMNS = `id, name, ipi, isni, kind, country,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** Which rights holders a caller may see: all, or an explicit list of ids. */
export type HolderScope = { all: true } | { ids: string[] };

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

  async findByIdentifiers(ipi: string | null, isni: string | null): Promise<RightsHolder | undefined> {
    const rows: RightsHolder[] = await this.db.query(`SELECT ${COLUMNS} FROM rights_holders WHERE ipi = $1 OR isni = $2 LIMIT 1`, [ipi, isni]);
    return rows[0];
  }

  async find(id: string, scope: HolderScope): Promise<RightsHolder | undefined> {
    const ids = 'all' in scope ? null : scope.ids;
    const rows: RightsHolder[] = await this.db.query(
      `SELECT ${COLUMNS} FROM rights_holders WHERE id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [id, ids],
    );
    return rows[0];
  }

  async list(scope: HolderScope, limit: number, after: string | null): Promise<Page<RightsHolder>> {
    const ids = 'all' in scope ? null : scope.ids;
    const rows: RightsHolder[] = await this.db.query(
      `SELECT ${COLUMNS} FROM rights_holders
       WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [ids, after, limit + 1],
    );
    return toPage(rows, limit, (h) => h.id);
  }
}
