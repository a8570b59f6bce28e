import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../apps/cli/src/cli-io.js';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command.js';
import {
  canonicalJson,
  emptyRoot,
  generateEd25519KeyPair,
  importPublicKey,
  parseAndVerifyCheckpoint,
  parseCanonicalJson,
  parseKeySet,
  parseVerifierKey,
  signTreeHead,
  verifyConsistency,
  verifyLineProof,
  verifyTreeHead,
  type LineProofBundle,
} from '../../libs/merkle/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { commit, distribution, undistributed, writeJson } from './support.js';

describe('society logs: heads, checkpoints, consistency and line proofs', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let admin: Http;
  let anonymous: Http;
  let societyA: Http;
  let societyB: Http;
  let holderA: Http;
  let holderB: Http;
  let regulator: Http;
  let dir: string;
  /** Society A's first distribution submission: L-1 is holder A's, L-2 unidentified. */
  let first: { id: string; root: string };
  let headAfterFirst: { treeSize: number; rootHash: string };
  let second: { id: string };

  const keys = async () => parseKeySet((await anonymous.get('/v1/log/keys')).body);
  const proof = async (who: Http, submissionId: string, lineId: string, query = '') =>
    who.get<LineProofBundle>(`/v1/submissions/${submissionId}/lines/${encodeURIComponent(lineId)}/proof${query}`);

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    anonymous = new Http(t.baseUrl);
    cast = await givenTenants(admin);
    societyA = admin.as(cast.tokens.societyA);
    societyB = admin.as(cast.tokens.societyB);
    holderA = admin.as(cast.tokens.holderA);
    holderB = admin.as(cast.tokens.holderB);
    regulator = admin.as(cast.tokens.regulator);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-proofs-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('publishes the public keys without a credential, with the checkpoint verifier key', async () => {
    const res = await anonymous.get('/v1/log/keys');
    expect(res.status).toBe(200);
    expect(res.body.keys).toHaveLength(1);
    const [key] = res.body.keys;
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(parseKeySet(res.body)[0].keyId).toBe(key.keyId); // a key set `ledger verify --keys` accepts
    expect(key.verifierKey).toMatch(/^collective-ledger\+[0-9a-f]{8}\+/);
    expect(() => parseVerifierKey(key.verifierKey)).not.toThrow();
  });

  it('signs a head of the empty log before the first commit, the same bytes every time', async () => {
    const res = await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ treeSize: 0, rootHash: emptyRoot().toString('hex'), origin: `collective-ledger/society/${cast.societyA.id}` });
    expect(verifyTreeHead(res.body, await keys())).toEqual({ ok: true });
    expect((await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`)).body).toEqual(res.body);
  });

  it('signs a new head after each commit; the checkpoint is the same head as a C2SP signed note', async () => {
    first = await commit(societyA, cast.societyA.id, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: cast.holderA.ipi, rights_holder_name: cast.holderA.name }),
      distribution({ line_id: 'L-2', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 7)', status: 'unidentified', paid_on: '' }),
      distribution({ line_id: 'L-3', work_title: 'Autumn, "Road"' }),
    ]);
    const head = await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`);
    expect(head.body).toMatchObject({ treeSize: 1, keyId: (await keys())[0].keyId });
    expect(verifyTreeHead(head.body, await keys())).toEqual({ ok: true });
    headAfterFirst = head.body;

    const checkpoint = await societyA.get(`/v1/societies/${cast.societyA.id}/log/checkpoint`);
    expect(checkpoint.status).toBe(200);
    expect(checkpoint.headers.get('content-type')).toMatch(/^text\/plain/);
    const [origin, size, root, blank] = checkpoint.text.split('\n');
    expect([origin, size, blank]).toEqual([`collective-ledger/society/${cast.societyA.id}`, '1', '']);
    expect(Buffer.from(root, 'base64').toString('hex')).toBe(head.body.rootHash);
    const publicKey = importPublicKey((await keys())[0]);
    const opened = parseAndVerifyCheckpoint(checkpoint.text, 'collective-ledger', publicKey);
    expect(opened).toMatchObject({ origin, treeSize: 1 });
    expect(() => parseAndVerifyCheckpoint(checkpoint.text.replace(`\n1\n`, `\n2\n`), 'collective-ledger', publicKey)).toThrow();
  });

  it('proves that the log only grew (consistency between two heads)', async () => {
    second = await commit(societyA, cast.societyA.id, 'undistributed', '2025Q1', [undistributed(), undistributed({ category: 'mechanical', amount: '7.5' })]);
    const head = (await societyA.get(`/v1/societies/${cast.societyA.id}/log/head`)).body;
    expect(head.treeSize).toBe(2);
    const res = await holderB.get(`/v1/societies/${cast.societyA.id}/log/consistency?first=1&second=2`);
    expect(res.status).toBe(200);
    const proofHashes = res.body.proof.map((h: string) => Buffer.from(h, 'hex'));
    const oldRoot = Buffer.from(headAfterFirst.rootHash, 'hex');
    const newRoot = Buffer.from(head.rootHash, 'hex');
    expect(verifyConsistency(1, 2, oldRoot, newRoot, proofHashes)).toBe(true);
    expect(verifyConsistency(1, 2, newRoot, newRoot, proofHashes)).toBe(false);
    // `second` defaults to the current size; equal sizes need no proof.
    expect((await societyA.get(`/v1/societies/${cast.societyA.id}/log/consistency?first=1`)).body.proof).toEqual(res.body.proof);
    expect((await societyA.get(`/v1/societies/${cast.societyA.id}/log/consistency?first=2&second=2`)).body).toEqual({ proof: [] });
  });

  it('serves a line proof that verifies with verifyLineProof, its leaf exactly the hashed canonical JSON', async () => {
    const res = await proof(societyA, first.id, 'L-3');
    expect(res.status).toBe(200);
    const bundle = res.body;
    expect(bundle).toMatchObject({ leafIndex: 2, submissionSize: 3, submissionRoot: first.root, submissionIndex: 0, treeSize: 2 });
    expect(canonicalJson(parseCanonicalJson(bundle.leaf))).toBe(bundle.leaf);
    expect(JSON.parse(bundle.leaf)).toMatchObject({ line_id: 'L-3', work_title: 'Autumn, "Road"', net: '500', paid_on: '2025-03-30', work_iswc: 'T0345246801' });
    expect(verifyLineProof(bundle, await keys())).toEqual({ ok: true });
    // Against the older head (size 1) too.
    const older = await proof(societyA, first.id, 'L-3', '?treeSize=1');
    expect(older.body.head).toEqual(headAfterFirst);
    expect(verifyLineProof(older.body, await keys())).toEqual({ ok: true });
  });

  it('round-trips through `ledger verify --proof F --keys K`: the downloaded files verify, an altered line does not', async () => {
    const bundle = (await proof(regulator, first.id, 'L-1')).body;
    const files = await writeJson(dir, {
      proof: bundle,
      keys: (await anonymous.get('/v1/log/keys')).body,
      altered: { ...bundle, leaf: bundle.leaf.replace('"net":"500"', '"net":"5000"') },
    });
    const ok = memoryIo();
    expect(await verifyCommand(['--proof', files.proof, '--keys', files.keys], ok)).toBe(0);
    expect(ok.out).toMatch(/^OK: line 0 of submission 0 is in the log of size 2/);
    expect(ok.err).toBe('');
    const altered = memoryIo();
    expect(await verifyCommand(['--proof', files.altered, '--keys', files.keys], altered)).toBe(1);
    expect(altered.err).toMatch(/^FAILED: /);
  });

  it('refuses a head signed by another key, in the library and in the CLI', async () => {
    const bundle = (await proof(societyA, first.id, 'L-1')).body;
    const { head } = bundle;
    const impostor = generateEd25519KeyPair();
    const forged = { ...bundle, head: signTreeHead({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, origin: head.origin }, impostor.privateKey) };
    const result = verifyLineProof(forged, await keys());
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/not a trusted key/);
    const files = await writeJson(dir, { forged, keys: (await anonymous.get('/v1/log/keys')).body });
    const io = memoryIo();
    expect(await verifyCommand(['--proof', files.forged, '--keys', files.keys], io)).toBe(1);
    expect(io.err).toMatch(/not a trusted key/);
  });

  it("fails a line's proof checked against another society's log", async () => {
    await commit(societyB, cast.societyB.id, 'distribution-lines', '2025Q1', [distribution({ line_id: 'L-1' }), distribution({ line_id: 'L-2' })]);
    await commit(societyB, cast.societyB.id, 'undistributed', '2025Q1', [undistributed()]);
    const ours = (await proof(societyA, first.id, 'L-1')).body;
    const theirs = (await proof(societyB, (await societyB.get(`/v1/societies/${cast.societyB.id}/submissions`)).body.items.find((s: { type: string }) => s.type === 'distribution-lines').id, 'L-1')).body;
    expect(theirs.treeSize).toBe(ours.treeSize);
    expect(verifyLineProof(theirs, await keys())).toEqual({ ok: true });
    // A's line and submission path, B's log path and signed head: the chain breaks.
    const mixed = { ...ours, logProof: theirs.logProof, head: theirs.head };
    const result = verifyLineProof(mixed, await keys());
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/not proven to be in the log/);
  });

  it('gives a rights holder the proof of their own line only; society B and other holders get 404', async () => {
    expect((await proof(holderA, first.id, 'L-1')).status).toBe(200);
    expect(verifyLineProof((await proof(holderA, first.id, 'L-1')).body, await keys())).toEqual({ ok: true });
    expect((await proof(holderA, first.id, 'L-2')).status).toBe(404); // unidentified: nobody's
    expect((await proof(holderA, first.id, 'L-3')).status).toBe(404); // another holder's
    expect((await proof(holderB, first.id, 'L-1')).status).toBe(404);
    expect((await proof(societyB, first.id, 'L-1')).status).toBe(404);
    expect((await proof(regulator, first.id, 'L-2')).status).toBe(200);
    expect((await proof(admin, first.id, 'L-2')).status).toBe(200);
  });

  it("lets anyone read any society's head, checkpoint and consistency, without a token (public, issue 15)", async () => {
    for (const route of ['log/head', 'log/checkpoint', 'log/consistency?first=0&second=1']) {
      for (const who of [holderB, regulator, societyB, anonymous]) {
        expect({ route, status: (await who.get(`/v1/societies/${cast.societyA.id}/${route}`)).status }).toEqual({ route, status: 200 });
      }
      expect((await anonymous.get(`/v1/societies/00000000-0000-4000-8000-000000000000/${route}`)).status).toBe(404);
    }
  });

  it('names lines of packages without an id column by their line number #n', async () => {
    const res = await proof(societyA, second.id, '#3');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leafIndex: 1, submissionIndex: 1, submissionSize: 2 });
    expect(JSON.parse(res.body.leaf)).toMatchObject({ category: 'mechanical', amount: '7.5' });
    expect(verifyLineProof(res.body, await keys())).toEqual({ ok: true });
    // The same line of a package with ids, by number.
    expect((await proof(societyA, first.id, '#2')).body.leaf).toBe((await proof(societyA, first.id, 'L-1')).body.leaf);
  });

  it('answers bad requests with a 4xx naming the problem', async () => {
    const bad = async (url: string, status: number, field?: string) => {
      const res = await societyA.get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return res;
    };
    const log = `/v1/societies/${cast.societyA.id}/log/consistency`;
    await bad(`${log}?first=2&second=1`, 400, 'first');
    await bad(`${log}?first=0&second=3`, 400, 'second');
    await bad(`${log}?second=1`, 400, 'first');
    await bad(`${log}?first=x&second=1`, 400, 'first');
    await bad(`${log}?first=-1&second=1`, 400, 'first');
    await bad(`/v1/societies/not-a-uuid/log/head`, 400, 'id');
    await bad(`/v1/societies/00000000-0000-4000-8000-000000000000/log/head`, 404);
    await bad(`/v1/submissions/${second.id}/lines/L-1/proof`, 400, 'lineId');
    await bad(`/v1/submissions/${first.id}/lines/L-404/proof`, 404);
    await bad(`/v1/submissions/${first.id}/lines/%2399/proof`, 404);
    await bad(`/v1/submissions/${first.id}/lines/L-1/proof?treeSize=0`, 400, 'treeSize');
    await bad(`/v1/submissions/${first.id}/lines/L-1/proof?treeSize=9`, 404);
    await bad(`/v1/submissions/${second.id}/lines/%232/proof?treeSize=1`, 400, 'treeSize');
    await bad(`/v1/submissions/00000000-0000-4000-8000-000000000000/lines/L-1/proof`, 404);
  });

  it('proves lines of a submission of several 1,024-line chunks from one chunk and the chunk roots', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => distribution({ line_id: `C-${i}`, gross: `${600 + i}.00`, net: `${500 + i}.00` }));
    const big = await commit(societyA, cast.societyA.id, 'distribution-lines', '2025Q2', rows.map((r) => ({ ...r, use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })));
    const chunks = await t.dataSource.query(
      `SELECT chunk_index, first_line_no, leaf_count FROM submission_chunks WHERE submission_id = $1 ORDER BY chunk_index`,
      [big.id],
    );
    expect(chunks).toEqual([
      { chunk_index: 0, first_line_no: 2, leaf_count: 1024 },
      { chunk_index: 1, first_line_no: 1026, leaf_count: 1024 },
      { chunk_index: 2, first_line_no: 2050, leaf_count: 452 },
    ]);
    for (const i of [0, 1023, 1024, 2047, 2048, 2499]) {
      const res = await proof(societyA, big.id, `C-${i}`);
      expect(res.body).toMatchObject({ leafIndex: i, submissionSize: 2500, submissionRoot: big.root });
      expect(verifyLineProof(res.body, await keys())).toEqual({ ok: true });
    }
  });
});
