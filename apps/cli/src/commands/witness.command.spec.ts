import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatVerifierKey, generateEd25519KeyPair } from '../../../../libs/merkle/src/index.js';
import { parseCosignerPrivateKey, parseVkey, cosignerVkey } from '../../../../libs/witness/src/index.js';
import { memoryIo } from '../cli-io.js';
import { runWitness } from './witness.command.js';

describe('ledger witness', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'witness-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keygen writes a 0x04 private key (mode 600) and prints its vkey', async () => {
    const io = memoryIo();
    const file = path.join(dir, 'k1');
    expect(await runWitness(['keygen', 'w.example', file], io, {})).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = parseCosignerPrivateKey(readFileSync(file, 'utf8'));
    expect(io.out.trim()).toBe(cosignerVkey(key));
    expect(parseVkey(io.out.trim()).type).toBe(0x04);
    const again = memoryIo();
    expect(await runWitness(['keygen', 'w.example', file], again, {})).toBe(2);
  });

  it.each([
    [['serve', '--port', '0', '--key', 'x', '--state', 'y']],
    [['serve', '--port', 'eighty', '--key', 'x', '--state', 'y', '--log', 'a=b']],
    [['serve', '--port', '0', '--key', 'x', '--state', 'y', '--log', 'origin=not-a-vkey']],
    [['serve', '--port', '0', '--state', 'y', '--log', 'o=o+00000000+AQ==']],
    [['serve', '--bogus', '1']],
    [['frobnicate']],
    [['keygen', 'bad name', path.join(tmpdir(), 'never-written')]],
  ])('refuses %j with exit 2 and the usage', async (args) => {
    const io = memoryIo();
    expect(await runWitness(args, io, {})).toBe(2);
    expect(io.err).toContain('usage: ledger witness');
  });

  it('serve listens, answers /health, and stops when asked', async () => {
    const keyFile = path.join(dir, 'k2');
    await runWitness(['keygen', 'w2.example', keyFile], memoryIo(), {});
    const log = generateEd25519KeyPair();
    const io = memoryIo();
    const abort = new AbortController();
    const done = runWitness(['serve', '--port', '0', '--key', keyFile, '--state', path.join(dir, 's'), '--log', `o.example/1=${formatVerifierKey('o.example', log.publicKey)}`, `${formatVerifierKey('o.example/2', log.publicKey)}`], io, {}, abort.signal);
    while (!/listening on (\S+)/.test(io.out)) await new Promise((r) => setTimeout(r, 10));
    const url = /listening on (\S+)/.exec(io.out)![1];
    expect(await (await fetch(`${url}/health`)).text()).toBe('ok\n');
    expect(io.out).toContain('log o.example/1\nlog o.example/2\n');
    abort.abort();
    expect(await done).toBe(0);
  });
});
