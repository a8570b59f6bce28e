/**
 * Which events are due on a day, from the facts the ledger holds: pure TypeScript (no
 * framework, no database), so the rules are tested on their own. Every event has a key
 * naming the deadline (and the day it falls on), so computing the same day twice, or
 * the next day again, raises nothing new.
 */
import { add, type Amount, formatAmount, parseAmount, ZERO } from '../../money/src/index.js';
import { addDays, addMonths, financialYearEndIn, financialYearEndOnOrAfter, toDayNumber } from '../../mandates/src/index.js';
import type { NewEvent } from '../../notifications/src/index.js';
import { DEADLINE_WARNING_DAYS, MANDATE_ANSWER_WARNING_DAYS, NOTICE_WARNING_DAYS, PACKAGE_DUE_DAYS } from './policy.js';

export interface SocietyFacts {
  id: string;
  name: string;
  fyEnd: { month: number; day: number };
  /** Months after the financial year's end to distribute (Art. 13(1), the jurisdiction's parameter). */
  distributionMonths: number;
  /** Months after the financial year's end for the transparency report (Art. 22(1), the jurisdiction's parameter). */
  transparencyMonths: number;
  /** Package types each quarter must have (the transparency rule's parameter). */
  requiredTypes: readonly string[];
  /** The first quarter the society reported (its first package, committed or not); null: none yet. */
  firstPeriod: string | null;
  /** `type period` of every package committed (or since superseded). */
  committed: ReadonlySet<string>;
}

/** Unpaid distribution lines of a holder at a society, by the financial year their use ended in and currency. */
export interface UnpaidGroup {
  societyId: string;
  rightsHolderId: string | null;
  /** The last day of the financial year of collection. */
  fyEnd: string;
  currency: string;
  amount: string;
  lines: number;
}

export interface EndingMandate {
  societyId: string;
  mandateId: string;
  version: number;
  rightsHolderId: string;
  change: string;
  category: string;
  workType: string;
  /** The mandate's last day: the notice takes effect the day after. */
  lastDay: string;
}

export interface WaitingRequest {
  societyId: string;
  mandateId: string;
  rightsHolderId: string;
  category: string;
  workType: string;
  requestedOn: string;
  answerDueBy: string;
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;

export function quarterEnd(period: string): string {
  return `${period.slice(0, 4)}-${QUARTER_ENDS[Number(period[5]) - 1]}`;
}

/** The quarters from `first` to the last one that ended before `today`, in order. */
export function quartersEndedSince(first: string, today: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let q = Number(first[5]);
  for (;;) {
    const p = `${y}Q${q}`;
    if (quarterEnd(p) >= today) break;
    out.push(p);
    q++;
    if (q === 5) {
      q = 1;
      y++;
    }
  }
  return out;
}

/** The quarters whose last day falls in the financial year from `from` to `to`. */
export function quartersEndingIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    QUARTER_ENDS.forEach((end, i) => {
      const last = `${y}-${end}`;
      if (last >= from && last <= to) out.push(`${y}Q${i + 1}`);
    });
  }
  return out;
}

const days = (from: string, to: string) => toDayNumber(to) - toDayNumber(from);

/** 'missed' after the due day, 'approaching' within `warning` days of it, else null. */
export function deadlineState(due: string, today: string, warning: number): 'missed' | 'approaching' | null {
  if (today > due) return 'missed';
  return days(today, due) <= warning ? 'approaching' : null;
}

function deadlineEvent(state: 'missed' | 'approaching', society: SocietyFacts, subject: string, deadline: Record<string, unknown> & { kind: string; due: string }, extra: Record<string, unknown>, to: NewEvent['to']): NewEvent {
  const type = state === 'missed' ? 'deadline.missed' : 'deadline.approaching';
  return { type, societyId: society.id, key: `${type}:${deadline.kind}:${subject}:${deadline.due}`, data: { societyId: society.id, societyName: society.name, deadline, ...extra }, to };
}

/** The financial years (by the calendar year they end in) that ended before today, from the one the first quarter falls in. */
function financialYearsEnded(society: SocietyFacts, today: string): { year: number; from: string; to: string }[] {
  if (!society.firstPeriod) return [];
  const { month, day } = society.fyEnd;
  const out: { year: number; from: string; to: string }[] = [];
  let end = financialYearEndOnOrAfter(quarterEnd(society.firstPeriod), month, day);
  while (end < today) {
    const year = Number(end.slice(0, 4));
    out.push({ year, from: addDays(financialYearEndIn(year - 1, month, day), 1), to: end });
    end = financialYearEndIn(year + 1, month, day);
  }
  return out;
}

/** Quarterly packages (each required type, each quarter since the first): due PACKAGE_DUE_DAYS after the quarter. */
export function packageDeadlines(society: SocietyFacts, today: string): NewEvent[] {
  if (!society.firstPeriod) return [];
  const events: NewEvent[] = [];
  for (const period of quartersEndedSince(society.firstPeriod, today)) {
    const due = addDays(quarterEnd(period), PACKAGE_DUE_DAYS);
    for (const type of society.requiredTypes) {
      if (society.committed.has(`${type} ${period}`)) continue;
      const state = deadlineState(due, today, DEADLINE_WARNING_DAYS);
      if (state) events.push(deadlineEvent(state, society, `${type}:${period}`, { kind: 'quarterly-package', due, period, packageType: type, source: `policy of this ledger: ${PACKAGE_DUE_DAYS} days after the quarter` }, {}, { societies: [society.id] }));
    }
  }
  return events;
}

/** The annual transparency report (Art. 22(1)): every required package of the year's quarters in the log within the months after its end. */
export function transparencyDeadlines(society: SocietyFacts, today: string): NewEvent[] {
  const events: NewEvent[] = [];
  for (const fy of financialYearsEnded(society, today)) {
    const due = addMonths(fy.to, society.transparencyMonths);
    const missing = quartersEndingIn(fy.from, fy.to).flatMap((period) => society.requiredTypes.filter((type) => !society.committed.has(`${type} ${period}`)).map((type) => ({ type, period })));
    if (missing.length === 0) continue;
    const state = deadlineState(due, today, DEADLINE_WARNING_DAYS);
    if (state) {
      events.push(deadlineEvent(state, society, `FY${fy.year}`, { kind: 'transparency-report', due, financialYear: fy.year, source: 'Directive 2014/26/EU Art. 22(1)' }, { missing }, { societies: [society.id] }));
    }
  }
  return events;
}

interface Totals {
  lines: number;
  amounts: Map<string, Amount>;
}

function addTo(t: Totals, g: UnpaidGroup): void {
  t.lines += g.lines;
  t.amounts.set(g.currency, add(t.amounts.get(g.currency) ?? ZERO, parseAmount(g.amount)));
}

const amountsOf = (t: Totals) => [...t.amounts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amount]) => ({ currency, amount: formatAmount(amount) }));

/**
 * Distribution within the months after the financial year of collection (Art. 13(1)):
 * for the society, a deadline approaching or missed while lines of that year are still
 * unpaid; for each rights holder, money overdue once it is missed.
 */
export function distributionDeadlines(society: SocietyFacts, unpaid: readonly UnpaidGroup[], today: string): NewEvent[] {
  const byYear = new Map<string, { total: Totals; holders: Map<string, Totals> }>();
  for (const g of unpaid) {
    if (g.societyId !== society.id) continue;
    let y = byYear.get(g.fyEnd);
    if (!y) byYear.set(g.fyEnd, (y = { total: { lines: 0, amounts: new Map() }, holders: new Map() }));
    addTo(y.total, g);
    if (g.rightsHolderId) {
      let h = y.holders.get(g.rightsHolderId);
      if (!h) y.holders.set(g.rightsHolderId, (h = { lines: 0, amounts: new Map() }));
      addTo(h, g);
    }
  }
  const events: NewEvent[] = [];
  for (const [fyEnd, y] of [...byYear.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const financialYear = Number(fyEnd.slice(0, 4));
    const due = addMonths(fyEnd, society.distributionMonths);
    const state = deadlineState(due, today, DEADLINE_WARNING_DAYS);
    if (!state) continue;
    const deadline = { kind: 'distribution', due, financialYear, source: 'Directive 2014/26/EU Art. 13(1)' };
    events.push(deadlineEvent(state, society, `FY${financialYear}`, deadline, { unpaidLines: y.total.lines, amounts: amountsOf(y.total) }, { societies: [society.id] }));
    if (state !== 'missed') continue;
    for (const [holder, h] of [...y.holders.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      events.push({
        type: 'money.overdue',
        societyId: society.id,
        key: `money.overdue:${holder}:FY${financialYear}:${due}`,
        data: { societyId: society.id, societyName: society.name, rightsHolderId: holder, financialYear, deadline: due, source: 'Directive 2014/26/EU Art. 13(1)', unpaidLines: h.lines, amounts: amountsOf(h) },
        to: { rightsHolders: [holder] },
      });
    }
  }
  return events;
}

/** Terminations, withdrawals and opt-outs taking effect within NOTICE_WARNING_DAYS: the holder and the society are told. */
export function noticesEffectiveSoon(mandates: readonly EndingMandate[], today: string): NewEvent[] {
  return mandates
    .filter((m) => m.lastDay >= today && days(today, m.lastDay) <= NOTICE_WARNING_DAYS)
    .map((m) => ({
      type: 'notice.effective-soon' as const,
      societyId: m.societyId,
      key: `notice.effective-soon:${m.mandateId}:${m.version}`,
      data: { societyId: m.societyId, mandateId: m.mandateId, rightsHolderId: m.rightsHolderId, change: m.change, category: m.category, workType: m.workType, lastDay: m.lastDay, effectiveFrom: addDays(m.lastDay, 1) },
      to: { societies: [m.societyId], rightsHolders: [m.rightsHolderId] },
    }));
}

/** Mandate requests waiting for the society's answer: approaching MANDATE_ANSWER_WARNING_DAYS before the day due, missed after it. */
export function answerDeadlines(societies: ReadonlyMap<string, SocietyFacts>, requests: readonly WaitingRequest[], today: string): NewEvent[] {
  const events: NewEvent[] = [];
  for (const r of requests) {
    const society = societies.get(r.societyId);
    if (!society) continue;
    const state = deadlineState(r.answerDueBy, today, MANDATE_ANSWER_WARNING_DAYS);
    if (!state) continue;
    const deadline = { kind: 'mandate-answer', due: r.answerDueBy, mandateId: r.mandateId, source: "Directive 2014/26/EU Art. 5(2), 6(2); the time to answer is the society's policy" };
    events.push(deadlineEvent(state, society, r.mandateId, deadline, { mandateId: r.mandateId, rightsHolderId: r.rightsHolderId, category: r.category, workType: r.workType, requestedOn: r.requestedOn }, { societies: [r.societyId], ...(state === 'missed' ? { rightsHolders: [r.rightsHolderId] } : {}) }));
  }
  return events;
}
