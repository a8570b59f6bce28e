/**
 * What a CLI command may touch of the outside world. Commands take it as a
 * parameter so tests can run them in-process and read what they printed.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input, as bytes. */
  readStdin(): Promise<Buffer>;
}

/** Exit codes every command uses: 0 ok, 1 a check failed, 2 bad arguments or input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A command: parses its own arguments (after the command name) and returns an exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

export class UsageError extends Error {}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

/** Collects output in memory, for tests. */
export function memoryIo(stdin: string | Buffer = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
    readStdin: async () => (typeof stdin === 'string' ? Buffer.from(stdin) : stdin),
  };
  return io;
}
