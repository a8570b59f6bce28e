import type { Me } from '../../api/types';
import { PageTabs } from '../../components/PageTabs';
import { useSession } from '../../session';

export type SocietyPage = 'overview' | 'ledger' | 'board';

const PAGES: [SocietyPage, string][] = [
  ['overview', 'Overview'],
  ['ledger', 'Ledger'],
  ['board', 'Board'],
];

/** Where one of a society's pages lives for this user: under /society for the society itself, under /regulator/societies/{id} for the others. */
export function societyPagePath(me: Me, societyId: string, page: SocietyPage): string {
  const base = me.role === 'society' ? '/society' : `/regulator/societies/${societyId}`;
  return page === 'overview' ? base : `${base}/${page}`;
}

/**
 * Links between a society's pages for regulators and admins, who reach them from the
 * comparison (the society itself has them in the main navigation).
 */
export function SocietyTabs({ societyId }: { societyId: string }) {
  const { me } = useSession();
  if (me.role === 'society') return null;
  return <PageTabs label="Society pages" tabs={PAGES.map(([page, label]) => [societyPagePath(me, societyId, page), label])} />;
}
