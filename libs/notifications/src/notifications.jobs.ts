/** Writes an event's inbox rows and deliveries (one job per event). */
export const NOTIFY_FANOUT_JOB = 'notification-fanout';
export interface FanOutJobPayload {
  societyId: string;
  eventId: string;
}

/** One attempt at one delivery to a webhook or an e-mail address. */
export const NOTIFY_DELIVERY_JOB = 'notification-delivery';
export interface DeliveryJobPayload {
  societyId: string;
  deliveryId: string;
}
