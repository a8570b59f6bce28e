import { Link, usePath } from '../router';

/** Links between the pages of one subject (a society, a rights holder), the current one marked. */
export function PageTabs({ label, tabs }: { label: string; tabs: [to: string, label: string][] }) {
  const path = usePath();
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {tabs.map(([to, text]) => (
          <li key={to}>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
