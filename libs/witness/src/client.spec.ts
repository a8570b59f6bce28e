import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MerkleTree, formatVerifierKey, generateEd25519KeyPair, leafHash, signCheckpoint } from '../../merkle/src/index.js';
import { Witness, WitnessStateStore, cosignerVkey, createWitnessServer, generateCosignerKey, parseLogArgument, parseVkey, requestCosignature, signCosignature } from './index.js';

const ORIGIN = 'collective-ledger/society/42';

describe('requestCosignature against a witness server', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'witness-client-'));
  const log = generateEd25519KeyPair();
  const key = generateCosignerKey('w.example');
  const witnessKey = parseVkey(cosignerVkey(key));
  let server: Server;
  let url: string;
  const tree = new MerkleTree();
  for (let i = 0; i < 40; i++) tree.append(leafHash(Buffer.from(`l${i}`)));
  const cp = (size: number, t = tree) => signCheckpoint(ORIGIN, size, t.root(size), 'collective-ledger', log.privateKey);
  const proofFrom = (size: number) => (old: number) => tree.consistencyProof(old, size);

  beforeAll(async () => {
    const witness = new Witness({ key, logs: [parseLogArgument(`${ORIGIN}=${formatVerifierKey('collective-ledger', log.publicKey)}`)], store: new WitnessStateStore(dir) });
    server = createWitnessServer(witness);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('cosigns, discovers the size through 409 and resends, and reports a conflict as such', async () => {
    const first = await requestCosignature({ url, witnessKey, checkpoint: cp(10), proofFrom: proofFrom(10) });
    expect(first).toMatchObject({ kind: 'cosigned', witnessSize: 10 });
    // The caller does not know the witness's size: 409 → resend from 10 with the proof.
    const second = await requestCosignature({ url, witnessKey, checkpoint: cp(25), proofFrom: proofFrom(25) });
    expect(second).toMatchObject({ kind: 'cosigned', witnessSize: 25 });
    expect(second).toMatchObject({ oldSize: 10, line: expect.stringMatching(/^\u2014 w\.example [A-Za-z0-9+/=]+$/) });
    // Behind the witness: the checkpoint is smaller than what it cosigned (known, or told by a 409).
    expect(await requestCosignature({ url, witnessKey, checkpoint: cp(20), knownSize: 25, proofFrom: proofFrom(20) })).toMatchObject({ kind: 'conflict', status: null, witnessSize: 25 });
    expect(await requestCosignature({ url, witnessKey, checkpoint: cp(20), proofFrom: proofFrom(20) })).toMatchObject({ kind: 'conflict', status: 409, witnessSize: 25 });
    // A fork of the same size: 422.
    const fork = new MerkleTree();
    for (let i = 0; i < 25; i++) fork.append(leafHash(Buffer.from(`f${i}`)));
    expect(await requestCosignature({ url, witnessKey, checkpoint: cp(25, fork), knownSize: 25, proofFrom: () => [] })).toMatchObject({ kind: 'conflict', status: 422 });
    // Another witness key: the answer is not the cosignature expected.
    const other = parseVkey(cosignerVkey(generateCosignerKey('w.example')));
    expect(await requestCosignature({ url, witnessKey: other, checkpoint: cp(30), knownSize: 25, proofFrom: proofFrom(30) })).toMatchObject({ kind: 'failed', status: 200, retryable: false });
    // An origin it does not follow: configuration, not worth retrying.
    const stranger = signCheckpoint('collective-ledger/society/43', 30, tree.root(30), 'collective-ledger', log.privateKey);
    expect(await requestCosignature({ url, witnessKey, checkpoint: stranger, proofFrom: proofFrom(30) })).toMatchObject({ kind: 'failed', status: 404, retryable: false });
    // Nobody listening.
    expect(await requestCosignature({ url: 'http://127.0.0.1:9', witnessKey, checkpoint: cp(30), proofFrom: proofFrom(30), timeoutMs: 2000 })).toMatchObject({ kind: 'failed', status: null, retryable: true });
  });
});

describe('requestCosignature: retries and answers a witness should not give', () => {
  const log = generateEd25519KeyPair();
  const key = generateCosignerKey('w.example');
  const witnessKey = parseVkey(cosignerVkey(key));
  const tree = new MerkleTree();
  for (let i = 0; i < 8; i++) tree.append(leafHash(Buffer.from(`l${i}`)));
  const checkpoint = signCheckpoint(ORIGIN, 8, tree.root(8), 'collective-ledger', log.privateKey);
  /** A fetch answering from a script, recording each request's `old` line. */
  const scripted = (answers: (Response | Error)[]) => {
    const olds: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      olds.push(String(init.body).split('\n')[0]);
      const next = answers.shift();
      if (!next) throw new Error('no more answers scripted');
      if (next instanceof Error) throw next;
      return next;
    }) as typeof globalThis.fetch;
    return { fetch, olds };
  };
  const size = (n: number) => new Response(`${n}\n`, { status: 409, headers: { 'content-type': 'text/x.tlog.size' } });
  const cosigned = () => new Response(signCosignature(key, checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1), 1_700_000_000), { status: 200 });
  const base = { url: 'http://witness.invalid', witnessKey, checkpoint, proofFrom: (old: number) => tree.consistencyProof(old, 8), retryDelayMs: 1 };

  it('retries no answer, 5xx and 429 up to `tries`, then says it may pass later', async () => {
    const retries: string[] = [];
    const ok = scripted([new Error('ECONNREFUSED'), new Response('busy', { status: 503 }), new Response('slow down', { status: 429 }), cosigned()]);
    expect(await requestCosignature({ ...base, fetch: ok.fetch, tries: 4, onRetry: (reason) => retries.push(reason) })).toMatchObject({ kind: 'cosigned', witnessSize: 8 });
    expect(retries).toEqual(['no answer: ECONNREFUSED', 'answered 503: busy', 'answered 429: slow down']);
    const down = scripted([new Response('', { status: 502 }), new Response('', { status: 502 })]);
    expect(await requestCosignature({ ...base, fetch: down.fetch, tries: 2 })).toMatchObject({ kind: 'failed', status: null, retryable: true, reason: 'answered 502:  (2 tries)' });
  });

  it('follows 409s from the size each names, up to max409; a 409 without a size is a conflict (tlog-witness 1.0.0)', async () => {
    const follow = scripted([size(3), size(5), cosigned()]);
    expect(await requestCosignature({ ...base, fetch: follow.fetch })).toMatchObject({ kind: 'cosigned', oldSize: 5 });
    expect(follow.olds).toEqual(['old 0', 'old 3', 'old 5']);
    const moving = scripted([size(1), size(2), size(3)]);
    expect(await requestCosignature({ ...base, fetch: moving.fetch, max409: 2 })).toMatchObject({ kind: 'failed', status: 409, retryable: true });
    expect(await requestCosignature({ ...base, fetch: scripted([size(4), size(4)]).fetch })).toMatchObject({ kind: 'failed', status: 409, retryable: false, reason: 'a 409 naming the size 4 it was sent' });
    expect(await requestCosignature({ ...base, fetch: scripted([new Response('4', { status: 409, headers: { 'content-type': 'text/x.tlog.size' } })]).fetch })).toMatchObject({ kind: 'failed', retryable: false });
    expect(await requestCosignature({ ...base, knownSize: 8, fetch: scripted([new Response('different root\n', { status: 409 })]).fetch })).toMatchObject({ kind: 'conflict', status: 409, oldSize: 8, witnessSize: null, reason: 'different root' });
    expect(await requestCosignature({ ...base, knownSize: 4, fetch: scripted([new Response('bad proof\n', { status: 422 })]).fetch })).toMatchObject({ kind: 'conflict', status: 422, oldSize: 4 });
  });
});
