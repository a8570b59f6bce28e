/**
 * `ledger witness keygen` and `ledger witness serve` as a separate process (the built
 * CLI): C2SP tlog-witness answers over HTTP, a split view refused, and kill -9 at
 * random points between checking and persisting (50 rounds) never leading it to cosign
 * two roots for one size, nor to forget a size it cosigned.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MerkleTree, formatVerifierKey, generateEd25519KeyPair, leafHash, signCheckpoint } from '../../libs/merkle/src/index.js';
import {
  TLOG_SIZE_CONTENT_TYPE,
  appendSignatures,
  cosignaturesOf,
  formatAddCheckpointRequest,
  originHash,
  parseSizeBody,
  parseVkey,
} from '../../libs/witness/src/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/ledger.js');
const ORIGIN = 'ledger.example/logs/society-1';

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // A failed expectation leaves its witness running: stop it so the run ends.
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

async function startWitness(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'witness', 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`witness exited ${code}: ${err}`)));
  });
  return { child, url, exited };
}

async function stop(w: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  w.child.kill(signal);
  await w.exited;
}

async function post(url: string, body: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${url}/add-checkpoint`, { method: 'POST', body });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'witness-e2e-'));
  const keyFile = path.join(dir, 'witness.key');
  const gen = spawnSync(process.execPath, [BIN, 'witness', 'keygen', 'witness.example/regulator', keyFile], { encoding: 'utf8' });
  expect(gen.status).toBe(0);
  const vkey = gen.stdout.trim();
  const log = generateEd25519KeyPair();
  const logVkey = formatVerifierKey(ORIGIN, log.publicKey);
  const sign = (size: number, root: Buffer) => signCheckpoint(ORIGIN, size, root, ORIGIN, log.privateKey);
  const tree = (prefix: string, n: number) => {
    const t = new MerkleTree();
    for (let i = 0; i < n; i++) t.append(leafHash(Buffer.from(`${prefix} ${i}`)));
    return t;
  };
  return { dir, keyFile, vkey, log, logVkey, sign, tree, args: (state = path.join(dir, 'state')) => ['--key', keyFile, '--state', state, '--log', `${ORIGIN}=${logVkey}`] };
}

describe('ledger witness keygen', () => {
  it('writes the private key with mode 600, prints a 0x04 vkey, and never overwrites a key file', () => {
    const s = setup();
    expect(statSync(s.keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(s.keyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+witness\.example\/regulator\+[0-9a-f]{8}\+\S+\n$/);
    expect(parseVkey(s.vkey)).toMatchObject({ name: 'witness.example/regulator', type: 0x04 });
    const again = spawnSync(process.execPath, [BIN, 'witness', 'keygen', 'other', s.keyFile], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('never overwritten');
    rmSync(s.dir, { recursive: true, force: true });
  });
});

describe('ledger witness serve', () => {
  it('cosigns, answers 400/403/404/409/422 as tlog-witness says, serves its latest checkpoint, and keeps its size across a restart', async () => {
    const s = setup();
    const w = await startWitness(s.args());
    const t = s.tree('a', 20);
    const witnessKey = parseVkey(s.vkey);
    // old 0 discovery on a witness that never saw the log: it cosigns.
    const first = await post(w.url, formatAddCheckpointRequest(0, [], s.sign(5, t.root(5))));
    expect(first.status).toBe(200);
    const [cosig] = cosignaturesOf(appendSignatures(s.sign(5, t.root(5)), first.body), [witnessKey]).cosignatures;
    expect(cosig.timestamp).toBeGreaterThan(Date.now() / 1000 - 60);
    // old 0 discovery again: 409 with its size.
    const discover = await post(w.url, formatAddCheckpointRequest(0, [], s.sign(9, t.root(9))));
    expect(discover).toEqual({ status: 409, type: TLOG_SIZE_CONTENT_TYPE, body: '5\n' });
    // resend from the witness's size with the proof from there.
    const old = parseSizeBody(discover.body);
    expect((await post(w.url, formatAddCheckpointRequest(old, t.consistencyProof(old, 9), s.sign(9, t.root(9))))).status).toBe(200);
    // 400: malformed; old > size.
    expect((await post(w.url, 'old 1\nnot a proof\n\nx\n')).status).toBe(400);
    expect((await post(w.url, formatAddCheckpointRequest(12, [], s.sign(10, t.root(10))))).status).toBe(400);
    // 403: signed by another key; 404: unknown origin.
    const other = generateEd25519KeyPair();
    expect((await post(w.url, formatAddCheckpointRequest(9, [], signCheckpoint(ORIGIN, 10, t.root(10), ORIGIN, other.privateKey)))).status).toBe(403);
    expect((await post(w.url, formatAddCheckpointRequest(0, [], signCheckpoint('elsewhere.example/log', 1, t.root(1), 'elsewhere.example/log', other.privateKey)))).status).toBe(404);
    // 422: a bad proof.
    expect((await post(w.url, formatAddCheckpointRequest(9, t.consistencyProof(8, 12), s.sign(12, t.root(12))))).status).toBe(422);
    // The monitoring GET: the log's signature and the witness's cosignature.
    const latest = await fetch(`${w.url}/${originHash(ORIGIN)}/checkpoint`);
    expect(latest.status).toBe(200);
    const note = await latest.text();
    expect(note.split('\n')[1]).toBe('9');
    expect(cosignaturesOf(note, [witnessKey]).cosignatures).toHaveLength(1);
    expect((await fetch(`${w.url}/${originHash('nobody')}/checkpoint`)).status).toBe(404);
    expect((await fetch(`${w.url}/health`)).status).toBe(200);
    await stop(w);
    const again = await startWitness(s.args());
    expect(await post(again.url, formatAddCheckpointRequest(0, [], s.sign(12, t.root(12))))).toMatchObject({ status: 409, body: '9\n' });
    await stop(again);
    rmSync(s.dir, { recursive: true, force: true });
  });

  it('refuses a split view: the log key signs a second, different checkpoint for a size it already cosigned', async () => {
    const s = setup();
    const w = await startWitness(s.args());
    const honest = s.tree('honest', 8);
    const forked = s.tree('forked', 10);
    expect((await post(w.url, formatAddCheckpointRequest(0, [], s.sign(8, honest.root())))).status).toBe(200);
    // Same size, other root (old = its size): 422; a larger fork that does not extend it: 422.
    expect((await post(w.url, formatAddCheckpointRequest(8, [], s.sign(8, forked.root(8))))).status).toBe(422);
    expect((await post(w.url, formatAddCheckpointRequest(8, forked.consistencyProof(8, 10), s.sign(10, forked.root(10))))).status).toBe(422);
    // Any other old size: 409; an old size above the checkpoint: 400. Never a cosignature.
    expect((await post(w.url, formatAddCheckpointRequest(0, [], s.sign(8, forked.root(8))))).status).toBe(409);
    expect((await post(w.url, formatAddCheckpointRequest(9, [], s.sign(8, forked.root(8))))).status).toBe(400);
    const refused = readFileSync(path.join(s.dir, 'state', 'refused.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { reason: string });
    expect(refused).toHaveLength(2);
    await stop(w);
    rmSync(s.dir, { recursive: true, force: true });
  });

  it('killed with SIGKILL at random points between checking and persisting (50 rounds), never cosigns two roots for one size', async () => {
    const rounds = Number(process.env.WITNESS_KILL_ROUNDS ?? 50);
    const s = setup();
    const forks = { a: s.tree('a', 4 * rounds + 8), b: s.tree('b', 4 * rounds + 8) };
    const cosigned = new Map<number, Set<string>>(); // size → roots it cosigned
    let largestCosigned = 0;
    let kills = 0;
    let lostAnswers = 0; // rounds where the witness had persisted a size whose answer the kill lost
    for (let round = 0; round < rounds; round++) {
      const w = await startWitness(s.args(), { LEDGER_WITNESS_TEST_PAUSE_MS: '25' });
      // What the witness persisted: discovered with old 0 (an empty tree is cosigned, size 0).
      const probe = await post(w.url, formatAddCheckpointRequest(0, [], s.sign(0, forks.a.root(0))));
      const size = probe.status === 409 ? parseSizeBody(probe.body) : 0;
      // Every size it returned a cosignature for before a kill was persisted first.
      expect(size).toBeGreaterThanOrEqual(largestCosigned);
      if (size > largestCosigned) lostAnswers++;
      const next = size + 1 + (round % 3);
      const send = (fork: 'a' | 'b') => {
        const t = forks[fork];
        const body = formatAddCheckpointRequest(size, size === 0 ? [] : t.consistencyProof(size, next), s.sign(next, t.root(next)));
        return post(w.url, body).then(
          (r) => ({ ...r, root: t.root(next).toString('base64') }),
          () => null, // the kill cut the connection
        );
      };
      const answers = Promise.all([send('a'), send('b')]);
      const killAfter = Math.floor(Math.random() * 150);
      await new Promise((r) => setTimeout(r, killAfter));
      if (w.child.exitCode === null) {
        w.child.kill('SIGKILL');
        kills++;
      }
      await w.exited;
      for (const answer of await answers) {
        if (answer?.status === 200) {
          const roots = cosigned.get(next) ?? new Set<string>();
          roots.add(answer.root);
          cosigned.set(next, roots);
          largestCosigned = Math.max(largestCosigned, next);
        }
      }
    }
    for (const [size, roots] of cosigned) expect({ size, roots: roots.size }).toEqual({ size, roots: 1 });
    // The witness followed one fork only: every cosigned root is of the same tree.
    const fork = [...cosigned.entries()].map(([size, roots]) => ([...roots][0] === forks.a.root(size).toString('base64') ? 'a' : 'b'));
    expect(new Set(fork).size).toBeLessThanOrEqual(1);
    expect(kills).toBeGreaterThan(rounds / 4);
    expect(cosigned.size).toBeGreaterThan(0);
    process.stdout.write(`kill -9 drill: ${rounds} rounds, ${kills} kills, ${cosigned.size} sizes cosigned, ${lostAnswers} persisted sizes whose answer the kill lost, largest ${largestCosigned}\n`);
    rmSync(s.dir, { recursive: true, force: true });
  }, 300_000);
});
