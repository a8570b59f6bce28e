/**
 * `ledger keys rotate [--data-dir DIR]`: replaces the log signing key kept in
 * DATA_DIR with a new one. The old key's public record, dated (`retiredAt`), is
 * appended to DATA_DIR/log-retired-keys.json, so the ledger keeps trusting the heads
 * it signed; the old private key file is replaced by the new one. Stop the API and
 * the workers before, start them after: they load the keys at start.
 *
 * Exit codes: 0 rotated, 2 bad arguments, no key to rotate, a key given by
 * LOG_SIGNING_KEY (rotated by configuration instead), or a key file that cannot be
 * read or written (the message says whether anything changed).
 */
import { KeyStoreError, rotateSigningKey } from '../../../../libs/ledger/src/key-store.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../cli-io.js';
import { parseFlags } from './merkle.command.js';

export const KEYS_USAGE = `usage: ledger keys rotate [--data-dir DIR]
  Replaces the log signing key of DIR (default: $DATA_DIR, else ./data) with a new
  one, keeps the old public key in DIR/log-retired-keys.json (trusted for the heads
  it signed until now) and removes the old private key file.
  Stop the API and the workers first; start them again after.
  With LOG_SIGNING_KEY, rotate by configuration instead (see docs/proofs.md).
exit status: 0 rotated, 2 bad arguments or nothing to rotate
`;

export const keysCommand: CliCommand = (args, io) => runKeys(args, io, process.env);

/** The command with its environment given (for tests). */
export async function runKeys(args: string[], io: CliIo, env: NodeJS.ProcessEnv, now: Date = new Date()): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(KEYS_USAGE);
    return EXIT_OK;
  }
  try {
    if (sub !== 'rotate') throw new UsageError(sub === undefined ? 'missing the subcommand' : `unknown subcommand "${sub}"`);
    const dataDir = rest.length === 0 ? env.DATA_DIR || './data' : parseFlags(rest, ['data-dir'])['data-dir'];
    if (env.LOG_SIGNING_KEY) {
      throw new UsageError(
        'the signing key is LOG_SIGNING_KEY, not a file in DATA_DIR: rotate it by setting a new LOG_SIGNING_KEY ' +
          'and listing the old public key in the LOG_TRUSTED_KEYS file (docs/proofs.md, "Rotating the signing key")',
      );
    }
    const r = await rotateSigningKey(dataDir, now);
    io.stdout(
      `rotated the log signing key in ${dataDir}\n` +
        `  retired  ${r.retired.keyId}  trusted for heads dated up to ${r.retired.retiredAt}; public key kept in ${r.retiredFile}\n` +
        `  current  ${r.current.keyId}  private key in ${r.keyFile}\n` +
        'Start the API and the workers again: they load the keys at start. GET /v1/log/keys then lists both keys.\n',
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger keys: ${error.message}\n${KEYS_USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof KeyStoreError) {
      io.stderr(`ledger keys: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
