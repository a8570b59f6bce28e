import { decodeCursor, encodeCursor, UUID_KEY } from '../../database/src/index.js';
import type { LineKey } from './statements.repository.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LINE_KEY = new RegExp(`^(${UUID}) (${UUID}) ([0-9]{1,9})$`);

/** The opaque cursor after a line (society, submission, line number). */
export function lineCursor(key: LineKey): string {
  return encodeCursor(`${key.societyId} ${key.submissionId} ${key.lineNo}`);
}

export function decodeLineCursor(cursor: string | undefined): LineKey | null {
  const key = decodeCursor(cursor, LINE_KEY);
  const m = key === null ? null : LINE_KEY.exec(key);
  return m ? { societyId: m[1], submissionId: m[2], lineNo: Number(m[3]) } : null;
}

export function decodeIdCursor(cursor: string | undefined): string | null {
  return decodeCursor(cursor, UUID_KEY);
}

/** `#<n>` names the line numbered n in the file (as proofs do); anything else is the package's line id. */
export function parseLineRef(lineId: string): { id: string } | { lineNo: number } {
  const byNumber = /^#([0-9]{1,9})$/.exec(lineId);
  return byNumber ? { lineNo: Number(byNumber[1]) } : { id: lineId };
}

/** The proof of one of a holder's lines (GET, for the holder itself, its society, regulators and admins). */
export function proofUrl(submissionId: string, lineId: string): string {
  return `/v1/submissions/${submissionId}/lines/${encodeURIComponent(lineId)}/proof`;
}
