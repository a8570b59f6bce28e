import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../../config/src/index.js';
import { exportPrivateKey, exportPublicKey, generateEd25519KeyPair, type PublicKeyRecord } from '../../merkle/src/index.js';
import { rotateSigningKey } from './key-store.js';
import { SigningKeyService } from './signing-key.service.js';

let dataDir: string;
beforeAll(() => Logger.overrideLogger(false));
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-keys-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function load(env: { LOG_SIGNING_KEY?: string; trustedKeys?: PublicKeyRecord[] } = {}): Promise<SigningKeyService> {
  const service = new SigningKeyService({ DATA_DIR: dataDir, trustedKeys: [], ...env } as unknown as AppConfig);
  await service.onModuleInit();
  return service;
}

describe('SigningKeyService', () => {
  it('generates the key at first start, then trusts it alone', async () => {
    const first = await load();
    expect(statSync(path.join(dataDir, 'log-signing-key.txt')).mode & 0o777).toBe(0o600);
    expect(first.trusted).toEqual([{ ...first.current, current: true }]);
    expect((await load()).current).toEqual(first.current); // the same key at the next start
  });

  it('processes starting together on an empty DATA_DIR all sign with one key, and leave only its file (issue 19)', async () => {
    const services = await Promise.all(Array.from({ length: 8 }, () => load()));
    expect(new Set(services.map((s) => s.current.keyId)).size).toBe(1);
    expect(readdirSync(dataDir)).toEqual(['log-signing-key.txt']);
    expect(statSync(path.join(dataDir, 'log-signing-key.txt')).mode & 0o777).toBe(0o600);
  });

  it('after `ledger keys rotate`, signs with the new key and trusts the old one up to its retirement', async () => {
    const old = (await load()).current;
    await rotateSigningKey(dataDir, new Date('2026-12-01T09:00:00.000Z'));
    const after = await load();
    expect(after.current.keyId).not.toBe(old.keyId);
    expect(after.trusted).toEqual([
      { ...after.current, current: true },
      { ...old, retiredAt: '2026-12-01T09:00:00.000Z', current: false },
    ]);
  });

  it('adds the keys of LOG_TRUSTED_KEYS, each once, keeping the earlier retirement', async () => {
    const signing = generateEd25519KeyPair().privateKey;
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    const b = exportPublicKey(generateEd25519KeyPair().publicKey);
    writeFileSync(path.join(dataDir, 'log-retired-keys.json'), JSON.stringify({ keys: [{ ...a, retiredAt: '2026-06-01T00:00:00Z' }] }));
    const service = await load({
      LOG_SIGNING_KEY: exportPrivateKey(signing),
      trustedKeys: [b, { ...a, retiredAt: '2026-05-01T00:00:00Z' }, { ...exportPublicKey(signing), retiredAt: '2026-01-01T00:00:00Z' }],
    });
    expect(service.current).toEqual(exportPublicKey(signing));
    expect(service.trusted).toEqual([
      { ...exportPublicKey(signing), current: true }, // listed as retired too: still the current key, with no limit
      { ...a, retiredAt: '2026-05-01T00:00:00Z', current: false },
      { ...b, current: false },
    ]);
  });

  it('does not start on a retired keys file it cannot read, naming the file', async () => {
    await load();
    const file = path.join(dataDir, 'log-retired-keys.json');
    writeFileSync(file, '{"keys": [{"keyId": "00"}]}');
    await expect(load()).rejects.toThrow(`the retired keys file ${file} is not a key set`);
    writeFileSync(file, 'not json');
    await expect(load()).rejects.toThrow(`the retired keys file ${file} is not JSON`);
    writeFileSync(path.join(dataDir, 'log-signing-key.txt'), 'garbage\n');
    await expect(load()).rejects.toThrow(/the signing key file .*log-signing-key\.txt does not hold an Ed25519 private key/);
    expect(readFileSync(path.join(dataDir, 'log-signing-key.txt'), 'utf8')).toBe('garbage\n'); // never replaced by a new key
  });
});
