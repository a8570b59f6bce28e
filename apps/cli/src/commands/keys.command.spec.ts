import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPrivateKey, exportPublicKey, generateEd25519KeyPair, importPrivateKey, parseKeySet } from '../../../../libs/merkle/src/index.js';
import { memoryIo } from '../cli-io.js';
import { runKeys } from './keys.command.js';

let dir: string;
const keyFile = () => path.join(dir, 'log-signing-key.txt');
const retiredFile = () => path.join(dir, 'log-retired-keys.json');
const currentKey = () => exportPublicKey(importPrivateKey(readFileSync(keyFile(), 'utf8')));
const retired = () => parseKeySet(JSON.parse(readFileSync(retiredFile(), 'utf8')));

async function run(args: string[], env: NodeJS.ProcessEnv = {}, now = new Date('2026-12-01T09:00:00.000Z')) {
  const io = memoryIo();
  const code = await runKeys(args, io, env, now);
  return { code, out: io.out, err: io.err };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ledger-rotate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger keys rotate', () => {
  it('replaces the private key and appends the old public key, dated, to the retired keys', async () => {
    const first = generateEd25519KeyPair().privateKey;
    writeFileSync(keyFile(), exportPrivateKey(first) + '\n', { mode: 0o600 });

    const result = await run(['rotate', '--data-dir', dir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const second = currentKey();
    expect(second.keyId).not.toBe(exportPublicKey(first).keyId);
    expect(result.out).toContain(`retired  ${exportPublicKey(first).keyId}  trusted for heads dated up to 2026-12-01T09:00:00.000Z`);
    expect(result.out).toContain(`current  ${second.keyId}`);
    expect(retired()).toEqual([{ ...exportPublicKey(first), retiredAt: '2026-12-01T09:00:00.000Z' }]);
    // The old private key is nowhere in DATA_DIR; the new one is readable by its owner only; no temporary file is left.
    const oldSeed = exportPrivateKey(first);
    for (const name of readdirSync(dir)) expect(readFileSync(path.join(dir, name), 'utf8')).not.toContain(oldSeed);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['log-retired-keys.json', 'log-signing-key.txt']);

    // A second rotation appends: no retired key is ever lost.
    expect((await run(['rotate'], { DATA_DIR: dir }, new Date('2027-06-01T00:00:00.000Z'))).code).toBe(0);
    expect(retired()).toEqual([
      { ...exportPublicKey(first), retiredAt: '2026-12-01T09:00:00.000Z' },
      { ...second, retiredAt: '2027-06-01T00:00:00.000Z' },
    ]);
    expect(currentKey().keyId).not.toBe(second.keyId);
  });

  it('finishes a rotation interrupted after the retired keys were written (the key listed once, retired later)', async () => {
    const key = generateEd25519KeyPair().privateKey;
    const other = exportPublicKey(generateEd25519KeyPair().publicKey);
    writeFileSync(keyFile(), exportPrivateKey(key) + '\n', { mode: 0o600 });
    writeFileSync(retiredFile(), JSON.stringify({ keys: [other, { ...exportPublicKey(key), retiredAt: '2026-11-30T00:00:00.000Z' }] }));
    expect((await run(['rotate', `--data-dir=${dir}`])).code).toBe(0);
    expect(retired()).toEqual([other, { ...exportPublicKey(key), retiredAt: '2026-12-01T09:00:00.000Z' }]);
  });

  it('changes nothing when there is no key, the retired keys file is malformed, or the key is LOG_SIGNING_KEY', async () => {
    const none = await run(['rotate', '--data-dir', dir]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/there is no signing key to rotate: .*log-signing-key\.txt does not exist .*nothing was changed/);
    expect(readdirSync(dir)).toEqual([]);

    const key = exportPrivateKey(generateEd25519KeyPair().privateKey) + '\n';
    writeFileSync(keyFile(), key);
    writeFileSync(retiredFile(), '{"keys": {}}');
    const malformed = await run(['rotate', '--data-dir', dir]);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/the retired keys file .*log-retired-keys\.json is not a key set .*"keys" array; nothing was changed/);
    expect(readFileSync(keyFile(), 'utf8')).toBe(key);
    expect(readFileSync(retiredFile(), 'utf8')).toBe('{"keys": {}}');

    writeFileSync(keyFile(), 'not a key');
    expect((await run(['rotate', '--data-dir', dir])).err).toMatch(/log-signing-key\.txt does not hold an Ed25519 private key/);

    const configured = await run(['rotate', '--data-dir', dir], { LOG_SIGNING_KEY: key });
    expect(configured.code).toBe(2);
    expect(configured.err).toMatch(/the signing key is LOG_SIGNING_KEY, not a file in DATA_DIR: .*LOG_TRUSTED_KEYS/);
    expect(configured.err).not.toContain(key.trim());
    expect(readFileSync(keyFile(), 'utf8')).toBe('not a key');
  });

  it('exits 2 with the usage for bad arguments, 0 for --help', async () => {
    for (const [args, message] of [
      [[], /missing the subcommand/],
      [['spin'], /unknown subcommand "spin"/],
      [['rotate', '--data-dir'], /--data-dir needs a value/],
      [['rotate', '--dir', dir], /unknown option --dir/],
    ] as [string[], RegExp][]) {
      const result = await run(args);
      expect([args, result.code]).toEqual([args, 2]);
      expect(result.err).toMatch(message);
      expect(result.err).toContain('usage: ledger keys rotate');
    }
    expect(await run(['--help'])).toEqual({ code: 0, out: expect.stringContaining('ledger keys rotate [--data-dir DIR]'), err: '' });
    expect(existsSync(keyFile())).toBe(false);
  });
});
