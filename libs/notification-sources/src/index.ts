/**
 * Where notifications come from besides the domain services that raise them as things
 * happen (issue 17 item 5): the daily due-events job — deadlines approaching and missed
 * (quarterly packages, Art. 13(1) distribution, Art. 22(1) transparency report, answers
 * to mandate requests), money overdue to rights holders, notices taking effect soon —
 * and claim updates, heard through the claims' hook. The deadline rules are pure
 * (due.ts); the services read the facts and raise events through libs/notifications.
 */
export { NotificationSourcesModule } from './notification-sources.module.js';
export { DueEventsService } from './due-events.service.js';
export { ClaimNotifications } from './claim-notifications.js';
export { DUE_EVENTS_JOB } from './due-events.job.js';
export type { DueEventsJobPayload } from './due-events.job.js';
export { DEADLINE_WARNING_DAYS, MANDATE_ANSWER_WARNING_DAYS, NOTICE_WARNING_DAYS, PACKAGE_DUE_DAYS } from './policy.js';
export { answerDeadlines, deadlineState, distributionDeadlines, noticesEffectiveSoon, packageDeadlines, quarterEnd, quartersEndedSince, quartersEndingIn, transparencyDeadlines } from './due.js';
export type { EndingMandate, SocietyFacts, UnpaidGroup, WaitingRequest } from './due.js';
