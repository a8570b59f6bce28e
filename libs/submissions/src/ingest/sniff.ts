import type { InputProblem } from '../../../errors/src/index.js';

/**
 * What the first bytes of a stored package say about it before it is read as UTF-8
 * text: a package is UTF-8 CSV or JSON Lines, so compressed data (a body gzipped twice),
 * an archive, UTF-16/32 text or NUL bytes in its first line can be named at once, as
 * line 1, instead of reaching the header check or COPY as garbage (issue 13: such
 * packages stayed `validating` for ever).
 */
export function sniffPackage(head: Buffer): InputProblem | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) {
    return { line: 1, message: 'is gzip-compressed data even after decompressing (was it compressed twice?): send the package itself, gzip-compressed at most once' };
  }
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { line: 1, message: 'is a ZIP archive: send the CSV or JSON Lines file itself' };
  if (starts(0x28, 0xb5, 0x2f, 0xfd) || starts(0x42, 0x5a, 0x68) || starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) {
    return { line: 1, message: 'is compressed data (zstd, bzip2 or xz): send it uncompressed, or gzip-compressed with Content-Encoding: gzip' };
  }
  if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)) return { line: 1, message: 'is UTF-32 text: save the file as UTF-8' };
  if (starts(0xff, 0xfe)) return { line: 1, message: 'is UTF-16 (little-endian) text: save the file as UTF-8' };
  if (starts(0xfe, 0xff)) return { line: 1, message: 'is UTF-16 (big-endian) text: save the file as UTF-8' };
  const newline = head.indexOf(0x0a);
  const first = newline === -1 ? head : head.subarray(0, newline);
  const nul = first.indexOf(0x00);
  if (nul === -1) return null;
  // ASCII text in UTF-16 without a byte-order mark: every other byte is NUL.
  const pairs = Math.floor(Math.min(first.length, 512) / 2);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (first[2 * i] === 0) evenNul++;
    if (first[2 * i + 1] === 0) oddNul++;
  }
  if (pairs >= 4 && oddNul >= pairs * 0.75 && evenNul === 0) return { line: 1, message: 'is UTF-16 (little-endian) text without a byte-order mark: save the file as UTF-8' };
  if (pairs >= 4 && evenNul >= pairs * 0.75 && oddNul === 0) return { line: 1, message: 'is UTF-16 (big-endian) text without a byte-order mark: save the file as UTF-8' };
  const column = first.subarray(0, nul).toString('utf8').length + 1;
  return { line: 1, message: `has a NUL byte (U+0000) at character ${column}: a package is text without NUL bytes` };
}

/** Half of a UTF-16 surrogate pair (JSON.parse's messages cut a character in two): not storable. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text a problem quotes from the package, made storable and readable: PostgreSQL's
 * jsonb and text refuse U+0000 (the rejection itself used to fail on it), and other
 * control characters would print invisibly. Each becomes its `U+XXXX` name.
 */
export function printable(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A problem with every text it carries made printable. */
export function printableProblem(p: InputProblem): InputProblem {
  return {
    ...p,
    message: printable(p.message),
    ...(p.column !== undefined ? { column: printable(String(p.column)) } : {}),
    ...(p.field !== undefined ? { field: printable(p.field) } : {}),
  };
}
