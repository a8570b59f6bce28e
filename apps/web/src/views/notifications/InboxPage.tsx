import { useState } from 'react';
import { type InboxPage as Page, inbox, markAllRead, markRead, type Notification } from '../../api/notifications';
import { ApiError } from '../../api/problem';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { describeNotification, EVENT_LABELS, linkOfNotification } from '../../format/notifications';
import { formatDateTime, t } from '../../i18n';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/** Tells the bell in the header to count again. */
const announceRead = () => window.dispatchEvent(new Event('notifications-read'));

/**
 * The caller's inbox (every role has its own; regulators share one, as do admins):
 * packages committed or rejected, audits finished, claims and mandate requests answered,
 * deadlines approaching or missed, money overdue, notices taking effect, lines changed by
 * a correction. Newest first; unread ones stand out and are marked read one by one or
 * all at once. Webhooks and e-mail take the same events (docs/notifications.md).
 */
export function InboxPage() {
  const { api, me } = useSession();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const loaded = useApi(() => inbox(api, { unread: onlyUnread }), [api, onlyUnread]);
  const [more, setMore] = useState<{ items: Notification[]; cursor: string | null } | null>(null);
  const [read, setRead] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await run();
      announceRead();
    } catch (e) {
      setProblem(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('Notifications')}>{t('Notifications')}</PageTitle>
      <p className="lead">{t('What the ledger has told you: packages, audits, claims, mandate requests, deadlines and money overdue. Webhooks and e-mail can receive the same.')}</p>
      <p className="inbox-filter">
        <label>
          <input
            type="checkbox"
            checked={onlyUnread}
            onChange={(e) => {
              setMore(null);
              setOnlyUnread(e.target.checked);
            }}
          />{' '}
          {t('Only unread')}
        </label>
      </p>
      {problem && <ProblemMessage error={problem} heading={t('Could not mark as read')} />}
      <Loader loaded={loaded} what={t('your notifications')}>
        {(page: Page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : page.nextCursor;
          const unread = Math.max(0, page.unread - Object.keys(read).length);
          return (
            <>
              <p className="inbox-summary">
                <span role="status">{unread > 0 ? t.plural(unread, '{n} unread notification', '{n} unread notifications') : t('Everything is read.')}</span>{' '}
                {unread > 0 && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        await markAllRead(api);
                        const now = new Date().toISOString();
                        setRead(Object.fromEntries(items.filter((n) => !n.readAt).map((n) => [n.id, now])));
                      })
                    }
                  >
                    {t('Mark all read')}
                  </button>
                )}
              </p>
              {items.length === 0 ? (
                <p className="muted">{onlyUnread ? t('No unread notifications.') : t('No notifications yet.')}</p>
              ) : (
                <ul className="inbox">
                  {items.map((n) => {
                    const readAt = n.readAt ?? read[n.id] ?? null;
                    const link = linkOfNotification(n, me);
                    const text = describeNotification(n);
                    return (
                      <li key={n.id} className={readAt ? 'read' : 'unread'} data-type={n.type}>
                        <div className="inbox-head">
                          <span className={`event-kind ${n.type.startsWith('deadline.missed') || n.type === 'money.overdue' || n.type === 'submission.rejected' ? 'bad' : ''}`}>{t(EVENT_LABELS[n.type])}</span>
                          <span className="inbox-society">{n.societyName}</span>
                          <time dateTime={n.at}>{formatDateTime(n.at)}</time>
                          {!readAt && <span className="unread-mark">{t('unread')}</span>}
                        </div>
                        <p className="inbox-text">{link ? <Link to={link}>{text}</Link> : text}</p>
                        {!readAt && (
                          <button
                            type="button"
                            className="secondary"
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                const done = await markRead(api, n.id);
                                setRead((r) => ({ ...r, [n.id]: done.readAt ?? new Date().toISOString() }));
                              })
                            }
                          >
                            {t('Mark read')}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {cursor && (
                <p>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        const next = await inbox(api, { unread: onlyUnread, cursor });
                        setMore({ items: [...(more?.items ?? []), ...next.items], cursor: next.nextCursor });
                      })
                    }
                  >
                    {t('Show older')}
                  </button>
                </p>
              )}
            </>
          );
        }}
      </Loader>
    </>
  );
}
