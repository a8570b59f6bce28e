import { operationUrl } from './openapi';
import { ApiError, networkError, toApiError } from './problem';
import type { PackageType, SubmissionAccepted } from './types';

export interface UploadProgress {
  /** Bytes sent so far and in all (the file's size). */
  loaded: number;
  total: number;
}

export interface UploadRequest {
  bearer: string;
  societyId: string;
  type: PackageType;
  /** The quarter (YYYYQn); a CWR file may leave it out (filed under the quarter received). */
  period?: string;
  /** The package; a name ending in .ndjson or .jsonl is sent as JSON Lines, any other as CSV. */
  file: Blob & { name?: string };
  onProgress(progress: UploadProgress): void;
  signal?: AbortSignal;
}

/**
 * Sends a quarterly package as `text/csv` (or `application/x-ndjson` for a JSON Lines
 * file) to `POST /v1/societies/{id}/submissions`.
 * XMLHttpRequest rather than fetch: only XHR reports upload progress. Resolves with the
 * accepted submission (202 new, 200 when the same bytes were already submitted);
 * rejects with the ApiError of a refused upload (bad period, wrong type, too large).
 */
export function uploadSubmission(req: UploadRequest): Promise<SubmissionAccepted & { duplicate: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = operationUrl('createSubmission', { path: { id: req.societyId }, query: { type: req.type, period: req.period || undefined } });
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', req.bearer);
    xhr.setRequestHeader('content-type', contentTypeOf(req.file.name, req.type));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => req.onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : req.file.size });
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status === 200 || xhr.status === 201 || xhr.status === 202) {
        req.onProgress({ loaded: req.file.size, total: req.file.size });
        try {
          resolve({ ...(JSON.parse(text) as SubmissionAccepted), duplicate: xhr.status === 200 });
        } catch (e) {
          reject(new ApiError(xhr.status, 'Unreadable answer', `The upload was accepted but its answer could not be read (${String(e)})`));
        }
        return;
      }
      reject(toApiError(xhr.status, xhr.getResponseHeader('content-type') ?? '', text));
    };
    xhr.onerror = () => reject(networkError(new Error('the connection failed during the upload')));
    xhr.onabort = () => reject(new ApiError(0, 'Cancelled', 'The upload was cancelled'));
    req.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(req.file);
  });
}

/**
 * The media type a package file is sent as: an industry format's file (CWR, DDEX DSR, maybe
 * gzip-compressed) as the bytes they are; otherwise JSON Lines by its extension, CSV otherwise.
 */
export function contentTypeOf(fileName: string | undefined, type?: string): string {
  if (type === 'cwr' || type === 'dsr') return 'application/octet-stream';
  return /\.(ndjson|jsonl)$/i.test(fileName ?? '') ? 'application/x-ndjson' : 'text/csv';
}
