/** The daily job computing due events for one day. */
export const DUE_EVENTS_JOB = 'due-events';
export interface DueEventsJobPayload {
  /** The day (YYYY-MM-DD) it computes for: the Clock's today when it was queued. */
  day: string;
}
