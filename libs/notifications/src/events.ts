/**
 * The notification vocabulary (CONTRACT.md "Workflows"): the events the ledger raises,
 * who is told of each, and a plain-language title for inboxes and e-mails. Pure
 * TypeScript: no framework, no database.
 */

export const EVENT_TYPES = [
  'submission.committed',
  'submission.rejected',
  'audit.finished',
  'claim.updated',
  'mandate.requested',
  'mandate.answered',
  'notice.effective-soon',
  'deadline.approaching',
  'deadline.missed',
  'money.overdue',
  'line.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** Who an inbox, a webhook or an e-mail subscription belongs to: a principal. */
export const RECIPIENT_KINDS = ['society', 'rights-holder', 'regulator', 'admin'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** The id of a role-wide recipient (every regulator, every admin): they share one inbox. */
export const ROLE_WIDE_ID = '00000000-0000-0000-0000-000000000000';

export interface Recipient {
  kind: RecipientKind;
  id: string;
}

/**
 * Events the supervisors (every regulator, and every admin) are told of besides the
 * parties: a finished audit and a missed legal deadline are what a regulator acts on.
 */
export const SUPERVISOR_EVENTS: readonly EventType[] = ['audit.finished', 'deadline.missed'];

/** What kind of deadline a deadline event is about (data.deadline.kind). */
export const DEADLINE_KINDS = ['quarterly-package', 'distribution', 'transparency-report', 'mandate-answer'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** An event as a domain service raises it. */
export interface NewEvent {
  type: EventType;
  societyId: string;
  /**
   * The fact's idempotency key, unique per society: the same fact raised twice (a
   * retried job, the daily job run twice) is one event. E.g. `submission.committed:<id>`.
   */
  key: string;
  /** What the receivers get as `data` (ids, periods, amounts as decimal strings). */
  data: Record<string, unknown>;
  /** The parties told (the society, rights holders); the supervisors are added by type. */
  to: { societies?: string[]; rightsHolders?: string[] };
  /** When it happened (ISO 8601); default: now. */
  at?: string;
}

/** Every recipient of an event: its parties, then the supervisors its type calls for, each once. */
export function recipientsOf(event: Pick<NewEvent, 'type' | 'to'>): Recipient[] {
  const all: Recipient[] = [
    ...(event.to.societies ?? []).map((id) => ({ kind: 'society' as const, id })),
    ...(event.to.rightsHolders ?? []).map((id) => ({ kind: 'rights-holder' as const, id })),
  ];
  if (SUPERVISOR_EVENTS.includes(event.type)) all.push({ kind: 'regulator', id: ROLE_WIDE_ID }, { kind: 'admin', id: ROLE_WIDE_ID });
  const seen = new Set<string>();
  return all.filter((r) => {
    const k = `${r.kind}:${r.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** "1200.00 EUR, 35.5 RUB" from `[{currency, amount}]` (amounts stay the strings they are). */
export function moneyText(amounts: unknown): string {
  if (!Array.isArray(amounts)) return '';
  return amounts.map((a: { currency?: unknown; amount?: unknown }) => `${str(a.amount)} ${str(a.currency)}`).join(', ');
}

const DEADLINE_NAMES: Record<DeadlineKind, string> = {
  'quarterly-package': 'quarterly package',
  distribution: 'distribution within 9 months (Art. 13(1))',
  'transparency-report': 'annual transparency report data (Art. 22(1))',
  'mandate-answer': 'answer to a mandate request',
};

function deadlineText(d: unknown): string {
  const deadline = (d ?? {}) as { kind?: DeadlineKind; due?: string; period?: string; financialYear?: number; packageType?: string };
  const name = deadline.kind ? DEADLINE_NAMES[deadline.kind] ?? deadline.kind : 'deadline';
  const what =
    deadline.kind === 'quarterly-package'
      ? `${str(deadline.packageType)} package for ${str(deadline.period)}`
      : deadline.kind === 'distribution' || deadline.kind === 'transparency-report'
        ? `${name}, FY ${str(deadline.financialYear)}`
        : name;
  return `${what} (due ${str(deadline.due)})`;
}

/** A one-line, plain-language title of an event for an inbox or an e-mail subject. */
export function titleOf(type: EventType, data: Record<string, unknown>): string {
  switch (type) {
    case 'submission.committed':
      return `${str(data.type)} package for ${str(data.period)} committed${data.supersedes ? ' (a correction)' : ''}`;
    case 'submission.rejected':
      return `${str(data.type)} package for ${str(data.period)} rejected: ${str(data.errorCount)} problem(s)`;
    case 'audit.finished':
      return `Audit of FY ${str(data.financialYear)} ${data.status === 'failed' ? 'could not run' : `finished: ${str(data.failed)} of ${str(data.rules)} rules failed`}`;
    case 'claim.updated':
      return `Claim on line ${str(data.lineId)} is ${str(data.status)}`;
    case 'mandate.requested':
      return `Mandate requested: ${str(data.category)} (${str(data.workType)}), answer due ${str(data.answerDueBy)}`;
    case 'mandate.answered':
      return `Mandate request ${str(data.status) === 'active' ? 'accepted' : 'refused'}: ${str(data.category)} (${str(data.workType)})`;
    case 'notice.effective-soon':
      return `${str(data.change) === 'withdrawn' ? 'Withdrawal' : str(data.change) === 'opted-out' ? 'Opt-out' : 'Termination'} takes effect after ${str(data.lastDay)}: ${str(data.category)}`;
    case 'deadline.approaching':
      return `Deadline approaching: ${deadlineText(data.deadline)}`;
    case 'deadline.missed':
      return `Deadline missed: ${deadlineText(data.deadline)}`;
    case 'money.overdue':
      return `Money overdue since ${str(data.deadline)}: ${moneyText(data.amounts)}`;
    case 'line.changed':
      return `${str(data.changedLines)} line(s) changed by a correction of ${str(data.period)}`;
  }
}
