import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './principal.js';

export interface TokenRow {
  id: string;
  role: Role;
  society_id: string | null;
  rights_holder_id: string | null;
  label: string;
}

@Injectable()
export class TokensRepository {
  constructor(private readonly db: DataSource) {}

  async insert(hash: Buffer, role: Role, label: string, societyId?: string, rightsHolderId?: string): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO api_tokens (token_hash, role, label, society_id, rights_holder_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [hash, role, label, societyId ?? null, rightsHolderId ?? null],
    );
    return rows[0].id;
  }

  async findActiveByHash(hash: Buffer): Promise<TokenRow | undefined> {
    const rows: TokenRow[] = await this.db.query(
      `SELECT id, role, society_id, rights_holder_id, label FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    return rows[0];
  }

  async countActiveAdmins(): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL`);
    return Number(rows[0].n);
  }

  /** Revokes every active token whose label starts with `prefix`; returns how many. */
  async revokeByLabelPrefix(prefix: string): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND starts_with(label, $1) RETURNING id`,
      [prefix],
    );
    return rows.length;
  }
}
