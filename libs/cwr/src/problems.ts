/**
 * Problems found in a CWR file, each at a line and column, with the rejection level the
 * specification attaches to the edit (CWR 2.2 §2.1 "Validation"):
 *
 * - `ER` the entire file is rejected, `GR` the group, `TR` the transaction, `RR` the record;
 * - `FR` the field is rejected and replaced by the default the edit names (the record and
 *   transaction stand, with the default);
 * - `warning`: not a rejection (e.g. a file that looks UTF-8 but declares no character
 *   set); never written to an ACK.
 *
 * `validation` points back to the edit in the specification the way a MSG record does:
 * record type, message level (the section of edits: E file, G group, T transaction,
 * R record, F field) and the edit's number. Edits of the record prefix (§2.1 "Record
 * Prefixes", field level 1–9) are numbered P01–P09 and the file-level edits of §3.4
 * level E 001–010, since the specification gives them no record of their own.
 */
export type RejectionLevel = 'ER' | 'GR' | 'TR' | 'RR' | 'FR';
export type CwrProblemLevel = RejectionLevel | 'warning';
/** MSG Message Level / Message Type letters (§5.26). */
export type MessageLevel = 'E' | 'G' | 'T' | 'R' | 'F';

export interface CwrValidation {
  readonly recordType: string;
  readonly level: MessageLevel;
  /** Three characters, e.g. "005". */
  readonly number: string;
}

export interface CwrProblem {
  readonly level: CwrProblemLevel;
  /** 1-based line of the file. */
  readonly line: number;
  /** 1-based character position in the line where the offending field starts. */
  readonly column: number;
  /** Record type of the line (as found, may be garbage). */
  readonly recordType: string;
  /** Record sequence number of the record within its transaction, when known. */
  readonly recordSequence: number | null;
  /** Name of the field (see layouts.ts), or null for a whole record. */
  readonly field: string | null;
  readonly validation: CwrValidation | null;
  readonly message: string;
  /** The text found in the field, when it matters. */
  readonly value?: string;
  /** For FR: the default the field now holds, as written in the file. */
  readonly replacedWith?: string;
}

/** Order of severity, most severe first. */
export const LEVEL_ORDER: readonly CwrProblemLevel[] = ['ER', 'GR', 'TR', 'RR', 'FR', 'warning'];

/** The MSG Message Type letter for a rejection level (§5.26: F, R, T, G, E). */
export function messageTypeOf(level: RejectionLevel): MessageLevel {
  return ({ ER: 'E', GR: 'G', TR: 'T', RR: 'R', FR: 'F' } as const)[level];
}

export function validation(recordType: string, level: MessageLevel, number: number | string): CwrValidation {
  return { recordType, level, number: typeof number === 'number' ? String(number).padStart(3, '0') : number };
}

/** "line 12, column 116 (SPU prShare): …" */
export function describeProblem(p: CwrProblem): string {
  const where = `line ${p.line}, column ${p.column}`;
  const what = p.field ? ` (${p.recordType} ${p.field})` : ` (${p.recordType})`;
  const edit = p.validation ? ` [${p.validation.recordType} ${p.validation.level} ${p.validation.number}]` : '';
  return `${p.level} ${where}${what}: ${p.message}${edit}`;
}
