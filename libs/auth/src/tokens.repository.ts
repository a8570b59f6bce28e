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

/** A token as found by its hash, with whether it may still be used. */
export interface FoundTokenRow extends TokenRow {
  revoked: boolean;
  expired: boolean;
  expires_at: string | null;
  /** The expiry in epoch milliseconds (null: never). */
  expires_at_ms: number | null;
}

/** A token as listed (never its hash). */
export interface TokenView {
  id: string;
  role: Role;
  label: string;
  societyId: string | null;
  rightsHolderId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** Which tokens a caller may see or revoke: all (null), or those bound to one tenant. */
export type TokenScope = { societyId?: string; rightsHolderId?: string } | null;

const VIEW = `id, role, label, society_id AS "societyId", rights_holder_id AS "rightsHolderId",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt",
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "revokedAt",
  CASE WHEN revoked_at IS NOT NULL THEN 'revoked' WHEN expires_at <= now() THEN 'expired' ELSE 'active' END AS status`;

/** `$1` society id, `$2` rights holder id: both null sees every token. */
const IN_SCOPE = `(($1::uuid IS NULL AND $2::uuid IS NULL) OR society_id = $1::uuid OR rights_holder_id = $2::uuid)`;

function scopeParams(scope: TokenScope): [string | null, string | null] {
  if (scope === null) return [null, null];
  // A tenant scope with neither id matches nothing (never every token).
  return [scope.societyId ?? '00000000-0000-0000-0000-000000000000', scope.rightsHolderId ?? '00000000-0000-0000-0000-000000000000'];
}

@Injectable()
export class TokensRepository {
  constructor(private readonly db: DataSource) {}

  async insert(hash: Buffer, role: Role, label: string, expiresAt: Date, societyId?: string, rightsHolderId?: string): Promise<{ id: string; expiresAt: string }> {
    const rows: { id: string; expiresAt: string }[] = await this.db.query(
      `INSERT INTO api_tokens (token_hash, role, label, society_id, rights_holder_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt"`,
      [hash, role, label, societyId ?? null, rightsHolderId ?? null, expiresAt.toISOString()],
    );
    return rows[0];
  }

  /** The token with this hash, revoked or expired ones included (the caller says which). */
  async findByHash(hash: Buffer): Promise<FoundTokenRow | undefined> {
    const rows: FoundTokenRow[] = await this.db.query(
      `SELECT id, role, society_id, rights_holder_id, label, revoked_at IS NOT NULL AS revoked, COALESCE(expires_at <= now(), false) AS expired,
              to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at,
              floor(extract(epoch FROM expires_at) * 1000)::float8 AS expires_at_ms
         FROM api_tokens WHERE token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  async countActiveAdmins(): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    );
    return Number(rows[0].n);
  }

  /** A page of the tokens in scope, by id. */
  async list(scope: TokenScope, limit: number, after: string | null): Promise<TokenView[]> {
    return this.db.query(`SELECT ${VIEW} FROM api_tokens WHERE ${IN_SCOPE} AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`, [
      ...scopeParams(scope),
      after,
      limit,
    ]);
  }

  /**
   * Revokes the token `id` if it is in scope (at once: the api_tokens trigger announces it
   * at commit and every process drops the token from its TokenCache). Returns it, or
   * undefined when no token in scope has that id. Revoking a revoked token keeps its first
   * revocation time.
   */
  async revoke(scope: TokenScope, id: string): Promise<TokenView | undefined> {
    const rows = await this.updated<TokenView>(
      `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $3 AND ${IN_SCOPE} RETURNING ${VIEW}`,
      [...scopeParams(scope), id],
    );
    return rows[0];
  }

  /** Revokes every active token whose label starts with `prefix`; returns how many. */
  async revokeByLabelPrefix(prefix: string): Promise<number> {
    const rows = await this.updated<{ id: string }>(`UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND starts_with(label, $1) RETURNING id`, [prefix]);
    return rows.length;
  }

  /** The rows an UPDATE … RETURNING returned (TypeORM gives [rows, count] for an UPDATE). */
  private async updated<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = (await this.db.query(sql, params)) as [T[], number] | T[];
    return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
  }
}
