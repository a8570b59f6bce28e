import type { ReactNode } from 'react';
import type { Me } from './api/types';
import { PageTitle } from './components/PageTitle';
import { msg, t } from './i18n';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { PublicLogPage } from './views/public/PublicLogPage';
import { parseReportYear } from './format/transparency';
import { currentLink, transparencyPath } from './nav';
import { Link, matchPath, navigate, Redirect, usePath } from './router';
import { useSessionState } from './session';
import { NotificationBell } from './components/NotificationBell';
import { SearchBox } from './components/SearchBox';
import { SearchRoute } from './views/search/SearchPage';
import { InboxPage } from './views/notifications/InboxPage';
import { AuditPage } from './views/audit/AuditPage';
import { AuditsPage } from './views/audit/AuditsPage';
import { ClaimsPage } from './views/holder/ClaimsPage';
import { RightsHolderPage } from './views/holder/RightsHolderPage';
import { StatementPage } from './views/holder/StatementPage';
import { RightsHoldersList } from './views/regulator/RightsHoldersList';
import { SocietiesComparison } from './views/regulator/SocietiesComparison';
import { SignInView } from './views/SignInView';
import { BoardPage } from './views/society/BoardPage';
import { LedgerPage } from './views/society/LedgerPage';
import { SocietyClaimsPage } from './views/society/SocietyClaimsPage';
import { SocietyOverview } from './views/society/SocietyOverview';
import { SubmissionPage } from './views/society/SubmissionPage';
import { SubmissionsPage } from './views/society/SubmissionsPage';
import { TransparencyPage } from './views/transparency/TransparencyPage';
import { WorkPage } from './views/works/WorkPage';
import { WorksPage } from './views/works/WorksPage';

const ROLE_NAMES: Record<Me['role'], string> = { admin: msg('Administrator'), regulator: msg('Regulator'), society: msg('Society'), 'rights-holder': msg('Rights holder') };

/** Where each role starts. */
export function homeOf(me: Me): string {
  switch (me.role) {
    case 'society':
      return '/society';
    case 'rights-holder':
      return `/rights-holders/${me.rightsHolderId}`;
    default:
      return '/regulator';
  }
}

function navOf(me: Me): [to: string, label: string][] {
  switch (me.role) {
    case 'society':
      return [
        ['/society', msg('Overview')],
        ['/society/submissions', msg('Submissions')],
        ['/works', msg('Works')],
        ['/society/ledger', msg('Ledger')],
        ['/society/board', msg('Board')],
        ['/society/claims', msg('Claims')],
        ...(me.societyId ? ([[transparencyPath(me.societyId), msg('Transparency report')]] as [string, string][]) : []),
      ];
    case 'rights-holder':
      return [
        [homeOf(me), msg('My page')],
        [`${homeOf(me)}/statement`, msg('Statement')],
        [`${homeOf(me)}/claims`, msg('Claims')],
        ['/works', msg('My works')],
      ];
    default:
      return [
        ['/regulator', msg('Societies')],
        ['/regulator/audits', msg('Audits')],
        ['/regulator/rights-holders', msg('Rights holders')],
        ['/works', msg('Works')],
      ];
  }
}

/** The views a role may open, matched against the path; null when none matches. */
function route(me: Me, path: string): ReactNode | null {
  let p: Record<string, string> | null;
  if (path === '/' || path === '/sign-in') return <Redirect to={homeOf(me)} />;
  if (path === '/notifications') return <InboxPage />;
  if (path === '/search') return <SearchRoute />;
  if (me.role === 'society' && me.societyId) {
    if (path === '/society') return <SocietyOverview societyId={me.societyId} />;
    if (path === '/society/submissions') return <SubmissionsPage societyId={me.societyId} />;
    if (path === '/society/ledger') return <LedgerPage societyId={me.societyId} />;
    if (path === '/society/board') return <BoardPage societyId={me.societyId} />;
    if (path === '/society/claims') return <SocietyClaimsPage societyId={me.societyId} />;
  }
  if (me.role === 'regulator' || me.role === 'admin') {
    if (path === '/regulator') return <SocietiesComparison />;
    if (path === '/regulator/rights-holders') return <RightsHoldersList />;
    if (path === '/regulator/audits') return <AuditsPage />;
    if ((p = matchPath('/regulator/societies/:id', path))) return <SocietyOverview key={p.id} societyId={p.id} />;
    if ((p = matchPath('/regulator/societies/:id/ledger', path))) return <LedgerPage key={p.id} societyId={p.id} />;
    if ((p = matchPath('/regulator/societies/:id/board', path))) return <BoardPage key={p.id} societyId={p.id} />;
    if ((p = matchPath('/regulator/societies/:id/claims', path))) return <SocietyClaimsPage key={p.id} societyId={p.id} />;
  }
  if ((p = matchPath('/submissions/:id', path))) return <SubmissionPage submissionId={p.id} />;
  // The works register (issue 16): a society its own, a rights holder those naming its IPI, the regulator all.
  if (path === '/works') return <WorksPage />;
  if ((p = matchPath('/works/:id', path))) return <WorkPage key={p.id} workId={p.id} />;
  if ((p = matchPath('/audits/:id', path)) && me.role !== 'rights-holder') return <AuditPage key={p.id} auditId={p.id} />;
  if ((p = matchPath('/rights-holders/:id', path))) return <RightsHolderPage key={p.id} rightsHolderId={p.id} />;
  if ((p = matchPath('/rights-holders/:id/statement', path))) return <StatementPage key={p.id} rightsHolderId={p.id} />;
  if ((p = matchPath('/rights-holders/:id/claims', path))) return <ClaimsPage key={p.id} rightsHolderId={p.id} />;
  // Public by law (Art. 22): every role may ask; the API answers a society 404 for another society's.
  if ((p = matchPath('/societies/:id/transparency', path))) return <TransparencyPage key={p.id} societyId={p.id} year={null} />;
  if ((p = matchPath('/societies/:id/transparency/:year', path)) && parseReportYear(p.year) !== null) {
    return <TransparencyPage key={p.id} societyId={p.id} year={parseReportYear(p.year)} />;
  }
  return null;
}

function NotFound() {
  return (
    <>
      <PageTitle title={t('Page not found')}>{t('Page not found')}</PageTitle>
      <p>{t('There is no such page in your view.')}</p>
      <p>
        <Link to="/">{t('Back to your overview')}</Link>
      </p>
    </>
  );
}

export function App() {
  const { session, signOut } = useSessionState();
  const path = usePath();

  // The public page needs no sign-in (Art. 22: published to the world).
  if (path === '/public') {
    return (
      <>
        <Header />
        <main id="main" className="container">
          <PublicLogPage />
        </main>
      </>
    );
  }
  if (session === undefined) {
    return (
      <p className="muted boot" role="status">
        {t('Signing you in…')}
      </p>
    );
  }
  if (session === null) {
    return (
      <>
        <Header />
        <main id="main" className="container">
          {path !== '/sign-in' && path !== '/' && <p className="muted">{t('Sign in to open {path}.', { path })}</p>}
          <SignInView />
        </main>
      </>
    );
  }
  const { me } = session;
  const nav = navOf(me);
  const current = currentLink(path, nav.map(([to]) => to));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('Skip to content')}
      </a>
      <Header>
        <nav aria-label={t('Main')}>
          <ul>
            {nav.map(([to, label]) => (
              <li key={to}>
                <Link to={to} aria-current={to === current ? 'page' : undefined}>
                  {t(label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <div className="who">
          <NotificationBell />
          <span>
            <span className="role">{t(ROLE_NAMES[me.role])}</span> <span className="label">{me.label}</span>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              signOut();
              navigate('/');
            }}
          >
            {t('Sign out')}
          </button>
        </div>
      </Header>
      <main id="main" className="container">
        {route(me, path) ?? <NotFound />}
      </main>
    </>
  );
}

function Header({ children }: { children?: ReactNode }) {
  return (
    <header className="top">
      <div className="container top-inner">
        <Link to="/" className="brand">
          {t('Collective Ledger')}
        </Link>
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}
