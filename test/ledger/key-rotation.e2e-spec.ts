import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../apps/cli/src/cli-io.js';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command.js';
import {
  exportPrivateKey,
  exportPublicKey,
  generateEd25519KeyPair,
  importPublicKey,
  parseAndVerifyCheckpoint,
  parseKeySet,
  parseVerifierKey,
  verifyLineProof,
  type LineProofBundle,
  type PublicKeyRecord,
} from '../../libs/merkle/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { cleanEnv, run } from '../support/process.js';
import { bootTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../support/test-app.js';
import { commit, distribution, undistributed, writeJson } from './support.js';

type Cast = Awaited<ReturnType<typeof givenTenants>>;
interface PublishedKey extends PublicKeyRecord {
  verifierKey: string;
  current: boolean;
}

/**
 * The ledger survives a rotation of its signing key: the heads signed before it still
 * verify, on the server (POST …/verify) and offline (`ledger verify --keys` with the
 * published keys), because the retired key stays trusted, from the configuration
 * (LOG_TRUSTED_KEYS) or DATA_DIR (`ledger keys rotate`), never from the database.
 * Each step restarts the ledger on the same database.
 */
describe('signing key rotation', () => {
  let database: TestDatabase;
  let dataDir: string;
  let files: string;
  let t: TestApp | undefined;
  let cast: Cast;

  const boot = async (env: Record<string, string>, dir = dataDir, db = database) => {
    await t?.close();
    t = undefined;
    t = await bootTestApp({ database: db, dataDir: dir, env });
    return new Http(t.baseUrl, t.adminToken);
  };
  const as = (admin: Http, who: keyof Cast['tokens']) => admin.as(cast.tokens[who]);
  const publishedKeys = async (admin: Http) => (await admin.as(undefined).get<{ keys: PublishedKey[] }>('/v1/log/keys')).body;
  const lineProof = async (http: Http, submissionId: string, lineId: string, query = '') =>
    (await http.get<LineProofBundle>(`/v1/submissions/${submissionId}/lines/${lineId}/proof${query}`)).body;
  const verify = async (http: Http, societyId: string) => (await http.post(`/v1/societies/${societyId}/verify`, {})).body;
  const offline = async (proof: LineProofBundle, keys: unknown) => {
    const paths = await writeJson(files, { proof, keys });
    const io = memoryIo();
    const code = await verifyCommand(['--proof', paths.proof, '--keys', paths.keys], io);
    return { code, out: io.out, err: io.err };
  };
  const trustedKeysFile = (name: string, document: unknown) => {
    const file = path.join(files, name);
    writeFileSync(file, JSON.stringify(document, null, 2));
    return file;
  };

  beforeAll(() => {
    files = mkdtempSync(path.join(os.tmpdir(), 'ledger-rotation-files-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  describe('by configuration: a new LOG_SIGNING_KEY, the old public key in LOG_TRUSTED_KEYS', () => {
    const oldKey = generateEd25519KeyPair().privateKey;
    const newKey = generateEd25519KeyPair().privateKey;
    const oldId = exportPublicKey(oldKey).keyId;
    const newId = exportPublicKey(newKey).keyId;
    /** GET /v1/log/keys before the rotation, saved as the operator's LOG_TRUSTED_KEYS file. */
    let keysBefore: { keys: PublishedKey[] };
    let proofBefore: LineProofBundle;
    let first: { id: string };

    beforeAll(async () => {
      database = await createTestDatabase();
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-rotation-'));
      const admin = await boot({ LOG_SIGNING_KEY: exportPrivateKey(oldKey) });
      cast = await givenTenants(admin);
      first = await commit(as(admin, 'societyA'), cast.societyA.id, 'distribution-lines', '2025Q1', [distribution({ line_id: 'L-1' }), distribution({ line_id: 'L-2' })]);
      keysBefore = await publishedKeys(admin);
      proofBefore = await lineProof(as(admin, 'societyA'), first.id, 'L-2');
      expect(proofBefore.head).toMatchObject({ treeSize: 1, keyId: oldId });

      const after = await boot({ LOG_SIGNING_KEY: exportPrivateKey(newKey), LOG_TRUSTED_KEYS: trustedKeysFile('trusted.json', keysBefore) });
      await commit(as(after, 'societyA'), cast.societyA.id, 'undistributed', '2025Q1', [undistributed()]);
    });
    afterAll(async () => {
      await t?.close();
      t = undefined;
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('publishes both keys, the new one current, each with its checkpoint verifier key', async () => {
      const admin = new Http(t!.baseUrl, t!.adminToken);
      expect(keysBefore.keys).toEqual([{ ...exportPublicKey(oldKey), verifierKey: expect.any(String), current: true }]);
      const { keys } = await publishedKeys(admin);
      expect(keys).toEqual([
        { ...exportPublicKey(newKey), verifierKey: expect.stringMatching(/^collective-ledger\+[0-9a-f]{8}\+/), current: true },
        { ...exportPublicKey(oldKey), verifierKey: keysBefore.keys[0].verifierKey, current: false },
      ]);
      for (const key of keys) expect(() => parseVerifierKey(key.verifierKey)).not.toThrow();
      expect(parseKeySet({ keys }).map((k) => k.keyId)).toEqual([newId, oldId]); // the set `ledger verify --keys` reads
      // New heads and checkpoints are signed with the new key.
      const societyA = as(admin, 'societyA');
      expect((await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`)).body).toMatchObject({ treeSize: 2, keyId: newId });
      const checkpoint = (await societyA.get(`/v1/societies/${cast.societyA.id}/log/checkpoint`)).text;
      expect(parseAndVerifyCheckpoint(checkpoint, 'collective-ledger', importPublicKey(keys[0]))).toMatchObject({ treeSize: 2 });
      expect(() => parseAndVerifyCheckpoint(checkpoint, 'collective-ledger', importPublicKey(keys[1]))).toThrow();
    });

    it('verifies the log, heads of both keys; another society may not ask', async () => {
      const admin = new Http(t!.baseUrl, t!.adminToken);
      expect(await verify(admin, cast.societyA.id)).toEqual({ ok: true, checkedSubmissions: 2, checkedLines: 3, treeSize: 2, mismatches: [] });
      expect(await verify(as(admin, 'societyA'), cast.societyA.id)).toMatchObject({ ok: true });
      expect((await as(admin, 'societyB').post(`/v1/societies/${cast.societyA.id}/verify`, {})).status).toBe(404);
    });

    it('lets `ledger verify --keys` accept proofs against the old head and the new one with the published keys', async () => {
      const admin = new Http(t!.baseUrl, t!.adminToken);
      const keys = await publishedKeys(admin);
      const societyA = as(admin, 'societyA');
      const oldHead = await lineProof(societyA, first.id, 'L-1', '?treeSize=1');
      const newHead = await lineProof(societyA, first.id, 'L-1');
      expect([oldHead.head.keyId, newHead.head.keyId]).toEqual([oldId, newId]);
      for (const [proof, keyId] of [[oldHead, oldId], [newHead, newId], [proofBefore, oldId]] as const) {
        const result = await offline(proof, keys);
        expect(result).toMatchObject({ code: 0, err: '' });
        expect(result.out).toContain(`signed by key ${keyId}`);
        expect(verifyLineProof(proof, parseKeySet(keys))).toEqual({ ok: true });
      }
      // The keys saved before the rotation know nothing of the new key: fetch them again after a rotation.
      const stale = await offline(newHead, keysBefore);
      expect(stale.code).toBe(1);
      expect(stale.err).toContain(`the head is signed by key ${newId}, which is not a trusted key`);
    });

    it('reports the old heads, naming their key, when the old key is not configured', async () => {
      const admin = await boot({ LOG_SIGNING_KEY: exportPrivateKey(newKey) });
      expect((await publishedKeys(admin)).keys.map((k) => [k.keyId, k.current])).toEqual([[newId, true]]);
      expect(await verify(admin, cast.societyA.id)).toEqual({
        ok: false,
        checkedSubmissions: 2,
        checkedLines: 3,
        treeSize: 2,
        mismatches: [{ submissionId: first.id, reason: `the signed tree head of size 1: the head is signed by key ${oldId}, which is not a trusted key` }],
      });
    });

    it('refuses a head its key signed after the retirement the configuration records', async () => {
      const oldHead = proofBefore.head;
      const newHead = (await as(new Http(t!.baseUrl, t!.adminToken), 'societyA').get(`/v1/societies/${cast.societyA.id}/log/head`)).body;
      expect(newHead).toMatchObject({ treeSize: 2, keyId: newId });
      const retiredAt = (at: number) => ({ keys: [{ ...exportPublicKey(oldKey), retiredAt: new Date(at).toISOString() }] });

      // Retired between the two heads: both hold.
      let admin = await boot({ LOG_SIGNING_KEY: exportPrivateKey(newKey), LOG_TRUSTED_KEYS: trustedKeysFile('between.json', retiredAt(Date.parse(newHead.timestamp) - 1)) });
      expect(await verify(admin, cast.societyA.id)).toMatchObject({ ok: true });
      expect((await publishedKeys(admin)).keys[1]).toMatchObject({ keyId: oldId, current: false, retiredAt: new Date(Date.parse(newHead.timestamp) - 1).toISOString() });

      // Retired before the old head was signed: that head is reported.
      const early = new Date(Date.parse(oldHead.timestamp) - 1).toISOString();
      admin = await boot({ LOG_SIGNING_KEY: exportPrivateKey(newKey), LOG_TRUSTED_KEYS: trustedKeysFile('early.json', retiredAt(Date.parse(oldHead.timestamp) - 1)) });
      expect((await verify(admin, cast.societyA.id)).mismatches).toEqual([
        { submissionId: first.id, reason: `the signed tree head of size 1: the head is dated ${oldHead.timestamp}, after key ${oldId} was retired (${early})` },
      ]);
      // And offline, with the keys published now.
      const result = await offline(await lineProof(as(admin, 'societyA'), first.id, 'L-1', '?treeSize=1'), await publishedKeys(admin));
      expect(result.code).toBe(1);
      expect(result.err).toContain(`after key ${oldId} was retired (${early})`);
    });

    it('does not start on a LOG_TRUSTED_KEYS it cannot use, and says what is wrong', async () => {
      await t?.close();
      t = undefined;
      const wrongId = trustedKeysFile('wrong-id.json', { keys: [{ ...exportPublicKey(oldKey), keyId: '0123456789abcdef' }] });
      await expect(bootTestApp({ database, dataDir, env: { LOG_TRUSTED_KEYS: wrongId } })).rejects.toThrow(
        `LOG_TRUSTED_KEYS: the key set file ${wrongId} is not a key set {"keys": [{keyId, algorithm, publicKey, retiredAt?}]}: keys[0]: keyId 0123456789abcdef does not match its public key (expected ${oldId})`,
      );
      // The real processes: exit status 2 and the reason, before touching the database.
      const cases: [string, RegExp][] = [
        [path.join(files, 'absent.json'), /LOG_TRUSTED_KEYS: cannot read the key set file .*absent\.json: ENOENT/],
        [trustedKeysFile('array.json', keysBefore.keys), /LOG_TRUSTED_KEYS: the key set file .*array\.json is not a key set .*"keys" array/],
        [JSON.stringify(keysBefore), /LOG_TRUSTED_KEYS: must be the path of a JSON key set file/],
      ];
      writeFileSync(path.join(files, 'broken.json'), '{"keys": [');
      cases.push([path.join(files, 'broken.json'), /LOG_TRUSTED_KEYS: the key set file .*broken\.json is not JSON/]);
      const starts = cases.map(([value, message], i) => ({
        entry: i === 0 ? 'dist/apps/worker/src/main.js' : 'dist/apps/api/src/main.js',
        message,
        process: run(i === 0 ? 'dist/apps/worker/src/main.js' : 'dist/apps/api/src/main.js', cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', LOG_TRUSTED_KEYS: value })),
      }));
      for (const { entry, message, process } of starts) {
        expect([entry, await process.exited()]).toEqual([entry, 2]);
        expect(process.output()).toMatch(message);
      }
    });
  });

  describe('in DATA_DIR: `ledger keys rotate`', () => {
    let oldId: string;
    let first: { id: string };

    beforeAll(async () => {
      database = await createTestDatabase();
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-rotation-'));
      const admin = await boot({});
      cast = await givenTenants(admin);
      first = await commit(as(admin, 'societyA'), cast.societyA.id, 'distribution-lines', '2025Q1', [distribution({ line_id: 'L-1' })]);
      oldId = (await publishedKeys(admin)).keys[0].keyId;
      await t!.close();
      t = undefined;
    });
    afterAll(async () => {
      await t?.close();
      t = undefined;
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('rotates with the real command while the ledger is stopped; after a restart both keys are trusted', async () => {
      const oldPrivate = readFileSync(path.join(dataDir, 'log-signing-key.txt'), 'utf8');
      const rotate = run('bin/ledger.js', cleanEnv({ DATA_DIR: dataDir }), ['keys', 'rotate']);
      expect(await rotate.exited()).toBe(0);
      expect(rotate.output()).toMatch(new RegExp(`retired  ${oldId}  trusted for heads dated up to \\S+Z`));
      expect(readFileSync(path.join(dataDir, 'log-signing-key.txt'), 'utf8')).not.toBe(oldPrivate);

      const admin = await boot({});
      const societyA = as(admin, 'societyA');
      await commit(societyA, cast.societyA.id, 'undistributed', '2025Q1', [undistributed()]);
      const { keys } = await publishedKeys(admin);
      expect(keys.map((k) => ({ keyId: k.keyId, current: k.current, retired: k.retiredAt !== undefined }))).toEqual([
        { keyId: expect.not.stringMatching(oldId), current: true, retired: false },
        { keyId: oldId, current: false, retired: true },
      ]);
      expect((await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`)).body).toMatchObject({ treeSize: 2, keyId: keys[0].keyId });
      expect(await verify(admin, cast.societyA.id)).toMatchObject({ ok: true, treeSize: 2, mismatches: [] });
      const result = await offline(await lineProof(societyA, first.id, 'L-1', '?treeSize=1'), { keys });
      expect(result).toMatchObject({ code: 0, out: expect.stringContaining(`signed by key ${oldId}`) });
    });

    it('does not start on a retired keys file it cannot use, naming the file', async () => {
      await t?.close();
      t = undefined;
      const file = path.join(dataDir, 'log-retired-keys.json');
      const kept = readFileSync(file, 'utf8');
      writeFileSync(file, '{"keys": [{"keyId": "x"}]}');
      try {
        const p = run('dist/apps/api/src/main.js', cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: database.url, PORT: '0' }));
        expect(await p.exited()).toBe(2);
        expect(p.output()).toContain(`Invalid key file in DATA_DIR: the retired keys file ${file} is not a key set`);
      } finally {
        writeFileSync(file, kept);
      }
    });
  });
});
