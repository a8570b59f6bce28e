import { CATALOGUE, type InputFormat, PACKAGES, type PackageType, type PackageTypeDefinition } from '../../package-catalogue/src/index.js';

/**
 * The formats a package can be sent in. CSV has a header row naming the columns; JSON
 * Lines has one JSON object per line with the column names as keys (a JSON array would
 * have to be read whole before its first record, and its records have no line of
 * their own for the problems to name).
 */
export const SUBMISSION_FORMATS = ['csv', 'ndjson'] as const;
/** The ledger's own formats: CSV and JSON Lines. */
export type LedgerFormat = (typeof SUBMISSION_FORMATS)[number];
/**
 * The format a package was sent in: one of the ledger's own, or the input format of its
 * package type (InputFormat.name in libs/package-catalogue, e.g. `cwr`), kept as received
 * and read by that format's reader.
 */
export type SubmissionFormat = LedgerFormat | (string & Record<never, never>);

/** Whether a format is one of the ledger's own (CSV, JSON Lines) rather than a type's input format. */
export function isLedgerFormat(format: string): format is LedgerFormat {
  return (SUBMISSION_FORMATS as readonly string[]).includes(format);
}

export const CSV_MEDIA_TYPES = ['text/csv', 'application/csv'] as const;
export const NDJSON_MEDIA_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'] as const;

/** The file extension a stored package of one of the ledger's formats gets. */
export const FORMAT_EXTENSION: Record<LedgerFormat, string> = { csv: 'csv', ndjson: 'ndjson' };

/** The file extension a stored package of this format gets: an input format's is its name (letters, digits, '-'). */
export function extensionOf(format: SubmissionFormat): string {
  if (isLedgerFormat(format)) return FORMAT_EXTENSION[format];
  if (!/^[a-z0-9-]{1,40}$/.test(format)) throw new Error(`not a format: ${format}`);
  return format;
}

/** Every format a package may be sent in: the ledger's own, then the package types' input formats. */
export const PACKAGE_FORMATS: readonly SubmissionFormat[] = [
  ...SUBMISSION_FORMATS,
  ...(CATALOGUE as readonly PackageTypeDefinition[]).flatMap((d) => (d.input ? [d.input.name] : [])),
];

/** The media types of the package types' input formats (InputFormat.mediaTypes), each once: streamed bodies like CSV's. */
export const INPUT_MEDIA_TYPES: readonly string[] = [
  ...new Set((CATALOGUE as readonly PackageTypeDefinition[]).flatMap((d) => (d.input?.mediaTypes ?? []).map((t) => t.toLowerCase()))),
];

/**
 * The format of an upload of a `type` package, from its file name (a multipart file) and
 * Content-Type: the type's input format when the name's extension or the media type is
 * one of it, or (a type sent only in its own format) when nothing names a ledger format;
 * else the ledger format they name; null when nothing says.
 */
export function formatOfUpload(type: PackageType, name: string | undefined, contentType: string | undefined): SubmissionFormat | null {
  const input = PACKAGES[type].input as InputFormat | undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (input && ((ext && input.extensions.includes(ext)) || input.mediaTypes.some((t) => t.toLowerCase() === mediaType))) return input.name;
  const ledger = formatOfFileName(name) ?? formatOfMediaType(contentType);
  if (ledger) return ledger;
  return input && !input.alsoLedgerFormats ? input.name : null;
}

/** The ledger format a Content-Type names (parameters such as charset ignored), or null. */
export function formatOfMediaType(contentType: string | undefined): LedgerFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if ((CSV_MEDIA_TYPES as readonly string[]).includes(type)) return 'csv';
  if ((NDJSON_MEDIA_TYPES as readonly string[]).includes(type)) return 'ndjson';
  return null;
}

/** The ledger format a file name's extension names (.csv; .ndjson, .jsonl), or null. */
export function formatOfFileName(name: string | undefined): LedgerFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  return null;
}

/**
 * The name an uploaded file is kept under (issue 17 item 3): its last path segment,
 * without control, bidirectional or other invisible format characters, at most 255
 * characters; null when nothing printable is left (or none was given).
 */
export function uploadedFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim();
  if (clean === '' || clean === '.' || clean === '..') return null;
  return [...clean].slice(0, 255).join('');
}
