import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src/index.js';
import { decodeCursor, type Page, toPage, UUID_KEY } from '../../database/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { type Authentication, bearerTokenOf } from './credential.js';
import type { Principal, Role } from './principal.js';
import { TokenCache } from './token-cache.js';
import { type TokenScope, type TokenView, TokensRepository } from './tokens.repository.js';

export interface IssueTokenInput {
  role: Role;
  label: string;
  societyId?: string;
  rightsHolderId?: string;
  /** When the token stops working (ISO 8601 date-time); at most TOKEN_MAX_LIFETIME_DAYS ahead. */
  expiresAt?: string;
  /** Or: how many days from now it works (1 … TOKEN_MAX_LIFETIME_DAYS). */
  expiresInDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const TOKEN_PREFIX = 'clt_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Issues and checks bearer tokens. Tokens are 256 random bits; only their SHA-256 is stored. */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('Auth');
  private readonly envAdminHash: Buffer | null;
  private readonly maxLifetimeDays: number;

  constructor(
    private readonly tokens: TokensRepository,
    private readonly db: DataSource,
    config: AppConfig,
    private readonly cache: TokenCache,
  ) {
    this.envAdminHash = config.ADMIN_TOKEN ? hashToken(config.ADMIN_TOKEN) : null;
    this.maxLifetimeDays = config.TOKEN_MAX_LIFETIME_DAYS;
  }

  async issue(input: IssueTokenInput): Promise<{ id: string; token: string; expiresAt: string }> {
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
    const expiresAt = this.expiryOf(input);
    if (societyId) await this.mustExist('societies', societyId, 'society', 'societyId');
    if (rightsHolderId) await this.mustExist('rights_holders', rightsHolderId, 'rights holder', 'rightsHolderId');
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    let row: { id: string; expiresAt: string };
    try {
      row = await this.tokens.insert(hashToken(token), role, input.label, expiresAt, societyId, rightsHolderId);
    } catch (error) {
      // The database's clock passed an expiry a few milliseconds ahead of ours (api_tokens_expiry_check).
      const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
      if ((e.driverError?.constraint ?? e.constraint) === 'api_tokens_expiry_check') {
        throw DomainError.validation('The token would be born expired', [{ field: 'expiresAt', message: 'must be in the future' }]);
      }
      throw error;
    }
    return { id: row.id, token, expiresAt: row.expiresAt };
  }

  /** What the Authorization header of a request proves (see Authentication). */
  async authenticateHeader(header: string | undefined): Promise<Authentication> {
    const token = bearerTokenOf(header);
    if (!token) return { outcome: 'none' };
    return this.authenticate(token);
  }

  /** What a presented bearer token proves: its principal, or why it is refused. */
  async authenticate(token: string): Promise<Authentication> {
    const hash = hashToken(token);
    if (this.envAdminHash && timingSafeEqual(hash, this.envAdminHash)) {
      return { outcome: 'authenticated', principal: { role: 'admin', tokenId: null, label: 'ADMIN_TOKEN' } };
    }
    // A lookup reused for a short while (TokenCache), dropped at once in every process when the token changes.
    const key = hash.toString('base64');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const epoch = this.cache.epoch;
    const row = await this.tokens.findByHash(hash);
    if (!row || row.revoked) return { outcome: 'refused', reason: 'The bearer token is unknown or revoked' };
    if (row.expired) return { outcome: 'refused', reason: `The bearer token expired at ${row.expires_at}` };
    const authentication: Authentication & { outcome: 'authenticated' } = {
      outcome: 'authenticated',
      principal: {
        role: row.role,
        tokenId: row.id,
        label: row.label,
        societyId: row.society_id ?? undefined,
        rightsHolderId: row.rights_holder_id ?? undefined,
      },
    };
    this.cache.put(key, authentication, row.expires_at_ms, epoch);
    return authentication;
  }

  /** The tokens the caller may see (admin: all; a society or a rights holder: those bound to it), never their secret. */
  async list(principal: Principal, limit: number, cursor?: string): Promise<Page<TokenView>> {
    const after = decodeCursor(cursor, UUID_KEY);
    return toPage(await this.tokens.list(this.scopeOf(principal), limit + 1, after), limit, (t) => t.id);
  }

  /**
   * Revokes a token at once. Admin: any token; a society or a rights holder: the tokens
   * bound to it (another tenant's token is a 404, as if it did not exist).
   */
  async revoke(principal: Principal, id: string): Promise<TokenView> {
    const scope = this.scopeOf(principal);
    // Answered once every API process listening for token changes has dropped the token
    // from its cache (or after a bound): from then on, no process accepts it.
    const change = await this.cache.expectChange(id);
    let revoked: TokenView | undefined;
    try {
      revoked = await this.tokens.revoke(scope, id);
    } catch (error) {
      change.cancel();
      throw error;
    }
    if (!revoked) {
      change.cancel();
      throw DomainError.notFound('Token', id);
    }
    this.cache.forget(id);
    await change.heard;
    this.logger.log(`Token ${id} (${revoked.role}, ${revoked.label}) revoked by ${principal.label}`);
    return revoked;
  }

  private scopeOf(principal: Principal): TokenScope {
    if (principal.role === 'admin') return null;
    if (principal.role === 'society' && principal.societyId) return { societyId: principal.societyId };
    if (principal.role === 'rights-holder' && principal.rightsHolderId) return { rightsHolderId: principal.rightsHolderId };
    throw DomainError.forbidden(`Role ${principal.role} manages no tokens`);
  }

  /** The expiry of a new token: expiresAt or expiresInDays, else TOKEN_MAX_LIFETIME_DAYS from now; never later than that. */
  private expiryOf(input: IssueTokenInput): Date {
    const now = Date.now();
    const latest = now + this.maxLifetimeDays * DAY_MS;
    const max = `at most ${this.maxLifetimeDays} days ahead (TOKEN_MAX_LIFETIME_DAYS)`;
    if (input.expiresAt !== undefined && input.expiresInDays !== undefined) {
      throw DomainError.validation('Give expiresAt or expiresInDays, not both', [{ field: 'expiresInDays', message: 'is not allowed together with expiresAt' }]);
    }
    if (input.expiresInDays !== undefined) {
      if (input.expiresInDays > this.maxLifetimeDays) throw DomainError.validation('The token would live too long', [{ field: 'expiresInDays', message: `must be ${max}` }]);
      return new Date(now + input.expiresInDays * DAY_MS);
    }
    if (input.expiresAt !== undefined) {
      const at = new Date(input.expiresAt);
      if (Number.isNaN(at.getTime())) throw DomainError.validation('Invalid expiry', [{ field: 'expiresAt', message: 'must be an ISO 8601 date-time' }]);
      if (at.getTime() <= now) throw DomainError.validation('The token would be born expired', [{ field: 'expiresAt', message: 'must be in the future' }]);
      if (at.getTime() > latest) throw DomainError.validation('The token would live too long', [{ field: 'expiresAt', message: `must be ${max}` }]);
      return at;
    }
    return new Date(latest);
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
