import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../cli-io.js';
import { verifyCommand } from './verify.command.js';
import { buildLineProofFixture } from '../../../../libs/merkle/src/test-support/line-proof-fixture.js';

const fixture = buildLineProofFixture([4, 9, 2]);
let dir: string;
let keysFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-verify-'));
  keysFile = await write('keys.json', fixture.keySet);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
async function write(name: string, content: unknown): Promise<string> {
  const file = join(dir, `${counter++}-${name}`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

async function run(args: string[]) {
  const io = memoryIo();
  const code = await verifyCommand(args, io);
  return { code, out: io.out, err: io.err };
}

describe('ledger verify', () => {
  it('prints OK for a valid line proof', async () => {
    const proofFile = await write('proof.json', fixture.bundle(1, 7));
    const result = await run(['--proof', proofFile, '--keys', keysFile]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toBe(
      `OK: line 7 of submission 1 is in the log of size 3 with root ${fixture.head.rootHash}, ` +
        `signed by key ${fixture.keySet.keys[0].keyId} at ${fixture.head.timestamp}\n`,
    );
  });

  it('accepts the options in either order and as --name=value', async () => {
    const proofFile = await write('proof.json', fixture.bundle(2, 1));
    expect((await run([`--keys=${keysFile}`, `--proof=${proofFile}`])).code).toBe(0);
  });

  it('warns when the proof has no submissionSize', async () => {
    const { submissionSize: _, ...bundle } = fixture.bundle(0, 3);
    const result = await run(['--proof', await write('proof.json', bundle), '--keys', keysFile]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: .*position/);
  });

  it('exits 1 with the reason when the line was altered or the head is not trusted', async () => {
    const bundle = fixture.bundle(1, 2);
    const altered = { ...bundle, leaf: bundle.leaf.replace(/"net":"[^"]*"/, '"net":"999999.00"') };
    const result = await run(['--proof', await write('altered.json', altered), '--keys', keysFile]);
    expect(result).toEqual({ code: 1, out: '', err: expect.stringMatching(/^FAILED: computed root .* does not match/) });

    const otherKeys = buildLineProofFixture([1]).keySet;
    const untrusted = await run(['--proof', await write('proof.json', bundle), '--keys', await write('other-keys.json', otherKeys)]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toMatch(/not a trusted key/);
  });

  it('exits 2 for bad arguments and unreadable or malformed files', async () => {
    const proofFile = await write('proof.json', fixture.bundle(0, 0));
    const cases: [string[], RegExp][] = [
      [[], /missing --proof, --keys/],
      [['--proof', proofFile], /missing --keys/],
      [['--proof', proofFile, '--keys', keysFile, '--verbose', 'x'], /unknown option --verbose/],
      [['--proof', join(dir, 'absent.json'), '--keys', keysFile], /cannot read the proof file .*absent\.json: ENOENT/],
      [['--proof', await write('bad.json', '{not json'), '--keys', keysFile], /proof file .* is not JSON/],
      [['--proof', await write('shape.json', { leaf: 'x' }), '--keys', keysFile], /proof file .* is malformed: leafIndex/],
      [['--proof', proofFile, '--keys', await write('keys-shape.json', [])], /keys file .* is malformed: .*"keys" array/],
      [['--proof', proofFile, '--keys', dir], /cannot read the keys file/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 2]);
      expect(result.err).toMatch(message);
    }
  });

  it('prints usage for --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: expect.stringContaining('ledger verify --proof'), err: '' });
  });
});
