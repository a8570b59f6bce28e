/**
 * One CWR line ⇄ one typed record. Parsing pads a short line with blanks (files often
 * arrive with trailing blanks stripped) and converts each field by its type; writing puts
 * every field back at its position, so that parse → write gives the line again (modulo
 * trailing blanks). Values are never JS floating point: shares stay decimal strings.
 */
import { type CwrVersion, type FieldLayout, type RecordLayout, LAYOUTS, PREFIX_LENGTH, fieldsOf } from './layouts.js';

export type CwrValue = string | number | null;

export interface CwrRecord {
  readonly type: string;
  /** 1-based line in the file (0 for records made in memory). */
  readonly line: number;
  /** From the prefix; null for control records or when not a number. */
  readonly transactionSequence: number | null;
  readonly recordSequence: number | null;
  /** Typed values by field name (layouts.ts), after any FR default was applied. */
  readonly fields: Record<string, CwrValue>;
  /** Fields of a zero-filled type (N, S, D, T) that were blank in the file: written back blank. */
  readonly blank: ReadonlySet<string>;
  /** The line as read, for record types without a layout here (written back as is). */
  readonly text: string | null;
  /** Set when an RR edit rejected this record (the transaction stands without it). */
  rejected?: boolean;
}

export interface FieldDefect {
  readonly field: FieldLayout;
  /** The text found. */
  readonly text: string;
}

export interface ParsedRecord {
  readonly record: CwrRecord;
  /** Fields whose text does not fit their type (value set to null). */
  readonly defects: readonly FieldDefect[];
  /** Non-blank text after the end of the record for this version. */
  readonly overlong: boolean;
}

const DIGITS = /^[0-9]+$/;

/** The blank set of records without blank zero-filled fields (shared, never added to). */
export const NO_BLANKS: ReadonlySet<string> = new Set<string>();

/** The 3-character record type of a line (padded). */
export function recordTypeOf(line: string): string {
  return line.length >= 3 ? line.slice(0, 3) : line.padEnd(3, ' ');
}

function blankText(text: string): boolean {
  return text.trim() === '';
}

/** Convert one field's text; `undefined` = not valid for the type. */
export function convertField(type: FieldLayout['type'], text: string): CwrValue | undefined {
  switch (type) {
    case 'A':
    case 'L':
      return text.trimEnd();
    case 'X':
      return text.trimEnd();
    case 'N':
      if (blankText(text)) return null;
      return DIGITS.test(text) ? Number(text) : undefined;
    case 'S':
      if (blankText(text)) return null;
      if (!DIGITS.test(text)) return undefined;
      return `${text.slice(0, 3).replace(/^0+(?=[0-9])/, '')}.${text.slice(3)}`;
    case 'D': {
      if (blankText(text) || text === '00000000') return null;
      if (!DIGITS.test(text)) return undefined;
      const y = Number(text.slice(0, 4));
      const m = Number(text.slice(4, 6));
      const d = Number(text.slice(6, 8));
      if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
      return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
    }
    case 'T': {
      if (blankText(text) || text === '000000') return null;
      if (!DIGITS.test(text)) return undefined;
      const h = Number(text.slice(0, 2));
      const mi = Number(text.slice(2, 4));
      const s = Number(text.slice(4, 6));
      if (h > 23 || mi > 59 || s > 59) return undefined;
      return `${text.slice(0, 2)}:${text.slice(2, 4)}:${text.slice(4, 6)}`;
    }
    case 'B':
      if (blankText(text)) return null;
      return text === 'Y' || text === 'N' ? text : undefined;
    case 'F':
      if (blankText(text)) return null;
      return text === 'Y' || text === 'N' || text === 'U' ? text : undefined;
  }
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Format one value back to the field's text. */
export function formatField(field: FieldLayout, value: CwrValue, blank: boolean): string {
  const { size, type } = field;
  if (value === null || value === undefined) {
    if (blank || type === 'A' || type === 'L' || type === 'X' || type === 'B' || type === 'F') return ' '.repeat(size);
    return '0'.repeat(size);
  }
  switch (type) {
    case 'A':
    case 'L':
    case 'X':
    case 'B':
    case 'F':
      return fit(String(value), size);
    case 'N':
      return fit(String(value).padStart(size, '0'), size);
    case 'S': {
      const [whole, fraction = ''] = String(value).split('.');
      return fit(`${whole.padStart(size - 2, '0')}${fraction.padEnd(2, '0').slice(0, 2)}`, size);
    }
    case 'D':
      return fit(String(value).replaceAll('-', ''), size);
    case 'T':
      return fit(String(value).replaceAll(':', ''), size);
  }
}

function fit(text: string, size: number): string {
  return text.length >= size ? text.slice(0, size) : text.padEnd(size, ' ');
}

function prefixNumber(text: string): number | null {
  return DIGITS.test(text) ? Number(text) : null;
}

/**
 * Parse one line (without its end-of-line) of the given version. Record types without a
 * layout keep their text. Control records (HDR, GRH, GRT, TRL) have no transaction prefix.
 */
export function parseRecord(text: string, lineNumber: number, version: CwrVersion): ParsedRecord {
  const type = recordTypeOf(text);
  const layout: RecordLayout | undefined = LAYOUTS.get(type);
  const control = type === 'HDR' || type === 'GRH' || type === 'GRT' || type === 'TRL';
  const transactionSequence = control ? null : prefixNumber(text.slice(3, 11));
  const recordSequence = control ? null : prefixNumber(text.slice(11, 19));
  if (!layout) {
    return {
      record: { type, line: lineNumber, transactionSequence, recordSequence, fields: {}, blank: NO_BLANKS, text },
      defects: [],
      overlong: false,
    };
  }
  const length = layout.length[version];
  const padded = text.length < length ? text.padEnd(length, ' ') : text;
  const fields: Record<string, CwrValue> = {};
  let blank: Set<string> | null = null;
  const defects: FieldDefect[] = [];
  for (const field of fieldsOf(layout, version)) {
    const raw = padded.slice(field.start - 1, field.start - 1 + field.size);
    const value = convertField(field.type, raw);
    if (value === undefined) {
      fields[field.name] = null;
      defects.push({ field, text: raw });
    } else {
      fields[field.name] = value;
      if (value === null && (field.type === 'N' || field.type === 'S' || field.type === 'D' || field.type === 'T') && blankText(raw)) {
        (blank ??= new Set()).add(field.name);
      }
    }
  }
  const overlong = text.length > length && text.slice(length).trim() !== '';
  return { record: { type, line: lineNumber, transactionSequence, recordSequence, fields, blank: blank ?? NO_BLANKS, text: null }, defects, overlong };
}

/** Write a record as one line (no end-of-line), trailing blanks removed. */
export function formatRecord(record: Pick<CwrRecord, 'type' | 'transactionSequence' | 'recordSequence' | 'fields' | 'blank' | 'text'>, version: CwrVersion): string {
  const layout = LAYOUTS.get(record.type);
  if (!layout) {
    const text = record.text ?? record.type;
    return withPrefix(text, record).trimEnd();
  }
  const control = record.type === 'HDR' || record.type === 'GRH' || record.type === 'GRT' || record.type === 'TRL';
  let out = control ? record.type : prefix(record);
  for (const field of fieldsOf(layout, version)) {
    const at = field.start - 1;
    if (out.length < at) out = out.padEnd(at, ' ');
    out = out.slice(0, at) + formatField(field, record.fields[field.name] ?? null, record.blank.has(field.name));
  }
  return out.trimEnd();
}

function prefix(record: Pick<CwrRecord, 'type' | 'transactionSequence' | 'recordSequence'>): string {
  const n = (v: number | null) => (v === null ? '        ' : String(v).padStart(8, '0').slice(-8));
  return `${record.type}${n(record.transactionSequence)}${n(record.recordSequence)}`;
}

/** Replace the prefix of a raw line with the record's (used when renumbering records). */
function withPrefix(text: string, record: Pick<CwrRecord, 'type' | 'transactionSequence' | 'recordSequence'>): string {
  if (record.transactionSequence === null && record.recordSequence === null) return text;
  return prefix(record) + text.slice(PREFIX_LENGTH);
}

/** A copy of `record` with other sequence numbers (for echoing records in an ACK). */
export function renumber(record: CwrRecord, transactionSequence: number, recordSequence: number): CwrRecord {
  return { ...record, transactionSequence, recordSequence };
}
