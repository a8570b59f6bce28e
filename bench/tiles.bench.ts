/**
 * Tile serving benchmark (issue 15: "tile serving per second against /health in the same run").
 *
 *   npm run bench:tiles [-- --rows N] [-- --leaves L]
 *
 * Puts L leaves (default 70,000) straight into one society's log (SQL) and signs a head
 * over them, then times N (default 5,000) GET /logs/{id}/tile/… requests, cycling over every
 * tile of the log (full and partial hash tiles of each level, and entry bundles), after one
 * untimed pass (which computes and stores the higher levels' hashes once). Baseline: N GET
 * /health in the same run, same client. Requests go one after another over keep-alive.
 * ratio = baselineSeconds / seconds.
 */
import pg from 'pg';
import { benchDatabase, bootBenchApp, intOption, report, rssSampler, timed } from './support.js';

async function main(): Promise<void> {
  const rows = intOption('rows', 5_000);
  const leaves = intOption('leaves', 70_000);
  const memory = rssSampler();
  const db = await benchDatabase('tiles');
  try {
    const app = await bootBenchApp(db.url, db.work);
    const society = (await app.api('POST', '/v1/societies', { name: 'Tiles Bench Society', cisacCode: '559', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO submissions (society_id, id, type, period, status, sha256, byte_size, storage_path, rows, root, log_index)
       SELECT $1, gen_random_uuid(), 'board', '2025Q1', 'committed', sha256(int8send(i)), 0, 'bench', 0, sha256(int8send(i)), i FROM generate_series(0, $2 - 1) AS i`,
      [society.id, leaves],
    );
    await client.query(
      `INSERT INTO log_leaves (society_id, leaf_index, submission_id, leaf_hash)
       SELECT society_id, log_index, id, sha256('\\x00'::bytea || root) FROM submissions WHERE society_id = $1 AND storage_path = 'bench'`,
      [society.id],
    );
    const { LogRepository, SigningKeyService, logOrigin, tilePath, partialWidth } = await import('../libs/ledger/src/index.js');
    const { MerkleTree, signTreeHead } = await import('../libs/merkle/src/index.js');
    const hashes = (await client.query<{ h: Buffer }>(`SELECT leaf_hash AS h FROM log_leaves WHERE society_id = $1 ORDER BY leaf_index`, [society.id])).rows.map((r) => r.h);
    const head = signTreeHead(
      { treeSize: leaves, rootHash: new MerkleTree(hashes).root().toString('hex'), timestamp: new Date().toISOString(), origin: logOrigin(society.id) },
      app.nest.get(SigningKeyService).privateKey,
    );
    const ds = app.nest.get((await import('typeorm')).DataSource);
    const q = ds.createQueryRunner();
    await app.nest.get(LogRepository).insertHead(q, society.id, head);
    await q.release();
    await client.end();

    const paths: string[] = [];
    for (let level = 0; 256 ** level <= leaves; level++) {
      const count = Math.floor(leaves / 256 ** level);
      for (let n = 0; n * 256 < count; n++) {
        const w = Math.min(256, count - n * 256);
        paths.push(tilePath(level, n, w < 256 ? w : undefined));
        if (level === 0) paths.push(tilePath('entries', n, w < 256 ? w : undefined));
      }
    }
    process.stdout.write(`a log of ${leaves} leaves: ${paths.length} tiles and entry bundles (partial widths ${[0, 1, 2].map((l) => partialWidth(leaves, l)).join(', ')})\n`);
    const get = async (url: string) => {
      const res = await fetch(url);
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      await res.arrayBuffer();
    };
    const warm = await timed(async () => {
      for (const p of paths) await get(`${app.base}/logs/${society.id}/${p}`);
    });
    process.stdout.write(`first pass over every tile (higher levels computed and stored): ${warm.seconds.toFixed(2)} s\n`);
    const baseline = await timed(async () => {
      for (let i = 0; i < rows; i++) await get(`${app.base}/health`);
    });
    process.stdout.write(`baseline: ${rows} GET /health in ${baseline.seconds.toFixed(3)} s (${(rows / baseline.seconds).toFixed(0)}/s)\n`);
    const tiles = await timed(async () => {
      for (let i = 0; i < rows; i++) await get(`${app.base}/logs/${society.id}/${paths[i % paths.length]}`);
    });
    process.stdout.write(`tiles: ${rows} GET /logs/{id}/tile/… in ${tiles.seconds.toFixed(3)} s (${(rows / tiles.seconds).toFixed(0)}/s)\n`);
    await app.close();
    memory.stop();
    report({ bench: 'tiles', rows, seconds: tiles.seconds, baseline: 'GET /health round trip', baselineSeconds: baseline.seconds, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
