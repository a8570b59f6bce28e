/**
 * The demo's witness: on `npm start` with the demo and no LOG_WITNESSES, the ledger runs
 * a C2SP witness (libs/witness, the one `ledger witness serve` runs) in its own process,
 * on 127.0.0.1 and a free port, with its own key and state under DATA_DIR/witness:
 *
 *   DATA_DIR/witness/key      its cosigning key (PRIVATE+KEY+demo-witness.localhost+…, mode 0600), made once
 *   DATA_DIR/witness/state/   what it cosigned per log (kept across restarts, like any witness's)
 *   DATA_DIR/witness/policy   the tlog-policy the ledger reads as LOG_WITNESSES (rewritten at each
 *                             start: the port changes): `log`, this witness, `quorum demo-witness.localhost`
 *
 * It follows every society's log (origin collective-ledger/society/<id>, signed by the
 * ledger's key), so the public page shows each checkpoint cosigned and by whom. A real
 * deployment's witnesses run elsewhere, operated by regulators (docs/witness.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { LOG_KEY_NAME } from '../../ledger/src/index.js';
import { ed25519RawPublicKey, formatVerifierKey } from '../../merkle/src/index.js';
import {
  Witness,
  WitnessStateStore,
  cosignerVkey,
  createWitnessServer,
  formatCosignerPrivateKey,
  generateCosignerKey,
  parseCosignerPrivateKey,
  parseVkey,
} from '../../witness/src/index.js';

/** The demo witness's name (its cosignatures' key name, and its name in the policy). */
export const DEMO_WITNESS_NAME = 'demo-witness.localhost';

const SOCIETY_ORIGIN = /^collective-ledger\/society\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DemoWitness {
  name: string;
  vkey: string;
  /** Its submission prefix, http://127.0.0.1:<port>. */
  url: string;
  /** DATA_DIR/witness. */
  dir: string;
  /** The policy file to use as LOG_WITNESSES. */
  policyFile: string;
  close(): Promise<void>;
}

/**
 * Starts the demo witness for the log key `logKey` (the ledger's current signing key,
 * private or public) with its files in `<dataDir>/witness`.
 */
export async function startDemoWitness(dataDir: string, logKey: KeyObject, onError?: (error: unknown) => void): Promise<DemoWitness> {
  const dir = path.resolve(dataDir, 'witness');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dir, 'key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, `${formatCosignerPrivateKey(generateCosignerKey(DEMO_WITNESS_NAME))}\n`, { mode: 0o600, flag: 'wx' });
  const key = parseCosignerPrivateKey(readFileSync(keyFile, 'utf8').trim());
  const logVkey = formatVerifierKey(LOG_KEY_NAME, ed25519RawPublicKey(logKey.type === 'private' ? createPublicKey(logKey) : logKey));
  const logVerifier = parseVkey(logVkey);
  const witness = new Witness({
    key,
    logs: [],
    store: new WitnessStateStore(path.join(dir, 'state')),
    resolveLog: (origin) => (SOCIETY_ORIGIN.test(origin) ? { origin, keys: [logVerifier] } : null),
  });
  const server: Server = createWitnessServer(witness, onError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const vkey = cosignerVkey(key);
  const policyFile = path.join(dir, 'policy');
  writeFileSync(
    policyFile,
    [
      '# The demo witness (npm start without LOG_WITNESSES): rewritten at every start.',
      `log ${logVkey}`,
      `witness ${key.name} ${vkey} ${url}`,
      `quorum ${key.name}`,
      '',
    ].join('\n'),
  );
  return {
    name: key.name,
    vkey,
    url,
    dir,
    policyFile,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the ledger's keep-alive connections would hold it open
      }),
  };
}
