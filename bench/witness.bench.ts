/**
 * Witness benchmark.
 *
 *   npm run bench:witness [-- --rows N]      (default 1,000 checkpoints)
 *
 * Starts a C2SP tlog-witness (libs/witness, the server `ledger witness serve` runs) in
 * this process on a free port with its state in a temporary folder, prepares N
 * checkpoints of one growing log (1 to 64 new leaves each, signed by the log key, each
 * with its consistency proof from the previous one; not timed), then measures in the
 * same run, over one keep-alive connection, after 50 untimed requests of each kind:
 *   baseline  N × GET /health (a trivial HTTP round trip);
 *   cosign    N × POST /add-checkpoint, in order: every one checked (signature,
 *             consistency proof), cosigned (cosignature/v1) and durably persisted
 *             (write, fsync, rename, fsync of the folder) before its answer; each
 *             answer must be 200.
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process (client and
 * witness).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MerkleTree, formatVerifierKey, generateEd25519KeyPair, leafHash, signCheckpoint } from '../libs/merkle/src/index.js';
import { Witness, WitnessStateStore, createWitnessServer, formatAddCheckpointRequest, generateCosignerKey, parseLogArgument } from '../libs/witness/src/index.js';
import { intOption, report, rssSampler, timed } from './support.js';

const ORIGIN = 'bench.example/log';

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000);
  const memory = rssSampler();
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-bench-witness-'));
  try {
    const log = generateEd25519KeyPair();
    const witness = new Witness({
      key: generateCosignerKey('bench.example/witness'),
      logs: [parseLogArgument(`${ORIGIN}=${formatVerifierKey(ORIGIN, log.publicKey)}`)],
      store: new WitnessStateStore(dir),
    });
    const server = createWitnessServer(witness);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = (method: string, route: string, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path: route, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(body);
      });

    // The log: each checkpoint adds 1..64 leaves (deterministic), proof from the previous size.
    const warm = 50;
    const tree = new MerkleTree();
    const bodies: string[] = [];
    let previous = 0;
    for (let i = 0; i < rows + warm; i++) {
      const add = 1 + ((i * 37) % 64);
      for (let j = 0; j < add; j++) tree.append(leafHash(Buffer.from(`entry ${tree.size}`)));
      const size = tree.size;
      const note = signCheckpoint(ORIGIN, size, tree.root(size), ORIGIN, log.privateKey);
      bodies.push(formatAddCheckpointRequest(previous, previous === 0 ? [] : tree.consistencyProof(previous, size), note));
      previous = size;
    }
    process.stdout.write(`prepared ${rows} checkpoints (+${warm} to warm up) of a log growing to ${tree.size} leaves\n`);

    for (let i = 0; i < warm; i++) {
      await call('GET', '/health');
      const r = await call('POST', '/add-checkpoint', bodies[i]);
      if (r.status !== 200) throw new Error(`warm-up add-checkpoint ${i}: ${r.status} ${r.body}`);
    }
    const baseline = await timed(async () => {
      for (let i = 0; i < rows; i++) {
        const r = await call('GET', '/health');
        if (r.status !== 200) throw new Error(`/health: ${r.status}`);
      }
    });
    process.stdout.write(`baseline: ${rows} GET /health in ${baseline.seconds.toFixed(3)} s (${(rows / baseline.seconds).toFixed(0)}/s)\n`);
    const cosign = await timed(async () => {
      for (let i = warm; i < warm + rows; i++) {
        const r = await call('POST', '/add-checkpoint', bodies[i]);
        if (r.status !== 200) throw new Error(`add-checkpoint ${i}: ${r.status} ${r.body}`);
      }
    });
    process.stdout.write(`cosign: ${rows} add-checkpoint (checked, cosigned, fsynced) in ${cosign.seconds.toFixed(3)} s (${(rows / cosign.seconds).toFixed(0)}/s)\n`);
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    memory.stop();
    report({ bench: 'witness', rows, seconds: cosign.seconds, baseline: 'GET /health round trip', baselineSeconds: baseline.seconds, rssMb: memory.peakMb() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
