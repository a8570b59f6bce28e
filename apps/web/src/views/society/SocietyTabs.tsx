import type { Me } from '../../api/types';
import { Link, usePath } from '../../router';
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
  const path = usePath();
  if (me.role === 'society') return null;
  return (
    <nav aria-label="Society pages" className="tabs">
      <ul>
        {PAGES.map(([page, label]) => {
          const to = societyPagePath(me, societyId, page);
          return (
            <li key={page}>
              <Link to={to} aria-current={path === to ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
