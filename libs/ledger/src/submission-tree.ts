/**
 * The submission tree, built while the lines are committed and kept in pieces so
 * that a line's proof never needs all of a large submission's leaf hashes.
 *
 * The lines of a submission, in line order, are the leaves of an RFC 6962 tree.
 * While they are written, the leaves are cut into chunks of CHUNK_LEAVES (the last
 * chunk may be shorter) and each chunk's root is kept. Because every chunk but the
 * last is a complete, aligned subtree, the RFC 6962 tree over all the lines is the
 * RFC 6962 tree over the chunk roots (taken as leaf hashes) with each chunk's
 * subtree hanging below it. Hence:
 *   - the submission root is the root of the tree of chunk roots;
 *   - a line's audit path is its path inside its chunk followed by the chunk's path
 *     in the tree of chunk roots.
 * A proof for a line of a million-line submission thus reads one chunk's 1,024 leaf
 * hashes and about a thousand chunk roots, not a million hashes.
 *
 * Pure: node: builtins and libs/merkle only.
 */
import { MerkleRootBuilder, MerkleTree, emptyRoot } from '../../merkle/src/index.js';

/** Leaves per chunk: a power of two, so that every full chunk is an aligned complete subtree. */
export const CHUNK_LEAVES = 1024;

/** One chunk of a submission's lines, as stored at commit time. */
export interface SubmissionChunk {
  /** Position of the chunk (0, 1, …): it holds leaves index·chunkLeaves onwards. */
  index: number;
  /** line_no of the chunk's first line. */
  firstLineNo: number;
  /** Number of lines in the chunk (chunkLeaves for all but the last). */
  leafCount: number;
  /** RFC 6962 root of the chunk's leaves. */
  root: Buffer;
}

/** A submission tree as the commit keeps it. */
export interface SubmissionTree {
  /** Number of lines (leaves). */
  size: number;
  /** RFC 6962 root over all the lines. */
  root: Buffer;
  chunks: SubmissionChunk[];
}

function assertChunkLeaves(chunkLeaves: number): void {
  if (!Number.isSafeInteger(chunkLeaves) || chunkLeaves < 1 || (chunkLeaves & (chunkLeaves - 1)) !== 0) {
    throw new RangeError(`chunkLeaves must be a power of two, got ${chunkLeaves}`);
  }
}

/**
 * Folds a submission's leaf hashes, pushed in line order, into its root and chunk
 * roots, holding O(log n) hashes plus one 32-byte root per finished chunk.
 */
export class SubmissionTreeBuilder {
  private readonly chunks: SubmissionChunk[] = [];
  private current = new MerkleRootBuilder();
  private currentFirstLineNo = 0;
  private lastLineNo = -Infinity;
  private count = 0;

  constructor(private readonly chunkLeaves: number = CHUNK_LEAVES) {
    assertChunkLeaves(chunkLeaves);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the next line. Line numbers must increase: the leaves are in line order. */
  push(lineNo: number, leafHash: Uint8Array): void {
    if (!Number.isSafeInteger(lineNo) || lineNo <= this.lastLineNo) {
      throw new Error(`lines must arrive in increasing line order: line ${lineNo} after line ${this.lastLineNo}`);
    }
    if (this.current.size === 0) this.currentFirstLineNo = lineNo;
    this.current.pushLeafHash(leafHash);
    this.lastLineNo = lineNo;
    this.count += 1;
    if (this.current.size === this.chunkLeaves) this.closeChunk();
  }

  /** The tree of the lines pushed so far; the builder must not be used afterwards. */
  finish(): SubmissionTree {
    if (this.current.size > 0) this.closeChunk();
    return { size: this.count, root: rootOfChunks(this.chunks.map((c) => c.root)), chunks: this.chunks };
  }

  private closeChunk(): void {
    this.chunks.push({ index: this.chunks.length, firstLineNo: this.currentFirstLineNo, leafCount: this.current.size, root: this.current.root() });
    this.current = new MerkleRootBuilder();
  }
}

/** The submission root from its chunk roots (the empty tree's root when there are none). */
export function rootOfChunks(chunkRoots: readonly Uint8Array[]): Buffer {
  if (chunkRoots.length === 0) return emptyRoot();
  const builder = new MerkleRootBuilder();
  for (const root of chunkRoots) builder.pushLeafHash(root);
  return builder.root();
}

/**
 * The RFC 9162 audit path of leaf `chunkIndex·chunkLeaves + offset` in the tree of
 * all the submission's lines, from the leaf hashes of its chunk and the roots of
 * every chunk. Every chunk but the last must be full.
 */
export function chunkedInclusionProof(
  offset: number,
  chunkLeafHashes: readonly Uint8Array[],
  chunkIndex: number,
  chunkRoots: readonly Uint8Array[],
  chunkLeaves: number = CHUNK_LEAVES,
): Buffer[] {
  assertChunkLeaves(chunkLeaves);
  if (!Number.isSafeInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= chunkRoots.length) {
    throw new RangeError(`chunk ${chunkIndex} is not one of the ${chunkRoots.length} chunks`);
  }
  if (chunkLeafHashes.length === 0 || chunkLeafHashes.length > chunkLeaves) {
    throw new RangeError(`a chunk holds 1 to ${chunkLeaves} leaves, got ${chunkLeafHashes.length}`);
  }
  if (chunkIndex < chunkRoots.length - 1 && chunkLeafHashes.length !== chunkLeaves) {
    throw new RangeError(`chunk ${chunkIndex} is not the last one, so it must hold ${chunkLeaves} leaves (got ${chunkLeafHashes.length})`);
  }
  const inside = new MerkleTree([...chunkLeafHashes]).inclusionProof(offset);
  const above = new MerkleTree([...chunkRoots]).inclusionProof(chunkIndex);
  return [...inside, ...above];
}

const ZERO_HASH = new Uint8Array(32);

/**
 * A submission's leaf hashes as the database returns them while writing the lines:
 * `INSERT … RETURNING` gives no order guarantee (a hash join may reorder the rows),
 * so the rows are kept compactly (36 bytes a line) and put in line order before the
 * tree is built. Rows that arrive in order (the usual case) are not sorted again;
 * dense line numbers (the ingest numbers lines consecutively) are placed directly.
 */
export class LeafRows {
  private lineNos = new Float64Array(1024);
  private hashes = Buffer.allocUnsafe(1024 * 32);
  private count = 0;
  private inOrder = true;

  get size(): number {
    return this.count;
  }

  push(lineNo: number, hash: Uint8Array): void {
    if (!Number.isSafeInteger(lineNo) || lineNo < 0) throw new Error(`not a line number: ${lineNo}`);
    if (hash.length !== 32) throw new RangeError('a leaf hash must be 32 bytes');
    if (this.count === this.lineNos.length) {
      const lineNos = new Float64Array(this.count * 2);
      lineNos.set(this.lineNos);
      this.lineNos = lineNos;
      const hashes = Buffer.allocUnsafe(this.count * 2 * 32);
      this.hashes.copy(hashes, 0, 0, this.count * 32);
      this.hashes = hashes;
    }
    if (this.count > 0 && lineNo <= this.lineNos[this.count - 1]) this.inOrder = false;
    this.lineNos[this.count] = lineNo;
    this.hashes.set(hash, this.count * 32);
    this.count += 1;
  }

  /**
   * Adds the row `line_no<TAB>64 hex digits[<TAB>…]` found in `buf` between `start` and
   * `end` (exclusive), decoding the hash straight into the collected hashes.
   */
  pushRow(buf: Uint8Array, start: number, end: number): void {
    let i = start;
    let lineNo = 0;
    while (i < end && buf[i] >= 48 && buf[i] <= 57 && i - start < 15) lineNo = lineNo * 10 + (buf[i++] - 48);
    const hexStart = i + 1;
    const hexEnd = hexStart + 64;
    const bad = () => new Error(`unexpected leaf row from the database: ${JSON.stringify(Buffer.from(buf.subarray(start, Math.min(end, start + 100))).toString('latin1'))}`);
    if (i === start || buf[i] !== 9 || hexEnd > end || (hexEnd < end && buf[hexEnd] !== 9)) throw bad();
    this.push(lineNo, ZERO_HASH);
    const at = (this.count - 1) * 32;
    for (let k = 0; k < 32; k++) {
      const hi = HEX_VALUE[buf[hexStart + 2 * k]];
      const lo = HEX_VALUE[buf[hexStart + 2 * k + 1]];
      if (hi < 0 || lo < 0) {
        this.count -= 1;
        throw bad();
      }
      this.hashes[at + k] = (hi << 4) | lo;
    }
  }

  /** The submission tree of the rows, in line order. Throws on a repeated line number. */
  buildTree(chunkLeaves?: number): SubmissionTree {
    const builder = new SubmissionTreeBuilder(chunkLeaves);
    this.pushInto(builder);
    return builder.finish();
  }

  /**
   * Adds the rows, in line order, to a tree being built: rows collected in several
   * parts (ranges of lines, in order) make one tree.
   */
  pushInto(builder: SubmissionTreeBuilder): void {
    const order = this.inOrder ? null : this.lineOrder();
    for (let k = 0; k < this.count; k++) {
      const i = order ? order[k] : k;
      builder.push(this.lineNos[i], this.hashes.subarray(i * 32, i * 32 + 32));
    }
  }

  /** The line number of the row added last. */
  get lastLineNo(): number {
    if (this.count === 0) throw new Error('no rows yet');
    return this.lineNos[this.count - 1];
  }

  /**
   * The same tree as buildTree, built in slices that give the event loop back in
   * between: the committing connection's statements (index builds) keep running in
   * the database while the hashes are folded here, and a process that also serves
   * requests keeps answering them.
   */
  async buildTreeInSlices(chunkLeaves?: number, sliceLeaves = 16_384): Promise<SubmissionTree> {
    const builder = new SubmissionTreeBuilder(chunkLeaves);
    const order = this.inOrder ? null : this.lineOrder();
    for (let from = 0; from < this.count; from += sliceLeaves) {
      const to = Math.min(this.count, from + sliceLeaves);
      for (let k = from; k < to; k++) {
        const i = order ? order[k] : k;
        builder.push(this.lineNos[i], this.hashes.subarray(i * 32, i * 32 + 32));
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return builder.finish();
  }

  /** Row indices by increasing line number. */
  private lineOrder(): Uint32Array {
    const order = new Uint32Array(this.count);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < this.count; i++) {
      min = Math.min(min, this.lineNos[i]);
      max = Math.max(max, this.lineNos[i]);
    }
    if (max - min + 1 === this.count) {
      // Dense: each line number has its slot; a repeat leaves another slot empty and is caught by the builder.
      order.fill(this.count);
      for (let i = 0; i < this.count; i++) order[this.lineNos[i] - min] = i;
      if (order.includes(this.count)) throw new Error('a line number occurs twice among the written lines');
      return order;
    }
    for (let i = 0; i < this.count; i++) order[i] = i;
    return order.sort((a, b) => this.lineNos[a] - this.lineNos[b]);
  }
}

/** Value of each ASCII hex digit (lowercase, as encode(…, 'hex') writes), -1 for any other byte. */
const HEX_VALUE = (() => {
  const v = new Int8Array(256).fill(-1);
  for (let d = 0; d < 10; d++) v[48 + d] = d;
  for (let d = 0; d < 6; d++) v[97 + d] = 10 + d;
  return v;
})();

/**
 * Collects a `COPY … TO STDOUT` text stream whose rows are `line_no<TAB>leaf hash hex`
 * as it arrives (one pass over the rows; nothing else is buffered but a partial row).
 * The bytes are parsed in place (no string per row): a million rows take a fraction of
 * a second. `onRow`, when given, sees each row's line number and its last byte (a
 * trailing flag column such as `t`/`f`).
 */
export async function collectLeafRows(
  rows: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onRow?: (lineNo: number, lastByte: number) => void,
): Promise<LeafRows> {
  const collected = new LeafRows();
  let carry: Buffer | null = null;
  for await (const piece of rows) {
    let buf = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
    if (carry) buf = Buffer.concat([carry, buf]);
    carry = null;
    let start = 0;
    for (let end = buf.indexOf(10, start); end !== -1; end = buf.indexOf(10, start)) {
      collected.pushRow(buf, start, end);
      onRow?.(collected.lastLineNo, buf[end - 1]);
      start = end + 1;
    }
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));
  }
  if (carry) {
    collected.pushRow(carry, 0, carry.length);
    onRow?.(collected.lastLineNo, carry[carry.length - 1]);
  }
  return collected;
}
