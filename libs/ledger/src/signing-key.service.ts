import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { exportPrivateKey, exportPublicKey, generateEd25519KeyPair, importPrivateKey, type PublicKeyRecord } from '../../merkle/src/index.js';
import { createPublicKey } from 'node:crypto';

/**
 * The Ed25519 key that signs every tree head: LOG_SIGNING_KEY when given, otherwise
 * generated at first start and kept in DATA_DIR/log-signing-key.txt (mode 0600).
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = new Logger('SigningKey');
  private key: KeyObject | null = null;
  private publicRecord: PublicKeyRecord | null = null;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.LOG_SIGNING_KEY) {
      this.use(importPrivateKey(this.config.LOG_SIGNING_KEY));
      return;
    }
    const file = path.resolve(this.config.DATA_DIR, 'log-signing-key.txt');
    if (existsSync(file)) {
      this.use(importPrivateKey((await readFile(file, 'utf8')).trim()));
      return;
    }
    const pair = generateEd25519KeyPair();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, exportPrivateKey(pair.privateKey) + '\n', { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e; // another process of this deployment wrote it first: use that one
    });
    this.use(importPrivateKey((await readFile(file, 'utf8')).trim()));
    this.logger.log(`Generated the log signing key ${this.publicRecord!.keyId} in ${file}`);
  }

  private use(key: KeyObject): void {
    this.key = key;
    this.publicRecord = exportPublicKey(createPublicKey(key));
  }

  get privateKey(): KeyObject {
    if (!this.key) throw new Error('the signing key is not loaded yet');
    return this.key;
  }

  get publicKey(): PublicKeyRecord {
    if (!this.publicRecord) throw new Error('the signing key is not loaded yet');
    return this.publicRecord;
  }
}
