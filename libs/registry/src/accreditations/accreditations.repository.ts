import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { Accreditation, NewAccreditation } from './accreditation.js';

const COLUMNS = `id, society_id AS "societyId", authority, scope, categories, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"`;

@Injectable()
export class AccreditationsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(a: NewAccreditation): Promise<Accreditation> {
    const rows: Accreditation[] = await this.db.query(
      `INSERT INTO accreditations (society_id, authority, scope, valid_from, valid_to, categories) VALUES ($1, $2, $3, $4, $5, $6::text[]) RETURNING ${COLUMNS}`,
      [a.societyId, a.authority, a.scope, a.validFrom, a.validTo, a.categories ?? null],
    );
    return rows[0];
  }

  async list(societyId: string, limit: number, after: string | null): Promise<Page<Accreditation>> {
    const rows: Accreditation[] = await this.db.query(
      `SELECT ${COLUMNS} FROM accreditations WHERE society_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [societyId, after, limit + 1],
    );
    return toPage(rows, limit, (a) => a.id);
  }
}
