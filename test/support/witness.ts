import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { LOG_KEY_NAME, logOrigin } from '../../libs/ledger/src/index.js';
import { exportPrivateKey, formatVerifierKey, generateEd25519KeyPair, signCheckpoint } from '../../libs/merkle/src/index.js';
import { Witness, WitnessStateStore, cosignerVkey, formatAddCheckpointRequest, generateCosignerKey, parseVkey, witnessHandler, type CosignerKey } from '../../libs/witness/src/index.js';

/**
 * A C2SP witness (libs/witness, as `ledger witness serve` runs it) in the test process,
 * listening before the logs it follows exist: it answers 503 until `follow` names them,
 * then checks and cosigns like any witness. `policy` is a LOG_WITNESSES file naming it.
 */
export interface TestWitness {
  name: string;
  key: CosignerKey;
  url: string;
  /** The ledger's log key for LOG_SIGNING_KEY, and its private key to sign checkpoints as the operator could. */
  logKey: { privateKey: KeyObject; env: string; vkey: string };
  /** Path of a tlog-policy file: `log`, this witness, `quorum 1`. */
  policy: string;
  follow(societyIds: string[]): void;
  /** The operator signs `root` for `size` of a society's log and shows it to this witness alone (old 0): a split view. */
  showForgedCheckpoint(societyId: string, size: number, root: Buffer): Promise<number>;
  close(): Promise<void>;
}

export async function startTestWitness(name = 'witness.test.example'): Promise<TestWitness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-test-witness-'));
  const key = generateCosignerKey(name);
  const log = generateEd25519KeyPair();
  const vkey = formatVerifierKey(LOG_KEY_NAME, log.publicKey);
  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server: Server = createServer((req, res) => {
    if (!handler) res.writeHead(503).end('not following any log yet\n');
    else void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const policy = path.join(dir, 'policy');
  writeFileSync(policy, `log ${vkey}\nwitness ${name} ${cosignerVkey(key)} ${url}\nquorum 1\n`);
  return {
    name,
    key,
    url,
    logKey: { privateKey: log.privateKey, env: exportPrivateKey(log.privateKey), vkey },
    policy,
    follow(societyIds) {
      const witness = new Witness({ key, logs: societyIds.map((id) => ({ origin: logOrigin(id), keys: [parseVkey(vkey)] })), store: new WitnessStateStore(path.join(dir, 'state')) });
      handler = witnessHandler(witness);
    },
    async showForgedCheckpoint(societyId, size, root) {
      const forged = signCheckpoint(logOrigin(societyId), size, root, LOG_KEY_NAME, log.privateKey);
      const res = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpointRequest(0, [], forged) });
      return res.status;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
