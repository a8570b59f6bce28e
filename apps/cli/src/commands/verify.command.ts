/**
 * `ledger verify --proof FILE.json --keys KEYS.json`: checks a line proof bundle
 * (GET /v1/submissions/{id}/lines/{lineId}/proof) against the log's public keys
 * (GET /v1/log/keys) offline, with no database and no network.
 * `ledger verify --proof FILE.tlog-proof [--keys KEYS.json] [--policy POLICY]`: the same
 * proof as a C2SP tlog-proof (?format=tlog-proof); given a C2SP tlog-policy, the
 * checkpoint must carry its quorum of valid witness cosignatures.
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
import { TLOG_PROOF_HEADER, verifyLineTlogProof } from '../../../../libs/ledger/src/tlog-proof.js';
import { parsePolicy, writtenQuorum, type Policy } from '../../../../libs/witness/src/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../cli-io.js';
import { parseFlags } from './merkle.command.js';

export const VERIFY_USAGE = `usage: ledger verify --proof FILE.json --keys KEYS.json
       ledger verify --proof FILE.tlog-proof [--keys KEYS.json] [--policy POLICY]
  FILE.json         a line proof as served by GET /v1/submissions/{id}/lines/{lineId}/proof
  FILE.tlog-proof   the same with ?format=tlog-proof (C2SP tlog-proof, cosigned checkpoint)
  KEYS.json         the log's public keys as served by GET /v1/log/keys: {"keys": [...]}
  POLICY            a C2SP tlog-policy (log, witness, group, quorum lines): its quorum of
                    valid witness cosignatures is required
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
    const proofAt = args.findIndex((a) => a === '--proof' || a.startsWith('--proof='));
    const proofPath = proofAt < 0 ? undefined : args[proofAt].startsWith('--proof=') ? args[proofAt].slice(8) : args[proofAt + 1];
    const proofText = proofPath ? await readFile(proofPath, 'utf8').catch(() => '') : '';
    if (proofText.startsWith(`${TLOG_PROOF_HEADER}\n`)) return await verifyTlog(args, proofText, io);
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

/** A tlog-proof: the log keys from --keys (their verifierKey) and/or the policy's log lines; the policy's quorum when given. */
async function verifyTlog(args: readonly string[], text: string, io: Parameters<CliCommand>[1]): Promise<number> {
  const rest = [...args];
  const take = (name: string): string | undefined => {
    const i = rest.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const value = rest[i].includes('=') ? rest[i].slice(rest[i].indexOf('=') + 1) : rest[i + 1];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    rest.splice(i, rest[i].includes('=') ? 1 : 2);
    return value;
  };
  const keysPath = take('keys');
  const policyPath = take('policy');
  parseFlags(rest, ['proof']);
  const logVerifierKeys = keysPath ? (await readDocument(keysPath, 'keys', (d) => ((d as { keys?: { verifierKey?: string }[] }).keys ?? []).map((k) => k.verifierKey).filter((k): k is string => !!k))) : [];
  let policy: Policy | undefined;
  if (policyPath) {
    let policyText: string;
    try {
      policyText = await readFile(policyPath, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the policy file ${policyPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      policy = parsePolicy(policyText);
    } catch (error) {
      throw new UsageError(`the policy file ${policyPath} is malformed: ${(error as Error).message}`);
    }
  }
  if (!policy && logVerifierKeys.length === 0) throw new UsageError('a tlog-proof needs --keys or --policy (with a log line) to check the checkpoint');
  const result = verifyLineTlogProof(text, { logVerifierKeys, policy });
  if (!result.ok) {
    io.stderr(`FAILED: ${result.reason}\n`);
    return EXIT_FAILED;
  }
  io.stdout(
    `OK: line ${result.line!.leafIndex} of a submission of ${result.line!.submissionSize} lines is leaf of the log ${result.checkpoint!.origin} of size ${result.checkpoint!.treeSize}` +
      (policy ? `, cosigned by ${result.cosigners.join(', ')} (quorum ${writtenQuorum(policy)} met)` : '') +
      '\n',
  );
  return EXIT_OK;
}
