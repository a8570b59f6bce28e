/**
 * The society's ACK file for a CWR package, as stored (`cwr_acks`) and served. Pure.
 */

/**
 * The name of the ACK file answering `original`: CISAC's file naming (CWR 2.2 §8 "File
 * Naming Convention": `CWyynnnnsss_rrr.Vxx`, sender then receiver) with the society as
 * sender and the original sender as receiver, as societies answer (PRS answers
 * `CW220001DMP_000.V21` with `CW220001052_DMP.V21`); for a file not so named,
 * `<original name>.ACK` (or `ACK.V21` without a name).
 */
export function ackFileName(original: string | null, societyCode: string, version: '2.1' | '2.2'): string {
  const v = version === '2.2' ? '22' : '21';
  const m = original ? /^CW([0-9]{2})([0-9]{4})([A-Za-z0-9]{2,3})_([A-Za-z0-9]{2,3})\.V([0-9]{2})$/i.exec(original) : null;
  if (m) return `CW${m[1]}${m[2]}${societyCode}_${m[3]!.toUpperCase()}.V${m[5]}`;
  return original ? `${original}.ACK` : `ACK.V${v}`;
}

/**
 * The bytes of an ACK as sent: UTF-8 when its HDR says so (Character Set, columns 87–101:
 * the answer to a file read as UTF-8, Big5 or GB), else latin-1 (CWR's default, every
 * character one byte; a character latin-1 lacks is written `?`).
 */
export function ackBytes(text: string): { body: Buffer; charset: 'iso-8859-1' | 'utf-8' } {
  if (text.slice(86, 101).trim().toUpperCase() === 'UTF-8') return { body: Buffer.from(text, 'utf8'), charset: 'utf-8' };
  return { body: Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1'), charset: 'iso-8859-1' };
}
