import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MerkleTree, formatVerifierKey, generateEd25519KeyPair, leafHash, signCheckpoint } from '../../merkle/src/index.js';
import { Witness, WitnessStateStore, cosignerVkey, createWitnessServer, generateCosignerKey, parseLogArgument, parseVkey, requestCosignature } from './index.js';

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
    // Behind the witness: the checkpoint is smaller than what it cosigned.
    expect(await requestCosignature({ url, witnessKey, checkpoint: cp(20), knownSize: 25, proofFrom: proofFrom(20) })).toMatchObject({ kind: 'conflict', status: 409, witnessSize: 25 });
    // A fork of the same size: 422.
    const fork = new MerkleTree();
    for (let i = 0; i < 25; i++) fork.append(leafHash(Buffer.from(`f${i}`)));
    expect(await requestCosignature({ url, witnessKey, checkpoint: cp(25, fork), knownSize: 25, proofFrom: () => [] })).toMatchObject({ kind: 'conflict', status: 422 });
    // Another witness key: the answer is not the cosignature expected.
    const other = parseVkey(cosignerVkey(generateCosignerKey('w.example')));
    expect(await requestCosignature({ url, witnessKey: other, checkpoint: cp(30), knownSize: 25, proofFrom: proofFrom(30) })).toMatchObject({ kind: 'failed', status: 200 });
    // Nobody listening.
    expect(await requestCosignature({ url: 'http://127.0.0.1:9', witnessKey, checkpoint: cp(30), proofFrom: proofFrom(30), timeoutMs: 2000 })).toMatchObject({ kind: 'failed', status: null });
  });
});
