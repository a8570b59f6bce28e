/**
 * The formats a package can be sent in. CSV has a header row naming the columns; JSON
 * Lines has one JSON object per line with the column names as keys (a JSON array would
 * have to be read whole before its first record, and its records have no line of
 * their own for the problems to name).
 */
export const SUBMISSION_FORMATS = ['csv', 'ndjson'] as const;
export type SubmissionFormat = (typeof SUBMISSION_FORMATS)[number];

export const CSV_MEDIA_TYPES = ['text/csv', 'application/csv'] as const;
export const NDJSON_MEDIA_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'] as const;

/** The file extension a stored package of this format gets. */
export const FORMAT_EXTENSION: Record<SubmissionFormat, string> = { csv: 'csv', ndjson: 'ndjson' };

/** The format a Content-Type names (parameters such as charset ignored), or null. */
export function formatOfMediaType(contentType: string | undefined): SubmissionFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if ((CSV_MEDIA_TYPES as readonly string[]).includes(type)) return 'csv';
  if ((NDJSON_MEDIA_TYPES as readonly string[]).includes(type)) return 'ndjson';
  return null;
}

/** The format a file name's extension names (.csv; .ndjson, .jsonl), or null. */
export function formatOfFileName(name: string | undefined): SubmissionFormat | null {
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
