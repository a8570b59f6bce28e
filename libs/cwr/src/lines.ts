/**
 * Lines of a byte stream, without ever holding the whole file: chunks are split on LF, a
 * CR before the LF is dropped (LF or CRLF files), and a last line without an end-of-line
 * is still a line. Each line is returned as bytes; decoding is the reader's business
 * (the HDR record says which character set the rest of the file uses).
 */
export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const LF = 0x0a;
const CR = 0x0d;

/** The lines of `source` as byte arrays (views into the chunks where possible). */
export async function* byteLines(source: ByteChunks): AsyncGenerator<Uint8Array> {
  for await (const batch of byteLineBatches(source)) yield* batch;
}

/** The lines of `source`, a batch per chunk read (fewer promises than a line at a time). */
export async function* byteLineBatches(source: ByteChunks): AsyncGenerator<Uint8Array[]> {
  let rest: Uint8Array | null = null;
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    let data: Uint8Array = chunk;
    if (rest) {
      const joined = new Uint8Array(rest.length + chunk.length);
      joined.set(rest, 0);
      joined.set(chunk, rest.length);
      data = joined;
      rest = null;
    }
    let start = 0;
    const batch: Uint8Array[] = [];
    for (;;) {
      const end = data.indexOf(LF, start);
      if (end < 0) break;
      batch.push(data.subarray(start, end > start && data[end - 1] === CR ? end - 1 : end));
      start = end + 1;
    }
    if (start < data.length) rest = data.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (rest && rest.length > 0) yield [rest[rest.length - 1] === CR ? rest.subarray(0, rest.length - 1) : rest];
}

/** The lines of already decoded text chunks (LF or CRLF), a batch per chunk. */
export async function* textLineBatches(source: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of source as AsyncIterable<string>) {
    const data = rest + chunk;
    let start = 0;
    const batch: string[] = [];
    for (;;) {
      const end = data.indexOf('\n', start);
      if (end < 0) break;
      batch.push(data.slice(start, end > start && data.charCodeAt(end - 1) === CR ? end - 1 : end));
      start = end + 1;
    }
    rest = data.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}
