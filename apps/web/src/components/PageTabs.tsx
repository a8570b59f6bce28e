import { currentLink } from '../nav';
import { Link, usePath } from '../router';

/** Links between the pages of one subject (a society, a rights holder), the current one marked (a page below a tab's address, such as a report's year, marks that tab). */
export function PageTabs({ label, tabs }: { label: string; tabs: [to: string, label: string][] }) {
  const path = usePath();
  const current = currentLink(path, tabs.map(([to]) => to));
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {tabs.map(([to, text]) => (
          <li key={to}>
            <Link to={to} aria-current={to === current ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
