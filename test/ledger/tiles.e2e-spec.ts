import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LogRepository, SigningKeyService, logOrigin } from '../../libs/ledger/src/index.js';
import { MerkleTree, openNote, parseCheckpoint, parseVerifierKey, signTreeHead } from '../../libs/merkle/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/*
 * A tile client written from c2sp.org/tlog-tiles alone (no code of the ledger's tiles):
 * path encoding, partial widths, the hashes of each level, entry bundles.
 */
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const node = (l: Uint8Array, r: Uint8Array) => sha256(Buffer.from([1]), l, r);
/** "All but the last path element MUST begin with an x": 1234067 → x001/x234/067. */
function encodeN(n: number): string {
  const groups: string[] = [];
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? 'x' + g : g)).join('/');
}
/** MTH over hashes that are themselves roots of equal complete subtrees (RFC 6962 §2.1). */
function mth(hashes: Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return node(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}
const split = (tile: Buffer) => Array.from({ length: tile.length / 32 }, (_, i) => tile.subarray(i * 32, i * 32 + 32));

/** The root of D[0:size] from the tiles: per the spec, each level-l hash is MTH of 256^l leaves. */
async function rootFromTiles(get: (path: string) => Promise<Buffer>, size: number): Promise<{ root: Buffer; widths: Record<string, number[]>; levels: Buffer[][] }> {
  const widths: Record<string, number[]> = {};
  const levels: Buffer[][] = [];
  for (let l = 0; 256 ** l <= size; l++) {
    const count = Math.floor(size / 256 ** l); // complete subtrees of 256^l leaves
    const hashes: Buffer[] = [];
    for (let n = 0; n * 256 < count; n++) {
      const w = Math.min(256, count - n * 256);
      const tile = await get(`tile/${l}/${encodeN(n)}${w < 256 ? `.p/${w}` : ''}`);
      expect(tile.length).toBe(32 * w);
      (widths[l] ??= []).push(w);
      hashes.push(...split(tile));
    }
    levels.push(hashes);
  }
  // Each level-l hash is the MTH of 256 hashes of level l-1 (the tiles agree with each other).
  for (let l = 1; l < levels.length; l++) {
    levels[l].forEach((h, i) => expect(h.equals(mth(levels[l - 1].slice(i * 256, (i + 1) * 256)))).toBe(true));
  }
  // The tree of `size` leaves: the complete subtrees of its binary decomposition, each the
  // MTH of 2^j hashes of the highest level it spans, hashed together right to left.
  const pieces: Buffer[] = [];
  let offset = 0;
  for (let bit = 2 ** Math.floor(Math.log2(size)); bit >= 1; bit /= 2) {
    if ((size - offset) < bit) continue;
    const l = Math.floor(Math.log2(bit) / 8);
    const per = 256 ** l;
    pieces.push(mth(levels[l].slice(offset / per, (offset + bit) / per)));
    offset += bit;
  }
  let root = pieces[pieces.length - 1];
  for (let i = pieces.length - 2; i >= 0; i--) root = node(pieces[i], root);
  return { root, widths, levels };
}

describe('C2SP tlog-tiles under /logs/{societyId}/', () => {
  let t: TestApp;
  let anonymous: Http;
  let societyId: string;
  const SIZE = 70_000;
  let leaves: Buffer[];

  const fetchBytes = async (path: string) => fetch(`${t.baseUrl}/logs/${societyId}/${path}`);
  const getTile = async (path: string) => {
    const res = await fetchBytes(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    anonymous = new Http(t.baseUrl);
    const cast = await givenTenants(admin);
    societyId = cast.societyA.id;
    // 70,000 leaves straight into the log (a submission each; its root is sha256 of its number).
    await t.dataSource.query(
      `INSERT INTO submissions (society_id, id, type, period, status, sha256, byte_size, storage_path, rows, root, log_index)
       SELECT $1, gen_random_uuid(), 'board', '2025Q1', 'committed', sha256(int8send(i)), 0, 'none', 0, sha256(int8send(i)), i
       FROM generate_series(0, $2 - 1) AS i`,
      [societyId, SIZE],
    );
    await t.dataSource.query(
      `INSERT INTO log_leaves (society_id, leaf_index, submission_id, leaf_hash)
       SELECT society_id, log_index, id, sha256('\\x00'::bytea || root) FROM submissions WHERE society_id = $1 AND storage_path = 'none'`,
      [societyId],
    );
    const rows: { h: Buffer }[] = await t.dataSource.query(`SELECT leaf_hash AS h FROM log_leaves WHERE society_id = $1 ORDER BY leaf_index`, [societyId]);
    leaves = rows.map((r) => r.h);
    const head = signTreeHead(
      { treeSize: SIZE, rootHash: new MerkleTree(leaves).root().toString('hex'), timestamp: new Date().toISOString(), origin: logOrigin(societyId) },
      t.app.get(SigningKeyService).privateKey,
    );
    const q = t.dataSource.createQueryRunner();
    await t.app.get(LogRepository).insertHead(q, societyId, head);
    await q.release();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds the root of a 70,000-leaf log from tiles alone, matching the signed checkpoint (the spec example widths)', async () => {
    const res = await fetchBytes('checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d{1,2}$/);
    const keys = (await anonymous.get('/v1/log/keys')).body.keys as { verifierKey: string }[];
    const checkpoint = parseCheckpoint(openNote(await res.text(), [parseVerifierKey(keys[0].verifierKey)]).text);
    expect(checkpoint.treeSize).toBe(SIZE);

    const started = Date.now();
    const { root, widths } = await rootFromTiles(getTile, SIZE);
    // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1
    // tile, one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
    expect(widths[0].filter((w) => w === 256)).toHaveLength(273);
    expect(widths[0].filter((w) => w < 256)).toEqual([112]);
    expect(widths[1]).toEqual([256, 17]);
    expect(widths[2]).toEqual([1]);
    expect(checkpoint.rootHash.equals(root)).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('serves entry bundles whose entries hash to the level-0 tile, and caches full tiles forever, partial ones briefly', async () => {
    for (const path of ['entries/000', `entries/${encodeN(273)}.p/112`]) {
      const res = await fetchBytes(`tile/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const bundle = Buffer.from(await res.arrayBuffer());
      const entries: Buffer[] = [];
      for (let at = 0; at < bundle.length; ) {
        const len = bundle.readUInt16BE(at);
        entries.push(bundle.subarray(at + 2, at + 2 + len));
        at += 2 + len;
      }
      const tile = split(await getTile(`tile/0/${path.slice('entries/'.length)}`));
      expect(entries.map((e) => sha256(Buffer.from([0]), e))).toEqual(tile);
    }
    const full = await fetchBytes('tile/0/000');
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const partial = await fetchBytes(`tile/0/${encodeN(273)}.p/112`);
    expect(partial.headers.get('cache-control')).toBe('public, max-age=60');
    // An older checkpoint's partial tile is a prefix of today's.
    expect(Buffer.from(await (await fetchBytes(`tile/0/${encodeN(273)}.p/5`)).arrayBuffer()).equals(Buffer.concat(leaves.slice(273 * 256, 273 * 256 + 5)))).toBe(true);
  });

  it('answers 404 for a tile beyond the checkpoint, 400 for a path that is not a tile, without a token', async () => {
    expect((await fetchBytes(`tile/0/${encodeN(273)}`)).status).toBe(404); // not full yet
    expect((await fetchBytes(`tile/0/${encodeN(273)}.p/113`)).status).toBe(404);
    expect((await fetchBytes('tile/2/000')).status).toBe(404);
    expect((await fetchBytes('tile/3/000.p/1')).status).toBe(404);
    expect((await fetchBytes('tile/0/1')).status).toBe(400);
    expect((await fetchBytes('tile/00/000')).status).toBe(400);
    expect((await fetchBytes('tile/0/x000/001')).status).toBe(400);
    expect((await fetchBytes('tile/0/000.p/256')).status).toBe(400);
    expect((await fetch(`${t.baseUrl}/logs/00000000-0000-4000-8000-000000000000/tile/0/000`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/logs/not-a-uuid/checkpoint`)).status).toBe(400);
  });

  it('keeps the level-1 hashes it computed: a second read does not recompute them from the leaves', async () => {
    const stored: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM log_tile_hashes WHERE society_id = $1`, [societyId]);
    expect(stored[0].n).toBe(273 + 1); // 273 level-1 hashes, 1 level-2 hash
    const again = await getTile('tile/1/000');
    expect(again.equals(Buffer.concat(Array.from({ length: 256 }, (_, i) => mth(leaves.slice(i * 256, (i + 1) * 256)))))).toBe(true);
  });
});
