import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MerkleTree, emptyRoot, formatVerifierKey, generateEd25519KeyPair, signCheckpoint, leafHash } from '../../merkle/src/index.js';
import {
  PolicyError,
  TLOG_SIZE_CONTENT_TYPE,
  Witness,
  WitnessStateStore,
  appendSignatures,
  cosignaturesOf,
  cosignerVkey,
  formatAddCheckpointRequest,
  generateCosignerKey,
  originHash,
  parseAddCheckpointRequest,
  parseLogArgument,
  parsePolicy,
  parseSizeBody,
  parseVkey,
  quorumMet,
  writtenQuorum,
  signCosignature,
  verifyWithPolicy,
} from './index.js';

const ORIGIN = 'ledger.example/society/1';

function world() {
  const dir = mkdtempSync(path.join(tmpdir(), 'witness-spec-'));
  const log = generateEd25519KeyPair();
  const logVkey = formatVerifierKey(ORIGIN, log.publicKey);
  const key = generateCosignerKey('witness.example/w1');
  const witness = new Witness({ key, logs: [parseLogArgument(`${ORIGIN}=${logVkey}`)], store: new WitnessStateStore(dir), now: () => 1_700_000_000_000 });
  const tree = new MerkleTree();
  const grow = (n: number) => {
    for (let i = 0; i < n; i++) tree.append(leafHash(Buffer.from(`leaf ${tree.size}`)));
  };
  const checkpoint = (size = tree.size, root = tree.root(size), priv = log.privateKey) => signCheckpoint(ORIGIN, size, root, ORIGIN, priv);
  const add = (old: number, note: string, proof = old === 0 ? [] : tree.consistencyProof(old, Number(note.split('\n')[1]))) =>
    witness.addCheckpoint(formatAddCheckpointRequest(old, proof, note));
  return { dir, log, logVkey, key, witness, tree, grow, checkpoint, add, close: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('Witness.addCheckpoint', () => {
  it('cosigns a first checkpoint with old 0, then a consistent extension; the cosignatures verify', async () => {
    const w = world();
    w.grow(5);
    const first = w.checkpoint();
    const a = await w.add(0, first);
    expect(a.status).toBe(200);
    const cosigned = appendSignatures(first, a.body);
    const { cosignatures } = cosignaturesOf(cosigned, [parseVkey(cosignerVkey(w.key))]);
    expect(cosignatures[0].timestamp).toBe(1_700_000_000);
    w.grow(7);
    const b = await w.add(5, w.checkpoint());
    expect(b.status).toBe(200);
    expect(w.witness.latestCheckpoint(originHash(ORIGIN))).toContain('\n12\n');
    // Persisted: a new witness on the same folder knows size 12.
    const again = new Witness({ key: w.key, logs: [parseLogArgument(`${ORIGIN}=${w.logVkey}`)], store: new WitnessStateStore(w.dir) });
    const c = await again.addCheckpoint(formatAddCheckpointRequest(0, [], w.checkpoint()));
    expect(c).toMatchObject({ status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: '12\n' });
    w.close();
  });

  it('answers 400, 403, 404, 409, 422 as the spec says', async () => {
    const w = world();
    w.grow(4);
    expect((await w.witness.addCheckpoint('nonsense')).status).toBe(400);
    expect((await w.witness.addCheckpoint(`old 01\n\n${w.checkpoint()}`)).status).toBe(400);
    const other = generateEd25519KeyPair();
    expect((await w.add(0, signCheckpoint('other.example/log', 4, w.tree.root(), 'other.example/log', other.privateKey))).status).toBe(404);
    expect((await w.add(0, signCheckpoint(ORIGIN, 4, w.tree.root(), ORIGIN, other.privateKey))).status).toBe(403);
    const forged = w.checkpoint().replace(/\n4\n/, '\n3\n');
    expect((await w.witness.addCheckpoint(`old 0\n\n${forged}`)).status).toBe(403);
    expect((await w.add(5, w.checkpoint(), [])).status).toBe(400); // old > size
    expect((await w.add(0, w.checkpoint(), [Buffer.alloc(32)])).status).toBe(422); // proof with old 0
    expect((await w.add(0, w.checkpoint(0, Buffer.alloc(32)))).status).toBe(422); // size 0 without the empty root
    expect((await w.add(0, w.checkpoint(0, emptyRoot()))).status).toBe(200);
    expect((await w.add(0, w.checkpoint())).status).toBe(200);
    w.grow(3);
    expect((await w.add(2, w.checkpoint(), w.tree.consistencyProof(2, 7)))).toMatchObject({ status: 409, body: '4\n' });
    expect(parseSizeBody('4\n')).toBe(4);
    expect((await w.add(4, w.checkpoint(), w.tree.consistencyProof(3, 7))).status).toBe(422); // wrong proof
    expect((await w.add(4, w.checkpoint(4, Buffer.alloc(32, 1)), [])).status).toBe(422); // same size, other root
    expect((await w.add(4, w.checkpoint(4), [])).status).toBe(200); // same size, same root: cosigned again
    expect(readFileSync(path.join(w.dir, 'refused.log'), 'utf8').trim().split('\n')).toHaveLength(4);
    w.close();
  });

  it('refuses a split view: a second checkpoint for an old size, signed by the log key', async () => {
    const w = world();
    w.grow(6);
    expect((await w.add(0, w.checkpoint())).status).toBe(200);
    const fork = new MerkleTree();
    for (let i = 0; i < 6; i++) fork.append(leafHash(Buffer.from(`other ${i}`)));
    const forked = w.checkpoint(6, fork.root());
    expect((await w.add(6, forked, [])).status).toBe(422);
    expect((await w.add(0, forked)).status).toBe(409);
    fork.append(leafHash(Buffer.from('more')));
    expect((await w.add(6, w.checkpoint(7, fork.root()), fork.consistencyProof(6, 7))).status).toBe(422);
    w.close();
  });

  it('follows the logs resolveLog names beyond its list (the demo witness: every society of the ledger), and only those', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'witness-spec-'));
    const log = generateEd25519KeyPair();
    const vkey = parseVkey(formatVerifierKey('ledger.example', log.publicKey));
    const witness = new Witness({
      key: generateCosignerKey('witness.example/demo'),
      logs: [],
      store: new WitnessStateStore(dir),
      resolveLog: (origin) => (/^ledger\.example\/society\/[0-9]+$/.test(origin) ? { origin, keys: [vkey] } : null),
    });
    const tree = new MerkleTree();
    for (let i = 0; i < 3; i++) tree.append(leafHash(Buffer.from(`leaf ${i}`)));
    const add = (origin: string, priv = log.privateKey) => witness.addCheckpoint(formatAddCheckpointRequest(0, [], signCheckpoint(origin, 3, tree.root(), 'ledger.example', priv)));
    expect(witness.origins).toEqual([]);
    expect((await add('ledger.example/society/7')).status).toBe(200);
    expect((await add('ledger.example/society/8')).status).toBe(200);
    expect(witness.origins).toEqual(['ledger.example/society/7', 'ledger.example/society/8']);
    expect((await add('ledger.example/other')).status).toBe(404);
    expect((await add('ledger.example/society/9', generateEd25519KeyPair().privateKey)).status).toBe(403); // followed, but not signed by the log key
    expect((await add('ledger.example/society/7')).status).toBe(409); // state kept per log as for any other
    rmSync(dir, { recursive: true, force: true });
  });

  it('serialises concurrent requests per log: one of two racing extensions wins, the other gets 409', async () => {
    const w = world();
    w.grow(3);
    expect((await w.add(0, w.checkpoint())).status).toBe(200);
    w.grow(2);
    const five = w.checkpoint();
    w.grow(2);
    const seven = w.checkpoint();
    const [a, b] = await Promise.all([w.add(3, five, w.tree.consistencyProof(3, 5)), w.add(3, seven, w.tree.consistencyProof(3, 7))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    w.close();
  });
});

describe('tlog-policy', () => {
  const w1 = generateCosignerKey('w1.example');
  const w2 = generateCosignerKey('w2.example');
  const w3 = generateCosignerKey('w3.example');
  const log = generateEd25519KeyPair();
  const text = [
    '# witnesses of the ledger',
    `log ${formatVerifierKey(ORIGIN, log.publicKey)} https://ledger.example/logs/1`,
    `witness X1 ${cosignerVkey(w1)} https://w1.example`,
    `\twitness X2 ${cosignerVkey(w2)}`,
    `witness Y1 ${cosignerVkey(w3)}`,
    'group X 2 X1 X2',
    'group XY all X Y1',
    'quorum XY',
    '',
  ].join('\n');

  it('parses the spec syntax and evaluates nested groups', () => {
    const p = parsePolicy(text);
    expect(p.witnesses.map((w) => [w.name, w.url])).toEqual([['X1', 'https://w1.example'], ['X2', undefined], ['Y1', undefined]]);
    expect(quorumMet(p, new Set(['X1', 'X2', 'Y1']))).toBe(true);
    expect(quorumMet(p, new Set(['X1', 'Y1']))).toBe(false);
    expect(quorumMet(parsePolicy(text.replace('quorum XY', 'quorum none')), new Set())).toBe(true);
    expect(quorumMet(parsePolicy(text.replace('quorum XY', 'quorum 2')), new Set(['X1', 'Y1']))).toBe(true);
    expect([writtenQuorum(p), writtenQuorum(parsePolicy(text.replace('quorum XY', 'quorum 2'))), writtenQuorum(parsePolicy(text.replace('quorum XY', 'quorum none')))]).toEqual(['XY', '2', 'none']);
  });

  it.each([
    ['quorum line missing', text.replace('quorum XY', '')],
    ['two quorum lines', `${text}quorum X\n`],
    ['forward reference', text.replace('group X 2 X1 X2', 'group X 2 X1 X2 Z9')],
    ['threshold above members', text.replace('group X 2', 'group X 3')],
    ['duplicate key', `${text}witness X9 ${cosignerVkey(w1)}\n`],
    ['log key of the wrong type', text.replace(/^log .*$/m, `log ${cosignerVkey(w1)}`)],
    ['duplicate member', text.replace('group X 2 X1 X2', 'group X 2 X1 X1')],
  ])('refuses a policy with %s', (_label, bad) => {
    expect(() => parsePolicy(bad)).toThrow(PolicyError);
  });

  it('verifies a checkpoint against the policy and counts its cosigners', () => {
    const p = parsePolicy(text);
    const note = signCheckpoint(ORIGIN, 1, Buffer.alloc(32, 3), ORIGIN, log.privateKey);
    const body = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const two = note + signCosignature(w1, body, 10) + signCosignature(w3, body, 11);
    expect(verifyWithPolicy(two, p)).toMatchObject({ quorum: false });
    const three = two + signCosignature(w2, body, 12);
    const v = verifyWithPolicy(three, p);
    expect(v.quorum).toBe(true);
    expect(v.cosignatures.map((c) => c.witness)).toEqual(['X1', 'Y1', 'X2']);
  });

  it('checks the origin against the log key name unless told the log names its key otherwise', () => {
    const shared = generateEd25519KeyPair();
    const p = parsePolicy(`log ${formatVerifierKey('collective-ledger', shared.publicKey)}\nquorum none\n`);
    const note = signCheckpoint('collective-ledger/society/7', 2, Buffer.alloc(32, 1), 'collective-ledger', shared.privateKey);
    expect(() => verifyWithPolicy(note, p)).toThrow("not the log key's name");
    expect(verifyWithPolicy(note, p, { originMustBeKeyName: false, origin: 'collective-ledger/society/7' }).quorum).toBe(true);
    expect(() => verifyWithPolicy(note, p, { originMustBeKeyName: false, origin: 'collective-ledger/society/8' })).toThrow('not collective-ledger/society/8');
  });
});

describe('protocol', () => {
  it('round-trips a request and refuses more than 63 proof lines', () => {
    const note = 'o\n1\n' + Buffer.alloc(32).toString('base64') + '\n\n\u2014 o AAAAAAA=\n';
    const proof = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(parseAddCheckpointRequest(formatAddCheckpointRequest(3, proof, note))).toEqual({ oldSize: 3, proof, checkpoint: note });
    const long = `old 1\n${`${Buffer.alloc(32).toString('base64')}\n`.repeat(64)}\n${note}`;
    expect(() => parseAddCheckpointRequest(long)).toThrow('63');
  });
});
