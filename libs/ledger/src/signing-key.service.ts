import type { KeyObject } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig, ConfigError } from '../../config/src/index.js';
import { exportPublicKey, importPrivateKey, type PublicKeyRecord } from '../../merkle/src/index.js';
import { KeyStoreError, RETIRED_KEYS_FILE, readOrCreateSigningKey, readRetiredKeys, readSigningKey, signingKeyPath } from './key-store.js';

/** A public key the ledger trusts for the heads it signed: the current one, or one rotated out. */
export interface TrustedKey extends PublicKeyRecord {
  /** True for the key that signs now (exactly one). */
  current: boolean;
}

/**
 * The log's keys, all from configuration and DATA_DIR, never from the database:
 *
 * - the Ed25519 key that signs every tree head: LOG_SIGNING_KEY when given, otherwise
 *   generated at first start and kept in DATA_DIR/log-signing-key.txt (mode 0600);
 * - the retired public keys the ledger still trusts for the heads they signed:
 *   DATA_DIR/log-retired-keys.json (written by `ledger keys rotate`) and the key set
 *   file named by LOG_TRUSTED_KEYS.
 *
 * A database attacker can therefore not make the ledger trust a key of his. Keys are
 * read once, at start: after a rotation the processes are restarted.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = new Logger('SigningKey');
  private key: KeyObject | null = null;
  private publicRecord: PublicKeyRecord | null = null;
  private trustedKeys: TrustedKey[] = [];

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      // A key file of DATA_DIR the ledger cannot use stops it like a wrong variable: named, exit status 2.
      if (error instanceof KeyStoreError) throw new ConfigError(`Invalid key file in DATA_DIR: ${error.message}`);
      throw error;
    }
  }

  private async load(): Promise<void> {
    const dataDir = this.config.DATA_DIR;
    /** The key of DATA_DIR/log-signing-key.txt when LOG_SIGNING_KEY overrides it. */
    let overridden: string | undefined;
    if (this.config.LOG_SIGNING_KEY) {
      this.use(importPrivateKey(this.config.LOG_SIGNING_KEY));
      const inDataDir = await readSigningKey(dataDir).catch(() => null);
      overridden = inDataDir ? exportPublicKey(inDataDir).keyId : undefined;
    } else {
      // Generated at first start (key-store.ts: linked into place, so processes starting together share one key).
      const { key, generated } = await readOrCreateSigningKey(dataDir);
      if (generated) this.logger.log(`Generated the log signing key ${exportPublicKey(key).keyId} in ${signingKeyPath(dataDir)}`);
      this.use(key);
    }
    this.trustedKeys = this.merge(await readRetiredKeys(dataDir), this.config.trustedKeys ?? []);
    if (overridden && !this.trustedKeys.some((k) => k.keyId === overridden)) {
      this.logger.warn(
        `${signingKeyPath(dataDir)} holds key ${overridden}, which is neither LOG_SIGNING_KEY nor a trusted key: ` +
          `heads it signed will not verify (list its public key in LOG_TRUSTED_KEYS)`,
      );
    }
  }

  /**
   * The current key first, then the retired keys of DATA_DIR, then those of
   * LOG_TRUSTED_KEYS, each key once (the earlier retiredAt when both give one).
   */
  private merge(...sources: (readonly PublicKeyRecord[])[]): TrustedKey[] {
    const current = this.current;
    const keys = new Map<string, TrustedKey>([[current.keyId, { ...current, current: true }]]);
    for (const record of sources.flat()) {
      const known = keys.get(record.keyId);
      if (known?.current) {
        this.logger.warn(
          `the signing key ${record.keyId} is also listed as retired (in ${RETIRED_KEYS_FILE} or LOG_TRUSTED_KEYS): it is trusted as the current key, ` +
            'with no retirement date (after an interrupted `ledger keys rotate`, run it again)',
        );
        continue;
      }
      const retiredAt = earliest(known?.retiredAt, record.retiredAt);
      keys.set(record.keyId, { keyId: record.keyId, algorithm: record.algorithm, publicKey: record.publicKey, ...(retiredAt ? { retiredAt } : {}), current: false });
    }
    return [...keys.values()];
  }

  private use(key: KeyObject): void {
    this.key = key;
    this.publicRecord = exportPublicKey(key);
  }

  /** The private key that signs tree heads and checkpoints now. */
  get privateKey(): KeyObject {
    if (!this.key) throw new Error('the signing key is not loaded yet');
    return this.key;
  }

  /** The public record of the signing key. */
  get current(): PublicKeyRecord {
    if (!this.publicRecord) throw new Error('the signing key is not loaded yet');
    return this.publicRecord;
  }

  /** Every key whose heads the ledger trusts: the current one first, then the retired ones. */
  get trusted(): readonly TrustedKey[] {
    if (this.trustedKeys.length === 0) throw new Error('the signing key is not loaded yet');
    return this.trustedKeys;
  }
}

/** The earlier of two ISO 8601 instants; undefined only when neither is given (a retirement limit is never loosened by a second source). */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}
