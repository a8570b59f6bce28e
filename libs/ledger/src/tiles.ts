/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles) paths and shapes, pure.
 *
 * A tile at level L, index N holds the Merkle Tree Hashes of the complete subtrees of
 * height 8·L numbered N·256 … N·256+255 (level 0: the leaf hashes). A partial tile holds
 * the first W (1–255) of them. Entry bundles are the leaves' data, each prefixed with its
 * length as a big-endian uint16.
 */
import { nodeHash } from '../../merkle/src/index.js';

/** Hashes in a full tile (tile height 8). */
export const TILE_WIDTH = 256;
/** Highest level a tile path may name (the spec's 0–63). */
export const MAX_TILE_LEVEL = 63;

/** A parsed tile path: `level` is 'entries' for an entry bundle; `width` set for a partial tile. */
export interface TileRef {
  level: number | 'entries';
  index: number;
  width?: number;
}

/** `1234067` → `x001/x234/067`: 3-digit groups, all but the last prefixed with `x`. */
export function formatTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`tile index must be a non-negative integer, got ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile under a log's prefix: `tile/<L>/<N>[.p/<W>]` (L 'entries' for a bundle). */
export function tilePath(level: number | 'entries', index: number, width?: number): string {
  const partial = width !== undefined && width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${formatTileIndex(index)}${partial}`;
}

/**
 * Parses what follows `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, canonical
 * forms only (no leading zeros in L or W, no leading `x000` group). Undefined when it
 * is not a tile path.
 */
export function parseTilePath(rest: string): TileRef | undefined {
  const m = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(rest);
  if (!m) return undefined;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > MAX_TILE_LEVEL) return undefined;
  const groups = m[2].split('/').map((g) => g.replace(/^x/, ''));
  if (groups.length > 1 && groups[0] === '000') return undefined; // not the canonical encoding
  if (groups.length > 5) return undefined; // beyond 2^53
  const index = groups.reduce((n, g) => n * 1000 + Number(g), 0);
  if (m[3] === undefined) return { level, index };
  const width = Number(m[3]);
  if (width >= TILE_WIDTH) return undefined;
  return { level, index, width };
}

/** Number of leaves one hash of a level-L tile covers (256^L), or Infinity past 2^53. */
export function leavesPerHash(level: number): number {
  return level <= 6 ? TILE_WIDTH ** level : Infinity;
}

/**
 * True when a log of `size` leaves has the tile: a full tile once all its 256 hashes are
 * complete subtrees, a partial one of width W once its first W are (which also serves
 * the partial tiles of the log's earlier checkpoints).
 */
export function tileExists(size: number, ref: TileRef): boolean {
  const per = leavesPerHash(ref.level === 'entries' ? 0 : ref.level);
  if (!Number.isFinite(per)) return false;
  const width = ref.width ?? TILE_WIDTH;
  return ref.index * TILE_WIDTH * per + width * per <= size;
}

/** The width of the rightmost (partial) tile at `level` for a tree of `size`: floor(size / 256^level) mod 256. */
export function partialWidth(size: number, level: number): number {
  return Math.floor(size / leavesPerHash(level)) % TILE_WIDTH;
}

/** The root of a complete subtree from its 2^k hashes at the level below (RFC 6962 interior nodes). */
export function completeSubtreeRoot(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0 || (hashes.length & (hashes.length - 1)) !== 0) throw new RangeError(`a complete subtree needs 2^k hashes, got ${hashes.length}`);
  let level = [...hashes];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** An entry bundle: each entry's length as a big-endian uint16, then its bytes. */
export function entryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.length > 0xffff) throw new RangeError(`an entry of ${e.length} bytes does not fit a uint16 length`);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(e.length);
    parts.push(len, Buffer.from(e));
  }
  return Buffer.concat(parts);
}

/** Splits an entry bundle into its entries (throws on a truncated bundle). */
export function parseEntryBundle(bundle: Uint8Array): Buffer[] {
  const b = Buffer.from(bundle);
  const out: Buffer[] = [];
  let at = 0;
  while (at < b.length) {
    if (at + 2 > b.length) throw new RangeError('truncated entry bundle');
    const len = b.readUInt16BE(at);
    if (at + 2 + len > b.length) throw new RangeError('truncated entry bundle');
    out.push(b.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}
