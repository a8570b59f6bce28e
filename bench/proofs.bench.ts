/**
 * Proof benchmark.
 *
 *   node dist/bench/proofs.bench.js [--rows N] [--proofs K]
 *
 * Builds an RFC 6962 tree over N leaves (default 1,000,000), each the canonical
 * JSON of a realistic distribution line, then times K random inclusion proofs
 * (default 10,000), each generated from the tree and verified against its root.
 *
 * Baseline: one SHA-256 leaf hash, SHA-256(0x00 || line), measured in the same
 * run by hashing all N leaves and dividing. The last line printed is the JSON
 * summary; `seconds` is the time of one proof generation plus verification and
 * `ratio` = baselineSeconds / seconds.
 */
import { performance } from 'node:perf_hooks';
import {
  MerkleRootBuilder,
  MerkleTree,
  canonicalJson,
  hashesEqual,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../libs/merkle/src/index.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

const rows = option('rows', 1_000_000);
const proofCount = option('proofs', 10_000);

/**
 * Leaf data for line i, written into one reusable buffer: the canonical JSON of
 * a distribution line whose id and amounts vary with i (fixed width, so only
 * the digits are rewritten per leaf).
 */
class LeafWriter {
  private static readonly WIDTH = 10;
  readonly data: Buffer;
  private readonly slots: number[];

  constructor() {
    const marker = 'X'.repeat(LeafWriter.WIDTH);
    const template = canonicalJson({
      line_id: `L-${marker}`,
      rights_holder_ipi: '00052210040',
      rights_holder_name: 'Example Composer',
      work_iswc: 'T-034524680-1',
      work_title: 'Example Work',
      category: 'broadcasting',
      use_type: 'radio',
      territory: 'FR',
      use_from: '2026-01-01',
      use_to: '2026-03-31',
      currency: 'EUR',
      gross: `${marker}.00`,
      management_fee: '0.00',
      other_deductions: '0.00',
      net: `${marker}.00`,
      status: 'paid',
      paid_on: '2026-03-31',
      mandate_basis: 'contractual',
    });
    this.data = Buffer.from(template, 'utf8');
    this.slots = [];
    for (let at = template.indexOf(marker); at >= 0; at = template.indexOf(marker, at + 1)) this.slots.push(at);
  }

  write(i: number): Buffer {
    const digits = String(i).padStart(LeafWriter.WIDTH, '0');
    for (const slot of this.slots) this.data.write(digits, slot, 'latin1');
    return this.data;
  }
}

/** Deterministic xorshift32 generator, so runs are comparable. */
function randomInts(seed: number): (bound: number) => number {
  let state = seed >>> 0 || 1;
  return (bound) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % bound;
  };
}

const fmt = (seconds: number): string =>
  seconds >= 1 ? `${seconds.toFixed(3)} s` : seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(3)} ms` : `${(seconds * 1e6).toFixed(3)} µs`;

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

const leaves = new LeafWriter();
console.log(`proofs bench: ${rows.toLocaleString('en')} leaves of ${leaves.data.length} bytes, ${proofCount.toLocaleString('en')} inclusion proofs`);

// Warm up the hashing and proof code paths so the timings below measure steady state.
{
  const warm = new MerkleTree();
  for (let i = 0; i < 4096; i++) warm.append(leafHash(leaves.write(i)));
  for (let i = 0; i < 2000; i++) {
    const index = i % warm.size;
    verifyInclusion(warm.leafHash(index), index, warm.size, warm.inclusionProof(index), warm.root());
  }
}

// Baseline: SHA-256 of every leaf (0x00 || data).
const [, hashSeconds] = time(() => {
  for (let i = 0; i < rows; i++) leafHash(leaves.write(i));
});
const baselineSeconds = hashSeconds / rows;
console.log(`leaf hash (baseline):  ${fmt(hashSeconds)} for ${rows.toLocaleString('en')} leaves, ${fmt(baselineSeconds)} per leaf`);

const [tree, buildSeconds] = time(() => {
  const t = new MerkleTree();
  for (let i = 0; i < rows; i++) t.append(leafHash(leaves.write(i)));
  return t;
});
const root = tree.root();
console.log(`tree build:            ${fmt(buildSeconds)} (leaf hashes + ${(rows - 1).toLocaleString('en')} node hashes), root ${root.toString('hex')}`);

const [streamRoot, streamSeconds] = time(() => {
  const builder = new MerkleRootBuilder();
  for (let i = 0; i < rows; i++) builder.pushLeafData(leaves.write(i));
  return builder.root();
});
if (!hashesEqual(streamRoot, root)) throw new Error('the streaming root differs from the tree root');
console.log(`streaming root:        ${fmt(streamSeconds)} (O(log n) memory), same root`);

// Inclusion proofs: generation and verification timed separately, then together.
const random = randomInts(0x5eed);
const indices = Array.from({ length: proofCount }, () => random(rows));
const [proofs, generateSeconds] = time(() => indices.map((index) => tree.inclusionProof(index)));
const leafHashes = indices.map((index) => tree.leafHash(index));
const [verified, verifySeconds] = time(() => indices.filter((index, k) => verifyInclusion(leafHashes[k], index, rows, proofs[k], root)).length);
if (verified !== proofCount) throw new Error(`${proofCount - verified} inclusion proofs failed to verify`);
const [roundTrips, proofSeconds] = time(() => {
  let ok = 0;
  for (const index of indices) {
    if (verifyInclusion(tree.leafHash(index), index, rows, tree.inclusionProof(index), root)) ok++;
  }
  return ok;
});
if (roundTrips !== proofCount) throw new Error('an inclusion proof failed to verify');
const perProof = proofSeconds / proofCount;
console.log(`inclusion generate:    ${fmt(generateSeconds / proofCount)} per proof (${proofs[0].length} hashes)`);
console.log(`inclusion verify:      ${fmt(verifySeconds / proofCount)} per proof`);
console.log(`inclusion gen+verify:  ${fmt(perProof)} per proof, ${(perProof / baselineSeconds).toFixed(1)} leaf hashes' worth`);

// Consistency proofs from random earlier sizes to the full tree (not part of the summary).
const consistencyCount = Math.min(proofCount, 2000);
const [consistent, consistencySeconds] = time(() => {
  let ok = 0;
  for (let k = 0; k < consistencyCount; k++) {
    const size1 = 1 + random(rows);
    const proof = tree.consistencyProof(size1, rows);
    if (verifyConsistency(size1, rows, tree.root(size1), root, proof)) ok++;
  }
  return ok;
});
if (consistent !== consistencyCount) throw new Error('a consistency proof failed to verify');
console.log(`consistency gen+verify: ${fmt(consistencySeconds / consistencyCount)} per proof (old root included), ${consistencyCount} proofs`);

const rssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
console.log(`peak RSS:              ${rssMb} MB`);
console.log(
  JSON.stringify({
    bench: 'proofs',
    rows,
    seconds: perProof,
    baseline: 'sha256-leaf',
    baselineSeconds,
    ratio: baselineSeconds / perProof,
    rssMb,
  }),
);
