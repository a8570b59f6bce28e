/**
 * `ledger verify --proof FILE.json --keys KEYS.json`: checks a line proof bundle
 * (GET /v1/submissions/{id}/lines/{lineId}/proof) against the log's public keys
 * (GET /v1/log/keys) offline, with no database and no network.
 *
 * Exit codes: 0 the proof holds, 1 it does not (reason on stderr), 2 bad
 * arguments or files that cannot be read or are not a proof / key set.
 */
import { readFile } from 'node:fs/promises';
import {
  MerkleFormatError,
  parseKeySet,
  parseLineProofBundle,
  verifyLineProof,
  type LineProofBundle,
  type PublicKeyRecord,
} from '../../../../libs/merkle/src/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../cli-io.js';
import { parseFlags } from './merkle.command.js';

export const VERIFY_USAGE = `usage: ledger verify --proof FILE.json --keys KEYS.json
  FILE.json  a line proof as served by GET /v1/submissions/{id}/lines/{lineId}/proof
  KEYS.json  the log's public keys as served by GET /v1/log/keys: {"keys": [...]}
exit status: 0 valid, 1 invalid, 2 bad arguments or unreadable files
`;

export const verifyCommand: CliCommand = async (args, io) => {
  let bundle: LineProofBundle;
  let keys: PublicKeyRecord[];
  try {
    if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
      io.stdout(VERIFY_USAGE);
      return EXIT_OK;
    }
    const flags = parseFlags(args, ['proof', 'keys']);
    bundle = await readDocument(flags.proof, 'proof', parseLineProofBundle);
    keys = await readDocument(flags.keys, 'keys', parseKeySet);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger verify: ${error.message}\n${VERIFY_USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const result = verifyLineProof(bundle, keys);
  if (!result.ok) {
    io.stderr(`FAILED: ${result.reason}\n`);
    return EXIT_FAILED;
  }
  const { head } = bundle;
  io.stdout(
    `OK: line ${bundle.leafIndex} of submission ${bundle.submissionIndex} is in the log of size ${bundle.treeSize}` +
      ` with root ${head.rootHash}, signed by key ${head.keyId} at ${head.timestamp}\n`,
  );
  if (result.warning) io.stderr(`warning: ${result.warning}\n`);
  return EXIT_OK;
};

/** Reads a JSON file and checks its shape; any problem is a usage error naming the file. */
async function readDocument<T>(path: string, what: string, parse: (document: unknown) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new UsageError(`the ${what} file ${path} is not JSON`);
  }
  try {
    return parse(document);
  } catch (error) {
    if (error instanceof MerkleFormatError) throw new UsageError(`the ${what} file ${path} is malformed: ${error.message}`);
    throw error;
  }
}
