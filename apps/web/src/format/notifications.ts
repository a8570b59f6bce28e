import type { Me } from '../api/types';
import type { Notification } from '../api/notifications';
import { formatDate, formatMoney, msg, t } from '../i18n';

/** Each event type's name, in the reader's language. */
export const EVENT_LABELS: Record<Notification['type'], string> = {
  'submission.committed': msg('Package committed'),
  'submission.rejected': msg('Package rejected'),
  'audit.finished': msg('Audit finished'),
  'claim.updated': msg('Claim updated'),
  'mandate.requested': msg('Mandate requested'),
  'mandate.answered': msg('Mandate answered'),
  'notice.effective-soon': msg('Notice takes effect soon'),
  'deadline.approaching': msg('Deadline approaching'),
  'deadline.missed': msg('Deadline missed'),
  'money.overdue': msg('Money overdue'),
  'line.changed': msg('Lines changed'),
};

const CLAIM_STATUSES: Record<string, string> = { open: msg('open'), accepted: msg('accepted'), refused: msg('refused'), paid: msg('paid') };

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function money(amounts: unknown): string {
  if (!Array.isArray(amounts)) return '';
  return amounts.map((a: { amount?: unknown; currency?: unknown }) => formatMoney(str(a.amount), str(a.currency))).join(', ');
}

function deadline(d: unknown): string {
  const x = (d ?? {}) as { kind?: string; due?: string; period?: string; packageType?: string; financialYear?: number };
  const due = x.due ? formatDate(x.due) : '';
  switch (x.kind) {
    case 'quarterly-package':
      return t('the {type} package for {period}, due {due}', { type: str(x.packageType), period: str(x.period), due });
    case 'distribution':
      return t('distribution of FY {year} money (Art. 13(1)), due {due}', { year: str(x.financialYear), due });
    case 'transparency-report':
      return t('the data of the FY {year} transparency report (Art. 22(1)), due {due}', { year: str(x.financialYear), due });
    case 'mandate-answer':
      return t('the answer to a mandate request, due {due}', { due });
    default:
      return due;
  }
}

/** A notification in one line, in the reader's language (from its type and data, as the API's title in English). */
export function describeNotification(n: Notification): string {
  const d = n.data;
  switch (n.type) {
    case 'submission.committed':
      return d.supersedes ? t('{type} package for {period} committed (a correction)', { type: str(d.type), period: str(d.period) }) : t('{type} package for {period} committed', { type: str(d.type), period: str(d.period) });
    case 'submission.rejected':
      return t.plural(Number(d.errorCount ?? 0), '{type} package for {period} rejected: {n} problem', '{type} package for {period} rejected: {n} problems', { type: str(d.type), period: str(d.period) });
    case 'audit.finished':
      return d.status === 'failed'
        ? t('The audit of FY {year} could not run', { year: str(d.financialYear) })
        : t('Audit of FY {year} finished: {failed} of {rules} rules failed', { year: str(d.financialYear), failed: str(d.failed), rules: str(d.rules) });
    case 'claim.updated':
      return t('Claim on line {lineId}: {status}', { lineId: str(d.lineId), status: CLAIM_STATUSES[str(d.status)] ? t(CLAIM_STATUSES[str(d.status)]) : str(d.status) });
    case 'mandate.requested':
      return t('Mandate requested: {category} ({workType}), answer due {due}', { category: str(d.category), workType: str(d.workType), due: d.answerDueBy ? formatDate(str(d.answerDueBy)) : '' });
    case 'mandate.answered':
      return d.status === 'active' ? t('Your mandate request was accepted: {category} ({workType})', { category: str(d.category), workType: str(d.workType) }) : t('Your mandate request was refused: {category} ({workType})', { category: str(d.category), workType: str(d.workType) });
    case 'notice.effective-soon':
      return t('A notice ends the mandate for {category} after {date}', { category: str(d.category), date: d.lastDay ? formatDate(str(d.lastDay)) : '' });
    case 'deadline.approaching':
      return t('Deadline approaching: {what}', { what: deadline(d.deadline) });
    case 'deadline.missed':
      return t('Deadline missed: {what}', { what: deadline(d.deadline) });
    case 'money.overdue':
      return t('Money overdue since {date}: {amounts}', { date: d.deadline ? formatDate(str(d.deadline)) : '', amounts: money(d.amounts) });
    case 'line.changed':
      return t.plural(Number(d.changedLines ?? 0), '{n} of your lines changed by a correction of {period}', '{n} of your lines changed by a correction of {period}', { period: str(d.period) });
  }
}

/** Where a notification leads, for this reader (null: nowhere more to see). */
export function linkOfNotification(n: Notification, me: Me): string | null {
  const d = n.data;
  switch (n.type) {
    case 'submission.committed':
    case 'submission.rejected':
    case 'line.changed':
      return typeof d.submissionId === 'string' && me.role !== 'rights-holder' ? `/submissions/${d.submissionId}` : me.role === 'rights-holder' ? `/rights-holders/${me.rightsHolderId}/statement` : null;
    case 'audit.finished':
      return me.role !== 'rights-holder' && typeof d.auditId === 'string' ? `/audits/${d.auditId}` : null;
    case 'money.overdue':
      return me.role === 'rights-holder' ? `/rights-holders/${me.rightsHolderId}/statement` : null;
    case 'claim.updated':
      return me.role === 'rights-holder' ? `/rights-holders/${me.rightsHolderId}/claims` : me.role === 'society' ? '/society/claims' : null;
    case 'mandate.requested':
    case 'mandate.answered':
    case 'notice.effective-soon':
      return me.role === 'rights-holder' ? `/rights-holders/${me.rightsHolderId}` : me.role === 'society' ? '/society' : null;
    case 'deadline.approaching':
    case 'deadline.missed':
      return me.role === 'society' ? '/society/submissions' : me.role === 'regulator' || me.role === 'admin' ? `/regulator/societies/${n.societyId}` : null;
  }
}
