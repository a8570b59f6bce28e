import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { formatCheckpoint, parseAndVerifyCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { ed25519RawPublicKey, generateEd25519KeyPair } from './keys.js';
import { ed25519NoteSigner, formatVerifierKey, parseVerifierKey, signNote } from './signed-note.js';
import { MerkleFormatError, MerkleVerificationError } from './errors.js';
import { MerkleTree } from './tree.js';

const ORIGIN = 'ledger.example/society/7';
const logKey = generateEd25519KeyPair();
const root = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');

describe('checkpoint text', () => {
  it('is origin, decimal size and base64 root, one per line', () => {
    // The body of the example in the C2SP tlog-checkpoint specification.
    const sofaRoot = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
    expect(formatCheckpoint('example.com/behind-the-sofa', 20852163, sofaRoot)).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(formatCheckpoint(ORIGIN, 8, root.toString('hex'))).toBe(formatCheckpoint(ORIGIN, 8, root));
  });

  it('parses the C2SP example body', () => {
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const parsed = parseCheckpoint(body);
    expect(parsed.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.treeSize).toBe(20852163);
    expect(parsed.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(parsed.extensions).toEqual([]);
  });

  it('round-trips any size, root and extension lines', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.stringMatching(/^[a-z0-9 ]{1,12}$/), { maxLength: 3 }),
        (size, hash, extensions) => {
          const parsed = parseCheckpoint(formatCheckpoint(ORIGIN, size, hash, extensions));
          expect(parsed).toEqual({ origin: ORIGIN, treeSize: size, rootHash: Buffer.from(hash), extensions });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects malformed bodies', () => {
    const rootB64 = root.toString('base64');
    for (const body of [
      `${ORIGIN}\n8\n${rootB64}`,
      `${ORIGIN}\n8\n`,
      `\n8\n${rootB64}\n`,
      `${ORIGIN}\n08\n${rootB64}\n`,
      `${ORIGIN}\n-8\n${rootB64}\n`,
      `${ORIGIN}\n8.0\n${rootB64}\n`,
      `${ORIGIN}\n99999999999999999999\n${rootB64}\n`,
      `${ORIGIN}\n8\n${root.subarray(1).toString('base64')}\n`,
      `${ORIGIN}\n8\n${root.toString('hex')}\n`,
      `${ORIGIN}\n8\n${rootB64}\n\n`,
    ]) {
      expect(() => parseCheckpoint(body)).toThrow(MerkleFormatError);
    }
    expect(() => formatCheckpoint('', 1, root)).toThrow(MerkleFormatError);
    expect(() => formatCheckpoint(ORIGIN, -1, root)).toThrow(MerkleFormatError);
    expect(() => formatCheckpoint(ORIGIN, 1, root.subarray(2))).toThrow(MerkleFormatError);
  });
});

describe('signed checkpoints', () => {
  const tree = MerkleTree.fromLeafData(['a', 'b', 'c'].map((s) => Buffer.from(s)));

  it('signs and verifies a checkpoint of a real tree', () => {
    const note = signCheckpoint(ORIGIN, tree.size, tree.root(), ORIGIN, logKey.privateKey);
    expect(note.startsWith(`${ORIGIN}\n3\n${tree.root().toString('base64')}\n\n\u2014 ${ORIGIN} `)).toBe(true);
    const checkpoint = parseAndVerifyCheckpoint(note, ORIGIN, logKey.publicKey);
    expect(checkpoint).toEqual({ origin: ORIGIN, treeSize: 3, rootHash: tree.root(), extensions: [] });
    expect(parseAndVerifyCheckpoint(Buffer.from(note), ORIGIN, ed25519RawPublicKey(logKey.publicKey)).treeSize).toBe(3);
  });

  it('verifies through a witness-style verifier key string', () => {
    const note = signCheckpoint(ORIGIN, 3, tree.root(), ORIGIN, logKey.privateKey);
    const verifier = parseVerifierKey(formatVerifierKey(ORIGIN, logKey.publicKey));
    expect(parseAndVerifyCheckpoint(note, verifier.name, verifier.publicKey).rootHash).toEqual(tree.root());
  });

  it('ignores cosignatures from other keys', () => {
    const witness = ed25519NoteSigner('witness.example/w1', generateEd25519KeyPair().privateKey);
    const body = formatCheckpoint(ORIGIN, 3, tree.root());
    const note = signNote(body, [witness, ed25519NoteSigner(ORIGIN, logKey.privateKey)]);
    expect(parseAndVerifyCheckpoint(note, ORIGIN, logKey.publicKey).treeSize).toBe(3);
  });

  it('rejects a changed size or root, another key, or another key name', () => {
    const note = signCheckpoint(ORIGIN, 3, tree.root(), ORIGIN, logKey.privateKey);
    const forgedSize = note.replace(`${ORIGIN}\n3\n`, `${ORIGIN}\n4\n`);
    expect(() => parseAndVerifyCheckpoint(forgedSize, ORIGIN, logKey.publicKey)).toThrow(MerkleVerificationError);
    const otherRoot = tree.root(2).toString('base64');
    const forgedRoot = note.replace(tree.root().toString('base64'), otherRoot);
    expect(() => parseAndVerifyCheckpoint(forgedRoot, ORIGIN, logKey.publicKey)).toThrow(MerkleVerificationError);
    const stranger = generateEd25519KeyPair().publicKey;
    expect(() => parseAndVerifyCheckpoint(note, ORIGIN, stranger)).toThrow('note has no verifiable signatures');
    expect(() => parseAndVerifyCheckpoint(note, 'other.example/log', logKey.publicKey)).toThrow(MerkleVerificationError);
  });
});
