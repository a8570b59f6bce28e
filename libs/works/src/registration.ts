/**
 * A registration as the works register stores it: the rows of one CWR work transaction
 * (libs/cwr's works view) for `work_titles`, `work_recordings` and `work_shares`, and the
 * registration's comparable form (what a duplicate must match). Pure: no database.
 */
import type { CwrCollection, CwrOwnership, CwrWork, Right } from '../../cwr/src/index.js';
import { RIGHTS } from '../../cwr/src/index.js';

export interface TitleRow {
  readonly title: string;
  /** OT for the work's own title, else the ALT record's title type. */
  readonly titleType: string;
  readonly language: string | null;
}

export interface RecordingRow {
  readonly isrc: string | null;
  readonly recordingTitle: string | null;
  readonly albumTitle: string | null;
  readonly label: string | null;
  readonly releaseDate: string | null;
  readonly line: number;
}

export interface ShareRow {
  readonly partyNo: number;
  readonly partyKind: 'writer' | 'publisher';
  readonly recordType: 'SPU' | 'OPU' | 'SWR' | 'OWR';
  readonly controlled: boolean;
  readonly ipNumber: string;
  readonly ipiNameNumber: string | null;
  readonly ipiBaseNumber: string | null;
  readonly name: string;
  /** Writer designation (CA, C, A, AR, AD, …) or publisher type (E, AQ, AM, SE, PA, ES). */
  readonly role: string;
  readonly chain: number | null;
  readonly kind: 'ownership' | 'collection';
  readonly right: Right;
  /** Ownership: the society the party is affiliated with for the right (CISAC code). */
  readonly societyCode: string | null;
  /** Collection: the CISAC TIS territory and whether it is included or excluded. */
  readonly tis: string | null;
  readonly include: boolean | null;
  /** Percent, exact decimal string ("33.33"). */
  readonly share: string;
  readonly line: number;
}

export interface RegistrationRows {
  readonly titles: readonly TitleRow[];
  readonly recordings: readonly RecordingRow[];
  readonly shares: readonly ShareRow[];
}

const IPI = /^[0-9]{11}$/;
const ISRC = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;
const ISWC = /^T[0-9]{10}$/;
const SHARE = /^[0-9]{1,3}\.[0-9]{2}$/;
const SOCIETY = /^[0-9]{3}$/;
const TIS = /^[0-9]{4}$/;
const MAX_TITLE = 60;

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
const orNull = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);

/** The ISWC of a work view when it has the register's form (T and 10 digits), else null. */
export function iswcOf(work: CwrWork): string | null {
  return work.iswc && ISWC.test(work.iswc) ? work.iswc : null;
}

/** A party's name as the register shows it: "LAST, FIRST" for writers, the name for publishers. */
export function writerName(lastName: string, firstName: string): string {
  return firstName ? `${lastName}, ${firstName}` : lastName;
}

/** The rows of a registration, in the order of its records. */
export function rowsOf(work: CwrWork): RegistrationRows {
  const titles: TitleRow[] = [];
  const seen = new Set<string>();
  const title = (t: string, type: string, language: string | null) => {
    const text = clip(t.trim(), MAX_TITLE);
    const key = `${type}\u0000${text}\u0000${language ?? ''}`;
    if (text === '' || seen.has(key)) return;
    seen.add(key);
    titles.push({ title: text, titleType: type, language: language && /^[A-Z]{2}$/.test(language) ? language : null });
  };
  title(work.title, 'OT', work.language);
  for (const a of work.alternateTitles) title(a.title, a.titleType || 'AT', a.language);

  const recordings: RecordingRow[] = work.recordings.map((r) => ({
    isrc: r.isrc && ISRC.test(r.isrc) ? r.isrc : null,
    recordingTitle: orNull(r.recordingTitle),
    albumTitle: orNull(r.albumTitle),
    label: orNull(r.label),
    releaseDate: r.releaseDate && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(r.releaseDate) ? r.releaseDate : null,
    line: r.line,
  }));

  const shares: ShareRow[] = [];
  let partyNo = 0;
  const party = (
    p: {
      line: number;
      recordType: ShareRow['recordType'];
      controlled: boolean;
      ipNumber: string;
      ipiNameNumber: string | null;
      ipiBaseNumber: string | null;
      ownership: Readonly<Record<Right, CwrOwnership>>;
      territories: readonly CwrCollection[];
    },
    kind: ShareRow['partyKind'],
    name: string,
    role: string,
    chain: number | null,
  ) => {
    partyNo++;
    const base = {
      partyNo,
      partyKind: kind,
      recordType: p.recordType,
      controlled: p.controlled,
      ipNumber: p.ipNumber,
      ipiNameNumber: p.ipiNameNumber && IPI.test(p.ipiNameNumber) ? p.ipiNameNumber : null,
      ipiBaseNumber: orNull(p.ipiBaseNumber),
      name: name || p.ipNumber || '?',
      role,
      chain,
    };
    for (const right of RIGHTS) {
      const o = p.ownership[right];
      shares.push({ ...base, kind: 'ownership', right, societyCode: o.society && SOCIETY.test(o.society) ? o.society : null, tis: null, include: null, share: shareText(o.share), line: p.line });
    }
    for (const t of p.territories) {
      if (!TIS.test(t.tis)) continue;
      for (const right of RIGHTS) {
        shares.push({ ...base, kind: 'collection', right, societyCode: null, tis: t.tis, include: t.include, share: shareText(t.shares[right]), line: t.line });
      }
    }
  };
  for (const p of work.publishers) party(p, 'publisher', p.name, p.publisherType, p.chain);
  for (const w of work.writers) party(w, 'writer', writerName(w.lastName, w.firstName), w.designation, null);
  return { titles, recordings, shares };
}

/** A share as the register keeps it: "50.00"; anything unreadable counts as 0. */
export function shareText(share: string): string {
  return SHARE.test(share) ? share : '0.00';
}

/** Hundredths of a percent of an exact share string ("33.33" → 3333). Shares are not money: an integer is exact. */
export function hundredths(share: string): number {
  const m = /^([0-9]{1,3})\.([0-9]{2})$/.exec(share);
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

/** "3333" → "33.33". */
export function percentText(h: number): string {
  return `${Math.trunc(h / 100)}.${String(Math.abs(h % 100)).padStart(2, '0')}`;
}

/**
 * What two registrations must share to be the same (CISAC status DU, "exactly matches a
 * transaction previously received from the same submitter"): the work view without the
 * line numbers and the transaction type (a REV repeating the NWR is a duplicate too).
 */
export function comparableOf(work: CwrWork): string {
  // Keys sorted: a registration read back from jsonb has its keys in jsonb's order.
  return JSON.stringify(work, (key, value: unknown) => {
    if (key === 'line' || key === 'transactionType') return undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return value;
  });
}
