import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../../database/src/index.js';
import type { NewSociety, Society, SocietyContact } from './society.js';

const COLUMNS = `id, name, cisac_code AS "cisacCode", country, currency, fy_end_month AS "fyEndMonth",
  fy_end_day AS "fyEndDay", json_build_object('address', contact_address, 'email', contact_email, 'phone', contact_phone, 'website', website) AS contact,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

@Injectable()
export class SocietiesRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts a society; returns null when the CISAC code is taken. */
  async insert(s: NewSociety): Promise<Society | null> {
    const rows: Society[] = await this.db.query(
      `INSERT INTO societies (name, cisac_code, country, currency, fy_end_month, fy_end_day, contact_address, contact_email, contact_phone, website)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cisac_code) DO NOTHING RETURNING ${COLUMNS}`,
      [s.name, s.cisacCode, s.country, s.currency, s.fyEndMonth, s.fyEndDay, s.contact?.address ?? null, s.contact?.email ?? null, s.contact?.phone ?? null, s.contact?.website ?? null],
    );
    return rows[0] ?? null;
  }

  /** Replaces a society's contact details (every part: an absent one is cleared); undefined when there is no such society. */
  async setContact(id: string, contact: SocietyContact): Promise<Society | undefined> {
    // TypeORM gives [rows, count] for an UPDATE.
    const [rows] = (await this.db.query(
      `UPDATE societies SET contact_address = $2, contact_email = $3, contact_phone = $4, website = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, contact.address, contact.email, contact.phone, contact.website],
    )) as [Society[], number];
    return rows[0];
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
