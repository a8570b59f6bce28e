/**
 * From bytes to lines without holding the file: gzip is recognised by its magic bytes
 * (1f 8b) whatever the file is called and inflated as it streams; the text is UTF-8 (DSR
 * Part 1 "Character Coding", §6.6.2 of its first edition), checked strictly — a line that is not UTF-8 is reported at its line and
 * cell and read on with U+FFFD in place of the bad bytes. Lines end in LF or CRLF; a last
 * line without a line break is still a line (and flagged as unterminated, so the reader
 * can tell a file cut short).
 */
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';

export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface LineBatch {
  /** The lines, without their line breaks. */
  readonly lines: string[];
  /** Line number of lines[0] (1-based). */
  readonly firstLine: number;
  /** True when the batch ends with the last line of the file and that line had no line break. */
  readonly lastUnterminated: boolean;
  /** Lines that are not valid UTF-8: line number → 1-based cell index of the first bad byte. */
  readonly badEncoding: ReadonlyMap<number, number> | null;
}

export type InputIssue =
  | { readonly kind: 'gzip'; readonly message: string; readonly afterLine: number }
  | { readonly kind: 'encoding'; readonly message: string; readonly line: number; readonly fatal: boolean };

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;

/** The bytes of `source`, inflated when they start with the gzip magic bytes. */
export async function* inflateIfGzip(source: ByteChunks, gzipped: (yes: boolean) => void): AsyncGenerator<Uint8Array> {
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]
    ? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
    : (source as Iterable<Uint8Array>)[Symbol.iterator]();
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : concat(head, next.value);
  }
  const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  gzipped(isGzip);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (!isGzip) {
    yield* rest();
    return;
  }
  const gunzip = createGunzip();
  const from = Readable.from(rest(), { objectMode: false });
  from.on('error', (e) => gunzip.destroy(e));
  from.pipe(gunzip);
  for await (const chunk of gunzip) yield chunk as Uint8Array;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/**
 * Batches of decoded lines. Issues (a broken gzip stream, UTF-16, a byte-order mark) go to
 * `issue`; a broken gzip stream ends the lines.
 */
export async function* lineBatches(source: ByteChunks, issue: (i: InputIssue) => void, gzipped: (yes: boolean) => void = () => {}): AsyncGenerator<LineBatch> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let rest: Uint8Array | null = null;
  let lineNo = 1;
  let first = true;
  try {
    for await (const chunk of inflateIfGzip(source, gzipped)) {
      let data: Uint8Array = rest ? concat(rest, chunk) : chunk;
      rest = null;
      if (first && data.length > 0) {
        if (data.length < 3 && data[0] === 0xef) {
          rest = data;
          continue;
        }
        first = false;
        if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
          issue({ kind: 'encoding', line: 1, fatal: true, message: 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); DSR files are UTF-8' });
          return;
        }
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
          issue({ kind: 'encoding', line: 1, fatal: false, message: 'the file starts with a UTF-8 byte-order mark; it was skipped' });
          data = data.subarray(3);
        }
      }
      const end = data.lastIndexOf(LF);
      if (end < 0) {
        rest = data.slice();
        continue;
      }
      if (end + 1 < data.length) rest = data.slice(end + 1);
      const batch = decodeLines(data.subarray(0, end + 1), lineNo, strict, lenient);
      lineNo += batch.lines.length;
      yield batch;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (rest && rest.length > 0) {
      const batch = decodeLines(rest, lineNo, strict, lenient, true);
      lineNo += batch.lines.length;
      yield batch;
    }
    issue({ kind: 'gzip', afterLine: lineNo - 1, message: `the gzip stream is broken or cut short after line ${lineNo - 1} (${message})` });
    return;
  }
  if (rest && rest.length > 0) yield decodeLines(rest, lineNo, strict, lenient, true);
}

/** Lines of `bytes`, which end with LF (or, when `last`, are the file's last line without one). */
function decodeLines(bytes: Uint8Array, firstLine: number, strict: TextDecoder, lenient: TextDecoder, last = false): LineBatch {
  let text: string;
  let badEncoding: Map<number, number> | null = null;
  try {
    text = strict.decode(bytes);
  } catch {
    // Find the lines that are not UTF-8, and the cell each goes wrong in.
    badEncoding = new Map();
    let start = 0;
    let line = firstLine;
    while (start < bytes.length) {
      let stop = bytes.indexOf(LF, start);
      if (stop < 0) stop = bytes.length;
      const lineBytes = bytes.subarray(start, stop);
      try {
        strict.decode(lineBytes);
      } catch {
        badEncoding.set(line, badCell(lineBytes, strict));
      }
      start = stop + 1;
      line++;
    }
    text = lenient.decode(bytes);
  }
  const lines = text.split('\n');
  if (!last) lines.pop(); // the empty string after the final LF
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > 0 && l.charCodeAt(l.length - 1) === CR) lines[i] = l.slice(0, -1);
  }
  return { lines, firstLine, lastUnterminated: last, badEncoding };
}

function badCell(line: Uint8Array, strict: TextDecoder): number {
  let cell = 1;
  let start = 0;
  for (;;) {
    let stop = line.indexOf(TAB, start);
    if (stop < 0) stop = line.length;
    try {
      strict.decode(line.subarray(start, stop));
    } catch {
      return cell;
    }
    if (stop >= line.length) return cell;
    start = stop + 1;
    cell++;
  }
}
