import { useEffect, useState } from 'react';
import { unreadCount } from '../api/notifications';
import { t } from '../i18n';
import { Link, usePath } from '../router';
import { useSession } from '../session';

/** How often the bell asks again while the page stays open. */
const REFRESH_MS = 60_000;

/**
 * The bell in the header: the caller's unread notifications, linking to the inbox. Asks
 * when the page changes, when the inbox says it marked some read, and every minute.
 */
export function NotificationBell() {
  const { api } = useSession();
  const path = usePath();
  const [unread, setUnread] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    unreadCount(api).then(
      (n) => current && setUnread(n),
      () => current && setUnread(null),
    );
    return () => {
      current = false;
    };
  }, [api, path, tick]);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    const onRead = () => setTick((n) => n + 1);
    window.addEventListener('notifications-read', onRead);
    return () => {
      clearInterval(timer);
      window.removeEventListener('notifications-read', onRead);
    };
  }, []);
  const label = unread ? t.plural(unread, 'Notifications: {n} unread', 'Notifications: {n} unread') : t('Notifications');
  return (
    <Link to="/notifications" className="bell" aria-label={label} title={label} aria-current={path === '/notifications' ? 'page' : undefined}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread ? <span className="bell-count" data-testid="unread-count">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
