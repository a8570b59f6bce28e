import type { SearchItem, SearchKind } from '../api/search';
import { msg, t } from '../i18n';

/** Who reads the results: the role, and a rights holder's own id. */
export interface Reader {
  role: 'admin' | 'regulator' | 'society' | 'rights-holder';
  rightsHolderId?: string | null;
}

/** Each kind's name, singular, as shown beside a result. */
export const KIND_NAMES: Record<SearchKind, string> = {
  'rights-holder': msg('Rights holder'),
  society: msg('Society'),
  work: msg('Work'),
  line: msg('Line'),
};

/** The kind filter's choices, plural. */
export const KIND_FILTERS: Record<SearchKind, string> = {
  'rights-holder': msg('Rights holders'),
  society: msg('Societies'),
  work: msg('Works'),
  line: msg('Lines'),
};

/**
 * Where a result opens, for the reader's role: a holder's page; a society's overview (a
 * society: its own; a rights holder: the public transparency report); a line or a work on
 * the page of its package (the line named in `?lineId=`), or, for a rights holder, on
 * its statement (packages are the societies' and the regulator's).
 */
export function searchItemPath(item: SearchItem, me: Reader): string {
  const enc = encodeURIComponent;
  switch (item.kind) {
    case 'rights-holder':
      return `/rights-holders/${enc(item.id)}`;
    case 'society':
      if (me.role === 'society') return '/society';
      if (me.role === 'rights-holder') return `/societies/${enc(item.id)}/transparency`;
      return `/regulator/societies/${enc(item.id)}`;
    case 'work':
    case 'line':
      // A work only the register knows (no line names it) opens on its page there (issue 16).
      if (item.kind === 'work' && item.workId && !item.submissionId) return `/works/${enc(item.workId)}`;
      if (me.role === 'rights-holder') return `/rights-holders/${enc(me.rightsHolderId ?? '')}/statement`;
      if (!item.submissionId) return `/search?q=${enc(item.label)}`;
      return `/submissions/${enc(item.submissionId)}${item.kind === 'line' && item.lineId ? `?lineId=${enc(item.lineId)}` : ''}`;
  }
}

/** The facts beside a result's name, in the reader's language. */
export function searchItemDetails(item: SearchItem): string[] {
  const out: string[] = [];
  switch (item.kind) {
    case 'rights-holder':
      if (item.ipi) out.push(t('IPI {ipi}', { ipi: item.ipi }));
      break;
    case 'society':
      if (item.cisacCode) out.push(t('CISAC code {code}', { code: item.cisacCode }));
      break;
    case 'work':
      if (item.iswc) out.push(t('ISWC {iswc}', { iswc: item.iswc }));
      if (item.societyName) out.push(t('on lines of {society}', { society: item.societyName }));
      break;
    case 'line':
      if (item.lineId) out.push(t('line {lineId}', { lineId: item.lineId }));
      if (item.societyName) out.push(item.societyName);
      if (item.period) out.push(item.period);
      if (item.status) out.push(lineStatus(item.status));
      if (item.superseded) out.push(t('package superseded'));
      break;
  }
  return out;
}

function lineStatus(status: string): string {
  switch (status) {
    case 'paid':
      return t('paid');
    case 'unpaid':
      return t('unpaid');
    case 'unidentified':
      return t('unidentified');
    default:
      return status;
  }
}

/** What matched, when it was an identifier written out (a name or title goes without saying). */
export function searchMatchNote(item: SearchItem): string | null {
  switch (item.match) {
    case 'ipi':
      return t('matched by IPI');
    case 'isni':
      return t('matched by ISNI');
    case 'iswc':
      return t('matched by ISWC');
    case 'cisac-code':
      return t('matched by CISAC code');
    case 'line-id':
      return t('matched by line id');
    default:
      return null;
  }
}

/** The search page's address for a query (and a kind). */
export function searchPath(q: string, kind?: SearchKind | null): string {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  return `/search?${params}`;
}

/** Reads `kind` from the page's address; null when absent or not a kind. */
export function parseSearchKind(value: string | null): SearchKind | null {
  return value === 'rights-holder' || value === 'society' || value === 'work' || value === 'line' ? value : null;
}
