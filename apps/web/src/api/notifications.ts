import type { ApiClient } from './client';

/**
 * The caller's notifications (docs/notifications.md): its inbox, newest first, and
 * marking read. Types mirror GET /v1/me/notifications (the API's NotificationDto).
 */

export type NotificationType =
  | 'submission.committed'
  | 'submission.rejected'
  | 'audit.finished'
  | 'claim.updated'
  | 'mandate.requested'
  | 'mandate.answered'
  | 'notice.effective-soon'
  | 'deadline.approaching'
  | 'deadline.missed'
  | 'money.overdue'
  | 'line.changed';

export interface Notification {
  id: string;
  eventId: string;
  type: NotificationType;
  societyId: string;
  societyName: string;
  at: string;
  readAt: string | null;
  /** The API's one-line summary in English (the dashboard writes its own, in the reader's language). */
  title: string;
  data: Record<string, unknown>;
}

export interface InboxPage {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

const enc = encodeURIComponent;

export function inbox(api: ApiClient, q: { unread?: boolean; cursor?: string | null; limit?: number } = {}): Promise<InboxPage> {
  const params = new URLSearchParams({ limit: String(q.limit ?? 50) });
  if (q.unread) params.set('unread', 'true');
  if (q.cursor) params.set('cursor', q.cursor);
  return api.get(`/v1/me/notifications?${params}`);
}

/** How many notifications the caller has not read (the bell). */
export async function unreadCount(api: ApiClient): Promise<number> {
  return (await inbox(api, { unread: true, limit: 1 })).unread;
}

export function markRead(api: ApiClient, id: string): Promise<Notification> {
  return api.post(`/v1/me/notifications/${enc(id)}/read`, {});
}

export function markAllRead(api: ApiClient): Promise<{ marked: number; unread: number }> {
  return api.post('/v1/me/notifications/read-all', {});
}
