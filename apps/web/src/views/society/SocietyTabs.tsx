import type { Me } from '../../api/types';
import { PageTabs } from '../../components/PageTabs';
import { transparencyPath } from '../../nav';
import { useSession } from '../../session';
import { msg, t } from '../../i18n';

export type SocietyPage = 'overview' | 'ledger' | 'board' | 'claims' | 'transparency';

const PAGES: [SocietyPage, string][] = [
  ['overview', msg('Overview')],
  ['ledger', msg('Ledger')],
  ['board', msg('Board')],
  ['claims', msg('Claims')],
  ['transparency', msg('Transparency report')],
];

/**
 * Where one of a society's pages lives for this user: under /society for the society itself, under /regulator/societies/{id} for the others.
 * The transparency report is public by law and has one address for everyone, /societies/{id}/transparency (the last complete year; `/{year}` for another).
 */
export function societyPagePath(me: Me, societyId: string, page: SocietyPage): string {
  if (page === 'transparency') return transparencyPath(societyId);
  const base = me.role === 'society' ? '/society' : `/regulator/societies/${societyId}`;
  return page === 'overview' ? base : `${base}/${page}`;
}

/**
 * Links between a society's pages for regulators and admins, who reach them from the
 * comparison (the society itself has them in the main navigation; a rights holder reads
 * only the transparency report, from the list of societies).
 */
export function SocietyTabs({ societyId }: { societyId: string }) {
  const { me } = useSession();
  if (me.role !== 'regulator' && me.role !== 'admin') return null;
  return <PageTabs label={t('Society pages')} tabs={PAGES.map(([page, label]) => [societyPagePath(me, societyId, page), t(label)])} />;
}
