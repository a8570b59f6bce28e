/**
 * Reading helpers of the works pages (issue 16): addresses, the works query in the
 * address, the names of CWR transaction types, rights and ACK statuses, and how a
 * holder's paid share stands against the registered one. Pure: no React, no API calls.
 * Shares and amounts stay decimal strings (never JS numbers).
 */
import { formatIswc, normalizeIswc } from '../../../../libs/identifiers/src/iswc.js';
import { formatDecimal, msg, t } from '../i18n';
import { isDecimalString, signOf } from './money';

export interface WorksQuery {
  iswc?: string;
  q?: string;
  ipi?: string;
}

/** The works list's address for a query (empty values left out). */
export function worksPath(query: WorksQuery = {}): string {
  const params = new URLSearchParams();
  for (const key of ['iswc', 'q', 'ipi'] as const) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/works?${search}` : '/works';
}

/** A work's page, with a financial year for its money section when given. */
export function workPath(id: string, financialYear?: number): string {
  return `/works/${encodeURIComponent(id)}${financialYear === undefined ? '' : `?financialYear=${financialYear}`}`;
}

/** The works query of the list's address (`?iswc=&q=&ipi=`). */
export function worksQueryFromSearch(search: string): WorksQuery {
  const params = new URLSearchParams(search);
  const out: WorksQuery = {};
  for (const key of ['iswc', 'q', 'ipi'] as const) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The financial year asked for in a work page's address, or null. */
export function financialYearFromSearch(search: string): number | null {
  const value = new URLSearchParams(search).get('financialYear');
  return value && /^\d{4}$/.test(value) ? Number(value) : null;
}

/** An ISWC as people read it (T-034.524.680-1), or as given when it is not one. */
export function shownIswc(iswc: string | null | undefined): string {
  if (!iswc) return '—';
  return normalizeIswc(iswc) ? (formatIswc(iswc) ?? iswc) : iswc;
}

/** CWR transaction types (CWR 2.2 §3.2, the work transactions and the ACK). */
const TRANSACTION_TYPES: Record<string, string> = {
  NWR: msg('New registration (NWR)'),
  REV: msg('Revised registration (REV)'),
  ISW: msg('ISWC notification (ISW)'),
  EXC: msg('Existing work in conflict (EXC)'),
  ACK: msg('Acknowledgement (ACK)'),
};

/** A CWR transaction type in words, with its code. */
export function transactionTypeName(code: string): string {
  const name = TRANSACTION_TYPES[code];
  return name ? t(name) : code;
}

/** CISAC transaction statuses of an ACK (CWR User Manual §5.1; libs/cwr TRANSACTION_STATUSES). */
const ACK_STATUSES: Record<string, string> = {
  CO: msg('Conflict with another registration'),
  DU: msg('Duplicate of an earlier transaction'),
  RA: msg('Registration accepted'),
  AS: msg('Accepted as submitted'),
  AC: msg('Accepted with changes'),
  SR: msg('Accepted, ready for payment'),
  CR: msg('Accepted with changes, ready for payment'),
  RJ: msg('Registration rejected'),
  NP: msg('No participation'),
  RC: msg("The publisher's claim is rejected"),
  DR: msg('De-registered'),
  UN: msg('Unknown work'),
  LD: msg('Unable to de-register'),
  NA: msg('No society agreement number'),
  WA: msg('Wrong society agreement number'),
};

/** An ACK status code in words ("CO: Conflict with another registration"). */
export function ackStatusName(code: string | null | undefined): string {
  if (!code) return '—';
  const name = ACK_STATUSES[code];
  return name ? `${code}: ${t(name)}` : code;
}

/** True for an ACK status that accepted the registration (the work is in the register as sent or changed). */
export function isAccepted(code: string | null | undefined): boolean {
  return code === 'RA' || code === 'AS' || code === 'AC' || code === 'SR' || code === 'CR';
}

/** Rights, as CWR names them (PR, MR, SR) and as the ledger's categories do. */
const RIGHTS: Record<string, string> = {
  PR: msg('Performing (PR)'),
  MR: msg('Mechanical (MR)'),
  SR: msg('Synchronisation (SR)'),
  performing: msg('performing'),
  mechanical: msg('mechanical'),
  reproduction: msg('reproduction'),
  synchronisation: msg('synchronisation'),
  communication: msg('communication'),
  'making-available': msg('making-available'),
};

export function rightName(right: string): string {
  const name = RIGHTS[right];
  return name ? t(name) : right;
}

/** Writer designations (CWR lookup) and publisher types, in words. */
const ROLES: Record<string, string> = {
  CA: msg('composer and author'),
  C: msg('composer'),
  A: msg('author'),
  AR: msg('arranger'),
  AD: msg('adaptor'),
  SR: msg('sub-arranger'),
  SA: msg('sub-author'),
  TR: msg('translator'),
  PA: msg('income participant'),
  E: msg('original publisher'),
  AQ: msg('acquirer'),
  AM: msg('administrator'),
  SE: msg('sub-publisher'),
  ES: msg('substituted publisher'),
};

/** A party's role on a work: writer or publisher, and its CWR designation when known. */
export function partyRole(role: string, designation: string | null | undefined): string {
  const base = role === 'publisher' ? t('publisher') : role === 'writer' ? t('writer') : role;
  const detail = designation ? ROLES[designation] : undefined;
  return detail ? `${base} (${t(detail)})` : designation ? `${base} (${designation})` : base;
}

/** A percentage given as a decimal string, with the language's separators: "50.00 %". */
export function shownShare(share: string | null | undefined): string {
  if (share === null || share === undefined) return '—';
  // A no-break space: the number and its sign stay on one line when a cell wraps.
  return isDecimalString(share) ? `${formatDecimal(share, 2)}\u00a0%` : share;
}

/**
 * How a holder's paid share stands against the registered one, in words and a mark that is
 * not colour alone: ✓ within the tolerance, ▲ paid more, ▼ paid less, ⚠ paid without being
 * registered; "not compared" when there is nothing to compare (withinTolerance null).
 */
export function shareVerdict(check: { registeredShare: string | null; paidShare: string | null; differencePoints: string | null; withinTolerance: boolean | null }): {
  mismatch: boolean;
  mark: string;
  text: string;
} {
  if (check.withinTolerance === null) return { mismatch: false, mark: '—', text: check.paidShare === null ? t('nothing distributed for this right') : t('not compared') };
  if (check.withinTolerance) return { mismatch: false, mark: '✓', text: t('as registered') };
  if (check.registeredShare === null) return { mismatch: true, mark: '⚠', text: t('paid, but not registered on the work') };
  if (check.paidShare === null) return { mismatch: true, mark: '⚠', text: t('registered, but paid nothing') };
  const diff = check.differencePoints;
  const sign = diff !== null && isDecimalString(diff) ? signOf(diff) : 0;
  const points = diff === null ? '' : formatDecimal(diff.replace(/^-/, ''), 2);
  if (sign > 0) return { mismatch: true, mark: '▲', text: t('{points} points more than registered', { points }) };
  if (sign < 0) return { mismatch: true, mark: '▼', text: t('{points} points less than registered', { points }) };
  return { mismatch: true, mark: '⚠', text: t('differs from the registered share') };
}

/**
 * The financial years a work page offers: the year in progress and the eight before it,
 * newest first. `current` is the financial year today falls in.
 */
export function financialYearChoices(current: number, count = 9): number[] {
  return Array.from({ length: count }, (_, i) => current - i);
}

/**
 * The financial year a day falls in, for a financial year ending on `month`/`day` (a year
 * is named by the calendar year it ends in: a year ending 30 June 2026 is 2026).
 */
export function financialYearOf(isoDate: string, month: number, day: number): number {
  const year = Number(isoDate.slice(0, 4));
  const end = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isoDate <= end ? year : year + 1;
}

/** The industry formats' package types in words (the others are their code, translated). */
const FORMAT_TYPES: Record<string, string> = {
  cwr: msg('CWR works registration'),
  dsr: msg('DDEX DSR sales report'),
};

/** A package type as the submission pages name it: "CWR works registration", or the type's code. */
export function packageTypeName(type: string): string {
  const name = FORMAT_TYPES[type];
  return name ? t(name) : t(type);
}

/** True for a package type whose answer is a CWR ACK file. */
export function hasAck(type: string): boolean {
  return type === 'cwr';
}

/** Who sent a registration, in words: an 11-digit IPI name number as "IPI …", a sender ID as given. */
export function shownSubmitter(submitter: string | null | undefined): string {
  if (!submitter) return '—';
  return /^\d{11}$/.test(submitter) ? t('IPI {ipi}', { ipi: submitter }) : submitter;
}

/** A conflict's reason in words (the API's codes: shares-over-100, writers-differ, iswc-taken). */
export function conflictText(c: { reason: string; right: string | null; territory: string | null; tis: string | null; total: string | null }): string {
  const where = [c.right ? rightName(c.right) : null, c.territory ?? c.tis].filter(Boolean).join(', ');
  switch (c.reason) {
    case 'shares-over-100':
      return c.total
        ? t('The collection shares registered add up to {total} ({where}): more than 100 %.', { total: shownShare(c.total), where: where || t('every right') })
        : t('The collection shares registered add up to more than 100 % ({where}).', { where: where || t('every right') });
    case 'writers-differ':
      return t('Another registration of this ISWC names other writers.');
    case 'iswc-taken':
      return t('The ISWC is registered for another work.');
    default:
      return where ? `${c.reason} (${where})` : c.reason;
  }
}

/** Which version of a work a page's address asks for (`?version=N`), or undefined for the current one. */
export function versionFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('version');
  return value && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

/** A work's page showing one version (registration) of it. */
export function workVersionPath(id: string, version: number): string {
  return `/works/${encodeURIComponent(id)}?version=${version}`;
}

/** One row per party and territory: what it owns and collects of each right there. */
export interface ShareRow {
  partyNo: number;
  name: string;
  ipi: string | null;
  kind: string;
  role: string;
  controlled: boolean;
  territory: string;
  include: boolean;
  /** Per right: the ownership share (and its society) and the collection share in the territory (null: no territory record). */
  rights: Record<'PR' | 'MR' | 'SR', { ownership: string; society: string | null; collection: string | null }>;
}

/**
 * A registration's parties as rows of shares: one row per party and territory it names (a
 * party without territory records gets one row), each right's ownership and collection.
 */
export function shareRows(
  parties: readonly {
    partyNo: number;
    kind: string;
    controlled: boolean;
    ipiNameNumber: string | null;
    name: string;
    role: string;
    ownership: Record<'PR' | 'MR' | 'SR', { share: string; society: string | null }>;
    collection: readonly ({ tis: string; territory: string | null; include: boolean } & Record<'PR' | 'MR' | 'SR', string>)[];
  }[],
): ShareRow[] {
  const rows: ShareRow[] = [];
  for (const p of parties) {
    const base = { partyNo: p.partyNo, name: p.name, ipi: p.ipiNameNumber, kind: p.kind, role: p.role, controlled: p.controlled };
    const rights = (c: Record<'PR' | 'MR' | 'SR', string> | null) =>
      Object.fromEntries((['PR', 'MR', 'SR'] as const).map((r) => [r, { ownership: p.ownership[r].share, society: p.ownership[r].society, collection: c ? c[r] : null }])) as ShareRow['rights'];
    if (p.collection.length === 0) rows.push({ ...base, territory: '—', include: true, rights: rights(null) });
    for (const c of p.collection) rows.push({ ...base, territory: c.territory ?? c.tis, include: c.include, rights: rights(c) });
  }
  return rows;
}

/** A right's shares in one cell: "owns 50.00 % · collects 50.00 %". */
export function shownRightShares(x: { ownership: string; collection: string | null }): string {
  return x.collection === null ? t('owns {ownership}', { ownership: shownShare(x.ownership) }) : t('owns {ownership} · collects {collection}', { ownership: shownShare(x.ownership), collection: shownShare(x.collection) });
}
