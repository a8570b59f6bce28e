import { apportionCommand } from './commands/apportion.command.js';
import { keysCommand } from './commands/keys.command.js';
import { merkleCommand } from './commands/merkle.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { submitCommand } from './commands/submit.command.js';
import { verifyCommand } from './commands/verify.command.js';
import { witnessCommand } from './commands/witness.command.js';
import { type CliCommand, EXIT_USAGE, processIo } from './cli-io.js';

const COMMANDS: Record<string, { run: CliCommand; summary: string }> = {
  apportion: { run: apportionCommand, summary: 'seats from votes or market shares (exact arithmetic)' },
  merkle: { run: merkleCommand, summary: 'RFC 6962 roots, inclusion and consistency proofs' },
  verify: { run: verifyCommand, summary: 'check a downloaded line proof and its signed head offline' },
  migrate: { run: migrateCommand, summary: 'apply the database migrations (DATABASE_URL, or the embedded database in DATA_DIR)' },
  keys: { run: keysCommand, summary: 'rotate the log signing key kept in DATA_DIR (keys rotate)' },
  submit: { run: submitCommand(), summary: 'send a quarterly package to a running ledger and wait for its outcome' },
  witness: { run: witnessCommand, summary: 'run a C2SP tlog-witness for ledger logs (witness keygen, witness serve)' },
};

const USAGE = `usage: ledger <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}
`;

/** `npx ledger …`: dispatches to one command and exits with its code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    processIo.stdout(USAGE);
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    processIo.stderr(`ledger: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  return command.run(args, processIo);
}
