/**
 * `ledger apportion`: seats from a CSV of votes, with nothing but the file.
 *
 *   ledger apportion --method M --seats N [--threshold PCT] [--min-seats K] [--max-seats K] [--json] [FILE.csv | -]
 *
 * FILE (standard input when absent or "-") is UTF-8 CSV (RFC 4180 quoting, BOM
 * and CRLF tolerated) with the header `party,votes` (either order). Prints CSV
 * `party,votes,seats` in input order, or with --json the full result.
 *
 * Exit codes: 0 done, 2 bad arguments or input (the message names the line).
 */
import { readFile } from 'node:fs/promises';
import {
  type ApportionmentInput,
  ApportionmentInputError,
  type ApportionmentResult,
  METHODS,
  apportion,
} from '../../../../libs/apportionment/src/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../cli-io.js';
import { csvRow } from '../../../../libs/csv/src/index.js';

export const APPORTION_USAGE = `usage:
  ledger apportion --method M --seats N [--threshold PCT] [--min-seats K] [--max-seats K] [--json] [FILE.csv | -]
      M: ${METHODS.join(', ')}
      FILE (standard input when absent or "-") is CSV with the header party,votes;
      votes are decimals ("1234.56", up to 18 integer and 8 fraction digits).
      --threshold PCT   parties below PCT percent of all votes get no seat
      --min-seats K     every party passing the threshold gets at least K seats
      --max-seats K     no party gets more than K seats
      --json            print the full result (quotas, indices, ties, laws) as JSON
      Prints CSV party,votes,seats in input order.
exit status: 0 done, 2 bad arguments or input
`;

/** Bad input in the file, with the 1-based line it starts on. */
class InputFileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

interface Options {
  method: string;
  seats: number;
  threshold?: string;
  minSeats?: number;
  maxSeats?: number;
  json: boolean;
  file: string | null;
}

export const apportionCommand: CliCommand = async (args, io) => {
  let source = 'standard input';
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(APPORTION_USAGE);
      return EXIT_OK;
    }
    const options = parseOptions(args);
    if (options.file !== null) source = options.file;
    const bytes = options.file === null ? await io.readStdin() : await readInput(options.file);
    const rows = readVotesCsv(bytes);

    let result: ApportionmentResult;
    try {
      const input: ApportionmentInput = {
        method: options.method,
        seats: options.seats,
        parties: rows.map((r) => ({ name: r.party, votes: r.votes })),
        threshold: options.threshold,
        minSeats: options.minSeats,
        maxSeats: options.maxSeats,
      };
      result = apportion(input);
    } catch (error) {
      if (error instanceof ApportionmentInputError && error.partyIndex !== undefined) {
        throw new InputFileError(rows[error.partyIndex]!.line, error.message);
      }
      if (error instanceof ApportionmentInputError && error.code === 'invalid-parties') {
        throw new InputFileError(null, 'no parties after the header line');
      }
      throw error;
    }

    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : seatsCsv(result));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger apportion: ${error.message}\n${APPORTION_USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputFileError) {
      const where = error.line === null ? source : `${source} line ${error.line}`;
      io.stderr(`ledger apportion: ${where}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ApportionmentInputError) {
      io.stderr(`ledger apportion: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
};

function parseOptions(args: readonly string[]): Options {
  const values = new Map<string, string>();
  let json = false;
  const files: string[] = [];
  const valued = ['--method', '--seats', '--threshold', '--min-seats', '--max-seats'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!valued.includes(name)) throw new UsageError(`unknown option ${name}`);
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = args[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value`);
      }
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      values.set(name, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    files.push(arg);
  }
  if (files.length > 1) throw new UsageError(`expected at most one FILE, got ${files.length}`);

  const method = values.get('--method');
  if (method === undefined) throw new UsageError('--method is required');
  const seats = values.get('--seats');
  if (seats === undefined) throw new UsageError('--seats is required');
  const file = files[0] ?? '-';
  return {
    method,
    seats: wholeNumber('--seats', seats),
    threshold: values.get('--threshold'),
    minSeats: optionalWholeNumber('--min-seats', values.get('--min-seats')),
    maxSeats: optionalWholeNumber('--max-seats', values.get('--max-seats')),
    json,
    file: file === '-' ? null : file,
  };
}

function wholeNumber(option: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function optionalWholeNumber(option: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : wholeNumber(option, text);
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

// ---- The votes file. ----

interface VotesRow {
  party: string;
  votes: string;
  /** Line the record starts on (1-based; the header is line 1 or later). */
  line: number;
}

/** Reads `party,votes` rows; the columns may come in either order. */
export function readVotesCsv(bytes: Buffer): VotesRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(null, 'is not valid UTF-8');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records = parseCsv(text);
  const header = records[0];
  if (header === undefined) throw new InputFileError(null, 'is empty; expected the header party,votes');
  const names = header.fields;
  const partyColumn = names.indexOf('party');
  const votesColumn = names.indexOf('votes');
  if (names.length !== 2 || partyColumn < 0 || votesColumn < 0) {
    throw new InputFileError(header.line, `the header must be party,votes (found ${names.join(',')})`);
  }
  return records.slice(1).map((record) => {
    if (record.fields.length !== 2) {
      throw new InputFileError(record.line, `expected 2 fields (party,votes), found ${record.fields.length}`);
    }
    return { party: record.fields[partyColumn]!, votes: record.fields[votesColumn]!, line: record.line };
  });
}

interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * RFC 4180: comma-separated fields, double-quoted fields may hold commas, line
 * breaks and doubled quotes. Records end with CRLF or LF; a final line break
 * and blank lines at the very end are ignored, a blank line elsewhere is an error.
 */
function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const atLineEnd = (at: number): number =>
    text[at] === '\n' ? 1 : text[at] === '\r' && text[at + 1] === '\n' ? 2 : 0;

  while (i < text.length) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new InputFileError(recordLine, 'a quoted field is not closed');
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (i < text.length && text[i] !== ',' && atLineEnd(i) === 0) {
          throw new InputFileError(line, 'unexpected text after a closing quote');
        }
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && atLineEnd(i) === 0) {
          if (text[i] === '"') throw new InputFileError(line, 'a quote inside an unquoted field (quote the whole field)');
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      const lineBreak = atLineEnd(i);
      if (lineBreak > 0) {
        i += lineBreak;
        line++;
      }
      break;
    }
    records.push({ fields, line: recordLine });
  }

  // Blank lines (one empty field) are allowed only at the end.
  while (records.length > 0 && isBlank(records[records.length - 1]!)) records.pop();
  const blank = records.find(isBlank);
  if (blank) throw new InputFileError(blank.line, 'blank line');
  return records;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0] === '';
}

function seatsCsv(result: ApportionmentResult): string {
  const lines = ['party,votes,seats'];
  for (const row of result.seats) lines.push(csvRow([row.name, row.votes, row.seats]));
  return `${lines.join('\n')}\n`;
}

