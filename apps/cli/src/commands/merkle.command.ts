/**
 * `ledger merkle …`: RFC 6962 / 9162 tree tools that need nothing but the input.
 *
 *   ledger merkle root [FILE]
 *   ledger merkle verify-inclusion --leaf HEX --index I --size N --root HEX --proof HEX,HEX…
 *   ledger merkle verify-consistency --size1 M --size2 N --root1 HEX --root2 HEX --proof HEX,…
 *
 * Exit codes: 0 valid (or root printed), 1 proof invalid, 2 bad arguments or input.
 */
import { readFile } from 'node:fs/promises';
import {
  MerkleFormatError,
  MerkleRootBuilder,
  MerkleVerificationError,
  assertConsistency,
  assertInclusion,
  decodeHashHex,
  decodeHex,
  leafHash,
} from '../../../../libs/merkle/src/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../cli-io.js';

export const MERKLE_USAGE = `usage:
  ledger merkle root [FILE]
      FILE (or standard input when absent or "-") holds one hex leaf datum per line;
      an empty line is the empty leaf and a final newline ends the last line.
      Prints the RFC 6962 root in hex (the empty tree's root for no lines).
  ledger merkle verify-inclusion --leaf HEX --index I --size N --root HEX --proof HEX,HEX,...
      --leaf is the leaf DATA in hex (it is hashed as a leaf); --leaf '' is the empty leaf.
  ledger merkle verify-consistency --size1 M --size2 N --root1 HEX --root2 HEX --proof HEX,HEX,...
      --proof '' is an empty proof.
exit status: 0 valid, 1 invalid, 2 bad arguments
`;

export const merkleCommand: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  try {
    switch (subcommand) {
      case 'root':
        return await merkleRoot(rest, io);
      case 'verify-inclusion':
        return verifyInclusionCommand(rest, io);
      case 'verify-consistency':
        return verifyConsistencyCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(MERKLE_USAGE);
        return EXIT_OK;
      default:
        throw new UsageError(subcommand === undefined ? 'missing subcommand' : `unknown subcommand "${subcommand}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger merkle: ${error.message}\n${MERKLE_USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof MerkleFormatError) {
      io.stderr(`ledger merkle: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
};

async function merkleRoot(args: string[], io: CliIo): Promise<number> {
  if (args.length > 1) throw new UsageError('root takes at most one FILE');
  if (args.length === 1 && args[0].startsWith('--')) throw new UsageError(`unknown option ${args[0]}`);
  const input = args.length === 0 || args[0] === '-' ? await io.readStdin() : await readInput(args[0]);
  const text = input.toString('latin1'); // hex is ASCII; anything else fails the hex check below
  const builder = new MerkleRootBuilder();
  let lineNumber = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lineNumber += 1;
    builder.pushLeafHash(leafHash(decodeHex(line, `line ${lineNumber}`)));
    start = end + 1;
  }
  io.stdout(`${builder.root().toString('hex')}\n`);
  return EXIT_OK;
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function verifyInclusionCommand(args: string[], io: CliIo): number {
  const flags = parseFlags(args, ['leaf', 'index', 'size', 'root', 'proof']);
  const leaf = decodeHex(flags.leaf, '--leaf');
  const index = parseCount(flags.index, '--index');
  const size = parseCount(flags.size, '--size');
  const root = decodeHashHex(flags.root, '--root');
  const proof = parseProof(flags.proof);
  return verdict(io, () => assertInclusion(leafHash(leaf), index, size, proof, root), `leaf ${index} is in the tree of size ${size}`);
}

function verifyConsistencyCommand(args: string[], io: CliIo): number {
  const flags = parseFlags(args, ['size1', 'size2', 'root1', 'root2', 'proof']);
  const size1 = parseCount(flags.size1, '--size1');
  const size2 = parseCount(flags.size2, '--size2');
  const root1 = decodeHashHex(flags.root1, '--root1');
  const root2 = decodeHashHex(flags.root2, '--root2');
  const proof = parseProof(flags.proof);
  return verdict(io, () => assertConsistency(size1, size2, root1, root2, proof), `the tree of size ${size1} is a prefix of the tree of size ${size2}`);
}

/** Runs a check: prints "OK: <claim>" and returns 0, or prints "FAILED: <reason>" on stderr and returns 1. */
function verdict(io: CliIo, check: () => void, claim: string): number {
  try {
    check();
  } catch (error) {
    if (!(error instanceof MerkleVerificationError)) throw error;
    io.stderr(`FAILED: ${error.message}\n`);
    return EXIT_FAILED;
  }
  io.stdout(`OK: ${claim}\n`);
  return EXIT_OK;
}

function parseProof(value: string): Buffer[] {
  if (value === '') return [];
  return value.split(',').map((hash, i) => decodeHashHex(hash.trim(), `--proof element ${i + 1}`));
}

function parseCount(value: string, name: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/**
 * Parses `--name VALUE` and `--name=VALUE` options; every name in `required`
 * must appear exactly once and nothing else may. VALUE may be empty ('').
 */
export function parseFlags<Name extends string>(args: readonly string[], required: readonly Name[]): Record<Name, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (!(required as readonly string[]).includes(name)) throw new UsageError(`unknown option --${name}`);
    if (found.has(name)) throw new UsageError(`--${name} is given twice`);
    found.set(name, value);
  }
  const missing = required.filter((name) => !found.has(name));
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((n) => `--${n}`).join(', ')}`);
  return Object.fromEntries(found) as Record<Name, string>;
}
