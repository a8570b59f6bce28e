import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { memoryIo } from '../cli-io.js';
import { merkleCommand } from './merkle.command.js';
import { referenceRoot } from '../../../../libs/merkle/src/test-support/reference-tree.js';
import {
  EMPTY_ROOT_HEX,
  VECTOR_CONSISTENCY,
  VECTOR_INCLUSION,
  VECTOR_LEAF_HASHES,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
} from '../../../../libs/merkle/src/test-support/rfc6962-vectors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-merkle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin = '') {
  const io = memoryIo(stdin);
  const code = await merkleCommand(args, io);
  return { code, out: io.out, err: io.err };
}

describe('ledger merkle root', () => {
  it('prints the published root of the RFC 6962 vector leaves read from a file', async () => {
    const file = join(dir, 'vector.txt');
    await writeFile(file, `${VECTOR_LEAVES.join('\n')}\n`);
    expect(await run(['root', file])).toEqual({ code: 0, out: `${VECTOR_ROOTS[7]}\n`, err: '' });
  });

  it('reads standard input when there is no FILE or FILE is "-", for every prefix of the vectors', async () => {
    for (let n = 1; n <= 8; n++) {
      const input = `${VECTOR_LEAVES.slice(0, n).join('\n')}\n`;
      expect((await run(['root'], input)).out).toBe(`${VECTOR_ROOTS[n - 1]}\n`);
      expect((await run(['root', '-'], input)).out).toBe(`${VECTOR_ROOTS[n - 1]}\n`);
    }
  });

  it('treats no input as the empty tree and a lone newline as one empty leaf', async () => {
    expect((await run(['root'], '')).out).toBe(`${EMPTY_ROOT_HEX}\n`);
    expect((await run(['root'], '\n')).out).toBe(`${VECTOR_LEAF_HASHES[0]}\n`);
  });

  it('reads the last line with or without a final newline, and CRLF line ends', async () => {
    const lines = VECTOR_LEAVES.slice(0, 5);
    const expected = `${VECTOR_ROOTS[4]}\n`;
    expect((await run(['root'], lines.join('\n'))).out).toBe(expected);
    expect((await run(['root'], `${lines.join('\r\n')}\r\n`)).out).toBe(expected);
    expect((await run(['root'], lines.join('\n').toUpperCase())).out).toBe(expected);
  });

  it('agrees with the reference definition for random leaves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 40 }), async (leaves) => {
        const input = leaves.map((l) => Buffer.from(l).toString('hex')).join('\n') + (leaves.length > 0 ? '\n' : '');
        expect((await run(['root'], input)).out).toBe(`${referenceRoot(leaves).toString('hex')}\n`);
      }),
      { numRuns: 50 },
    );
  });

  it('exits 2 naming the problem for bad lines, missing files and extra arguments', async () => {
    const bad = await run(['root'], '00\n10\nxyz\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 3 is not hex/);
    expect((await run(['root'], 'abc\n')).err).toMatch(/line 1 is not hex/);
    const missing = await run(['root', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.txt: ENOENT/);
    expect((await run(['root', 'a', 'b'])).code).toBe(2);
    expect((await run(['root', '--size', '3'])).code).toBe(2);
  });
});

describe('ledger merkle root: empty leaves', () => {
  it('hashes two empty lines as two empty leaves', async () => {
    const empty = Buffer.alloc(0);
    expect((await run(['root'], '\n\n')).out).toBe(`${referenceRoot([empty, empty]).toString('hex')}\n`);
  });
});

describe('ledger merkle verify-inclusion', () => {
  const args = (index: number, size: number, proof: readonly string[], leaf = VECTOR_LEAVES[index], root = VECTOR_ROOTS[size - 1]) => [
    'verify-inclusion',
    '--leaf',
    leaf,
    '--index',
    String(index),
    '--size',
    String(size),
    '--root',
    root,
    '--proof',
    proof.join(','),
  ];

  it('accepts the published inclusion proofs (leaf 0 is the empty leaf, given as --leaf \'\')', async () => {
    for (const { index, size, proof } of VECTOR_INCLUSION) {
      const result = await run(args(index, size, proof));
      expect(result).toEqual({ code: 0, out: `OK: leaf ${index} is in the tree of size ${size}\n`, err: '' });
    }
    expect(VECTOR_LEAVES[0]).toBe('');
  });

  it('accepts --name=value and an empty --proof for a single-leaf tree', async () => {
    const result = await run(['verify-inclusion', '--leaf=00', '--index=0', '--size=1', `--root=${VECTOR_LEAF_HASHES[1]}`, '--proof=']);
    expect(result.code).toBe(0);
  });

  it('exits 1 with the reason for wrong leaves, indices, sizes, roots and proofs', async () => {
    const { index, size, proof } = VECTOR_INCLUSION[2];
    const wrong = [
      args(index, size, proof, '41'),
      args(index + 1, size, proof),
      args(index, size - 2, proof, VECTOR_LEAVES[index], VECTOR_ROOTS[size - 1]),
      args(index, size * 2, proof, VECTOR_LEAVES[index], VECTOR_ROOTS[size - 1]),
      args(index, size, proof, VECTOR_LEAVES[index], VECTOR_ROOTS[0]),
      args(index, size, proof.slice(1)),
      args(index, size, [...proof].reverse()),
      args(9, 8, proof, VECTOR_LEAVES[index]),
    ];
    for (const a of wrong) {
      const result = await run(a);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toMatch(/^FAILED: .+/);
    }
    expect((await run(args(index, size, proof.slice(1)))).err).toMatch(/too short/);
  });

  it('exits 2 naming the problem for bad arguments', async () => {
    const { index, size, proof } = VECTOR_INCLUSION[2];
    const good = args(index, size, proof);
    const cases: [string[], RegExp][] = [
      [good.slice(0, -2), /missing --proof/],
      [[...good, '--extra', '1'], /unknown option --extra/],
      [[...good, '--index', '1'], /--index is given twice/],
      [good.map((a) => (a === String(index) ? '-1' : a)), /--index must be a non-negative integer/],
      [good.map((a) => (a === String(size) ? '8.5' : a)), /--size must be a non-negative integer/],
      [good.map((a) => (a === VECTOR_ROOTS[7] ? 'abcd' : a)), /--root must be 32 bytes/],
      [good.map((a) => (a === VECTOR_LEAVES[index] ? 'xyz' : a)), /--leaf is not hex/],
      [good.map((a) => (a === proof.join(',') ? `${proof[0]},12` : a)), /--proof element 2 must be 32 bytes/],
      [['verify-inclusion', '--leaf'], /--leaf needs a value/],
      [['verify-inclusion', 'stray'], /unexpected argument "stray"/],
    ];
    for (const [a, message] of cases) {
      const result = await run(a);
      expect([a.join(' '), result.code]).toEqual([a.join(' '), 2]);
      expect(result.err).toMatch(message);
    }
  });
});

describe('ledger merkle verify-consistency', () => {
  const args = (size1: number, size2: number, proof: readonly string[], root1 = VECTOR_ROOTS[size1 - 1], root2 = VECTOR_ROOTS[size2 - 1]) => [
    'verify-consistency',
    '--size1',
    String(size1),
    '--size2',
    String(size2),
    '--root1',
    root1,
    '--root2',
    root2,
    '--proof',
    proof.join(','),
  ];

  it('accepts the published consistency proofs, including the empty proof between equal sizes', async () => {
    for (const { size1, size2, proof } of VECTOR_CONSISTENCY) {
      expect(await run(args(size1, size2, proof))).toEqual({
        code: 0,
        out: `OK: the tree of size ${size1} is a prefix of the tree of size ${size2}\n`,
        err: '',
      });
    }
  });

  it('exits 1 when a root, a size or the proof is wrong', async () => {
    const { size1, size2, proof } = VECTOR_CONSISTENCY[2];
    for (const a of [
      args(size1, size2, proof, VECTOR_ROOTS[size1 - 2]),
      args(size1, size2, proof, VECTOR_ROOTS[size1 - 1], VECTOR_ROOTS[size2 - 2]),
      args(size1, size2, proof.slice(0, -1)),
      args(size1, size2, []),
      args(size2, size1, proof, VECTOR_ROOTS[size2 - 1], VECTOR_ROOTS[size1 - 1]),
    ]) {
      const result = await run(a);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^FAILED: /);
    }
  });

  it('exits 2 for bad arguments', async () => {
    const { size1, size2, proof } = VECTOR_CONSISTENCY[2];
    expect((await run(args(size1, size2, proof).slice(0, 5))).err).toMatch(/missing --root1, --root2, --proof/);
    expect((await run(args(size1, size2, [...proof, 'zz']))).code).toBe(2);
  });
});

describe('ledger merkle dispatch', () => {
  it('prints usage for help and exits 2 for a missing or unknown subcommand', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: expect.stringContaining('ledger merkle root [FILE]'), err: '' });
    expect((await run([])).code).toBe(2);
    const unknown = await run(['roots']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown subcommand "roots"/);
  });
});
