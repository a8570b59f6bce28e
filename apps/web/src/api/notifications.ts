import type { ApiClient } from './client';
import type { Answer } from './openapi';

/**
 * The caller's notifications (docs/notifications.md): its inbox, newest first, and
 * marking read. Types are GET /v1/me/notifications's, generated (docs/api-types.md).
 */

export type InboxPage = Answer<'listNotifications'>;
/** One notification; `title` is the API's one-line summary in English (the dashboard writes its own, in the reader's language). */
export type Notification = InboxPage['items'][number];
export type NotificationType = Notification['type'];

export function inbox(api: ApiClient, q: { unread?: boolean; cursor?: string | null; limit?: number } = {}): Promise<InboxPage> {
  return api.call('listNotifications', { query: { limit: q.limit ?? 50, unread: q.unread ? true : undefined, cursor: q.cursor ?? undefined } });
}

/** How many notifications the caller has not read (the bell). */
export async function unreadCount(api: ApiClient): Promise<number> {
  return (await inbox(api, { unread: true, limit: 1 })).unread;
}

export function markRead(api: ApiClient, id: string): Promise<Notification> {
  return api.call('markNotificationRead', { path: { id } });
}

export function markAllRead(api: ApiClient): Promise<Answer<'markAllNotificationsRead'>> {
  return api.call('markAllNotificationsRead', {});
}
