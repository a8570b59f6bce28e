import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPrivateKey, exportPublicKey, generateEd25519KeyPair } from '../../merkle/src/index.js';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.demoEnabled).toBe(true);
    expect(c.corsOrigins).toEqual([]);
  });

  it('turns the demo off by default on an external database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoEnabled).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' }).demoEnabled).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demoEnabled).toBe(false);
  });

  it('names the wrong variable and never echoes a secret', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    try {
      loadConfig({ ADMIN_TOKEN: 'short-secret' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/ADMIN_TOKEN/);
      expect((e as Error).message).not.toMatch(/short-secret/);
    }
  });

  it('keeps JOBS_PER_SOCIETY below JOBS_CONCURRENCY, so one society cannot take every job slot', () => {
    expect(loadConfig({})).toMatchObject({ JOBS_CONCURRENCY: 2, JOBS_PER_SOCIETY: 1 });
    expect(loadConfig({ JOBS_CONCURRENCY: '4', JOBS_PER_SOCIETY: '3' })).toMatchObject({ JOBS_CONCURRENCY: 4, JOBS_PER_SOCIETY: 3 });
    expect(loadConfig({ JOBS_CONCURRENCY: '1' })).toMatchObject({ JOBS_CONCURRENCY: 1, JOBS_PER_SOCIETY: 1 }); // one slot: societies in turn only
    expect(() => loadConfig({ JOBS_CONCURRENCY: '2', JOBS_PER_SOCIETY: '2' })).toThrow(/JOBS_PER_SOCIETY: must be below JOBS_CONCURRENCY \(2\)/);
    expect(() => loadConfig({ JOBS_CONCURRENCY: '0' })).toThrow(/JOBS_CONCURRENCY/);
  });
});

describe('the log keys in the environment', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigError');
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads LOG_TRUSTED_KEYS, a key set file as GET /v1/log/keys serves it', () => {
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    const b = { ...exportPublicKey(generateEd25519KeyPair().publicKey), retiredAt: '2026-12-01T09:00:00.000Z' };
    const served = { keys: [{ ...a, verifierKey: 'collective-ledger+00000000+AA==', current: true }, { ...b, current: false }] };
    expect(loadConfig({ LOG_TRUSTED_KEYS: file('trusted.json', JSON.stringify(served)) }).trustedKeys).toEqual([a, b]);
    expect(loadConfig({}).trustedKeys).toEqual([]);
    expect(loadConfig({ LOG_TRUSTED_KEYS: '' }).trustedKeys).toEqual([]);
  });

  it('refuses a LOG_TRUSTED_KEYS it cannot use, saying why', () => {
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    const absent = path.join(dir, 'absent.json');
    expect(problem({ LOG_TRUSTED_KEYS: absent })).toMatch(new RegExp(`LOG_TRUSTED_KEYS: cannot read the key set file ${absent}: ENOENT`));
    expect(problem({ LOG_TRUSTED_KEYS: dir })).toMatch(/LOG_TRUSTED_KEYS: cannot read the key set file .*: EISDIR/);
    expect(problem({ LOG_TRUSTED_KEYS: JSON.stringify({ keys: [a] }) })).toMatch(/LOG_TRUSTED_KEYS: must be the path of a JSON key set file .*not the JSON itself/);
    expect(problem({ LOG_TRUSTED_KEYS: file('bad.json', '{"keys": [') })).toMatch(/LOG_TRUSTED_KEYS: the key set file .*bad\.json is not JSON/);
    expect(problem({ LOG_TRUSTED_KEYS: file('array.json', JSON.stringify([a])) })).toMatch(/LOG_TRUSTED_KEYS: .*array\.json is not a key set .*"keys" array/);
    expect(problem({ LOG_TRUSTED_KEYS: file('id.json', JSON.stringify({ keys: [a, { ...a, keyId: '0000000000000000' }] })) })).toMatch(
      /LOG_TRUSTED_KEYS: .*id\.json is not a key set .*keys\[1\]: keyId 0000000000000000 does not match its public key/,
    );
    expect(problem({ LOG_TRUSTED_KEYS: file('date.json', JSON.stringify({ keys: [{ ...a, retiredAt: 'last week' }] })) })).toMatch(
      /LOG_TRUSTED_KEYS: .*keys\[0\]: retiredAt must be an ISO 8601 date-time/,
    );
    // Every wrong variable at once.
    expect(problem({ LOG_TRUSTED_KEYS: absent, PORT: 'eighty' })).toMatch(/PORT[\s\S]*LOG_TRUSTED_KEYS/);
  });

  it('checks LOG_SIGNING_KEY at boot without echoing it', () => {
    const key = generateEd25519KeyPair().privateKey;
    expect(loadConfig({ LOG_SIGNING_KEY: exportPrivateKey(key) }).LOG_SIGNING_KEY).toBe(exportPrivateKey(key));
    expect(() => loadConfig({ LOG_SIGNING_KEY: key.export({ format: 'pem', type: 'pkcs8' }).toString() })).not.toThrow();
    const secret = 'c2VjcmV0LWJ1dC1ub3QtYS1rZXk=';
    const message = problem({ LOG_SIGNING_KEY: secret });
    expect(message).toMatch(/LOG_SIGNING_KEY: is not an Ed25519 private key/);
    expect(message).not.toContain(secret);
  });
});
