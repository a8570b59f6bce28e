/**
 * Headers of a file the API hands out (issue 17 item 3): the name to save it under, and
 * whether the client takes it gzip-compressed.
 */

/**
 * `Content-Disposition: attachment` naming `fileName` (RFC 6266): an ASCII `filename`
 * (other characters, quotes and backslashes as `_`) for old clients, and the exact name
 * as `filename*` (RFC 8187, UTF-8, percent-encoded) when it is not plain ASCII.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** True when an `Accept-Encoding` header accepts gzip (RFC 9110 §12.5.3: `gzip`, `x-gzip` or `*`, with a q above 0, unless gzip is named with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const codings = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    codings.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const gzip = codings.get('gzip') ?? codings.get('x-gzip');
  if (gzip !== undefined) return gzip > 0;
  return (codings.get('*') ?? 0) > 0;
}
