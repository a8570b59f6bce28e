import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { NewSociety, Society } from './society.js';

const COLUMNS = `id, name, cisac_code AS "cisacCode", country, currency, fy_end_month AS "fyEndMonth",
  fy_end_day AS "fyEndDay", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

@Injectable()
export class SocietiesRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts a society; returns null when the CISAC code is taken. */
  async insert(s: NewSociety): Promise<Society | null> {
    const rows: Society[] = await this.db.query(
      `INSERT INTO societies (name, cisac_code, country, currency, fy_end_month, fy_end_day)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cisac_code) DO NOTHING RETURNING ${COLUMNS}`,
      [s.name, s.cisacCode, s.country, s.currency, s.fyEndMonth, s.fyEndDay],
    );
    return rows[0] ?? null;
  }

  async findByCisac(cisacCode: string): Promise<Society | undefined> {
    const rows: Society[] = await this.db.query(`SELECT ${COLUMNS} FROM societies WHERE cisac_code = $1`, [cisacCode]);
    return rows[0];
  }

  /** One society, if it is among `visibleIds` (null: no restriction). */
  async find(id: string, visibleIds: string[] | null): Promise<Society | undefined> {
    const rows: Society[] = await this.db.query(
      `SELECT ${COLUMNS} FROM societies WHERE id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [id, visibleIds],
    );
    return rows[0];
  }

  async list(visibleIds: string[] | null, limit: number, after: string | null): Promise<Page<Society>> {
    const rows: Society[] = await this.db.query(
      `SELECT ${COLUMNS} FROM societies
       WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [visibleIds, after, limit + 1],
    );
    return toPage(rows, limit, (s) => s.id);
  }
}
