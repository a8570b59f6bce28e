import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import type { Principal, Role } from './principal.js';
import { TokensRepository } from './tokens.repository.js';

export interface IssueTokenInput {
  role: Role;
  label: string;
  societyId?: string;
  rightsHolderId?: string;
}

const TOKEN_PREFIX = 'clt_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Issues and checks bearer tokens. Tokens are 256 random bits; only their SHA-256 is stored. */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('Auth');
  private readonly envAdminHash: Buffer | null;

  constructor(
    private readonly tokens: TokensRepository,
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.envAdminHash = config.ADMIN_TOKEN ? hashToken(config.ADMIN_TOKEN) : null;
  }

  async issue(input: IssueTokenInput): Promise<{ id: string; token: string }> {
    const { role, societyId, rightsHolderId } = input;
    if ((role === 'society') !== Boolean(societyId)) {
      throw DomainError.validation('A society token needs societyId, and only a society token takes one', [
        { field: 'societyId', message: role === 'society' ? 'is required for role society' : `is not allowed for role ${role}` },
      ]);
    }
    if ((role === 'rights-holder') !== Boolean(rightsHolderId)) {
      throw DomainError.validation('A rights-holder token needs rightsHolderId, and only a rights-holder token takes one', [
        { field: 'rightsHolderId', message: role === 'rights-holder' ? 'is required for role rights-holder' : `is not allowed for role ${role}` },
      ]);
    }
    if (societyId) await this.mustExist('societies', societyId, 'society', 'societyId');
    if (rightsHolderId) await this.mustExist('rights_holders', rightsHolderId, 'rights holder', 'rightsHolderId');
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = await this.tokens.insert(hashToken(token), role, input.label, societyId, rightsHolderId);
    return { id, token };
  }

  /** The principal for a presented token, or null when it is unknown or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    if (this.envAdminHash && timingSafeEqual(hash, this.envAdminHash)) {
      return { role: 'admin', tokenId: null, label: 'ADMIN_TOKEN' };
    }
    const row = await this.tokens.findActiveByHash(hash);
    if (!row) return null;
    return {
      role: row.role,
      tokenId: row.id,
      label: row.label,
      societyId: row.society_id ?? undefined,
      rightsHolderId: row.rights_holder_id ?? undefined,
    };
  }

  /**
   * At first start without ADMIN_TOKEN, creates an admin token and returns it so the
   * entrypoint can print it once. Returns null when an admin credential already exists.
   */
  async ensureBootstrapAdmin(): Promise<string | null> {
    if (this.envAdminHash) return null;
    if ((await this.tokens.countActiveAdmins()) > 0) return null;
    const { token } = await this.issue({ role: 'admin', label: 'bootstrap admin' });
    this.logger.log('Generated the first admin token (shown once)');
    return token;
  }

  /** Revokes the tokens a previous run labelled with `prefix` (the demo reissues its own). */
  revokeLabelled(prefix: string): Promise<number> {
    return this.tokens.revokeByLabelPrefix(prefix);
  }

  private async mustExist(table: 'societies' | 'rights_holders', id: string, what: string, field: string): Promise<void> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    if (rows.length === 0) throw DomainError.validation(`Unknown ${what}`, [{ field, message: `no ${what} with id ${id}` }]);
  }
}
