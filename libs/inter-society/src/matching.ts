/**
 * Inter-society matching (Directive 2014/26/EU Art. 15, 19; RULES.md): what one society
 * reports paying another (`out`) must match what the other reports receiving (`in`):
 * the same pair of societies (CISAC codes), currency and amount, on dates within a
 * tolerance. Pure: no database, so an outside verifier can run it on the published lines.
 */
import { type Amount, ZERO, add, eq, formatAmount, parseDecimal, sub } from '../../money/src/index.js';

export const MATCH_STATUSES = ['matched', 'amount-differs', 'unmatched-out', 'unmatched-in', 'counterparty-not-on-ledger'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Days two reports of one transfer may be apart by default (a parameter: no law sets it). */
export const DEFAULT_TOLERANCE_DAYS = 14;

/** One transfer as one society reports it (its lines for the transfer id, grouped). */
export interface TransferReport {
  /** The reporting society. */
  societyId: string;
  cisacCode: string;
  direction: 'in' | 'out';
  /** The other society's CISAC code, as reported. */
  counterpartyCisac: string;
  /** The other society's id, when it is on the ledger. */
  counterpartyId: string | null;
  /** The reporting society's transfer id: the reference, when both sides use the same one. */
  transferId: string;
  currency: string;
  /** Decimal string. */
  amount: string;
  /** The day paid (out) or received (in); null while only reported as due. */
  paidOn: string | null;
  fyOfCollection: number;
}

export interface MatchItem {
  status: MatchStatus;
  /** The payer's report (null: the payer reported nothing that matches). */
  outgoing: TransferReport | null;
  /** The payee's report (null: the payee reported nothing that matches). */
  incoming: TransferReport | null;
  /** incoming − outgoing, and the days between the two dates, when both sides reported. */
  difference: { currency: string; amount: string; days: number | null } | null;
  /** How the two were paired: the same transfer id, or amount and date. */
  matchedBy: 'reference' | 'amount-and-date' | 'date' | null;
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const daysBetween = (a: string | null, b: string | null): number | null => (a === null || b === null ? null : dayNumber(b) - dayNumber(a));

function item(status: MatchStatus, outgoing: TransferReport | null, incoming: TransferReport | null, matchedBy: MatchItem['matchedBy']): MatchItem {
  const difference =
    outgoing && incoming ? { currency: outgoing.currency, amount: formatAmount(sub(parseDecimal(incoming.amount), parseDecimal(outgoing.amount))), days: daysBetween(outgoing.paidOn, incoming.paidOn) } : null;
  return { status, outgoing, incoming, difference, matchedBy };
}

const sameAmount = (a: TransferReport, b: TransferReport) => eq(parseDecimal(a.amount), parseDecimal(b.amount));
const byKey = (t: TransferReport) => `${t.societyId}|${t.counterpartyCisac}|${t.transferId}|${t.currency}|${t.paidOn ?? ''}`;
const sortReports = (ts: TransferReport[]) => [...ts].sort((a, b) => (byKey(a) < byKey(b) ? -1 : byKey(a) > byKey(b) ? 1 : 0));

/**
 * Pairs every society's outgoing transfers with the counterparty's incoming ones, per
 * ordered pair of societies and currency, in three passes, each deterministic:
 *   1. the same transfer id on both sides (the reference): matched if the amounts are
 *      equal, else amount-differs;
 *   2. the exact amount, paid and received within `toleranceDays` (closest dates first);
 *   3. dates within the tolerance but another amount: amount-differs.
 * What is left is unmatched-out or unmatched-in, or counterparty-not-on-ledger when the
 * other society is not on the ledger (nothing to match against). A transfer reported only
 * as due (no date) and not named by the other side is no payment yet: it is left out.
 */
export function matchTransfers(reports: readonly TransferReport[], options: { toleranceDays: number }): MatchItem[] {
  const items: MatchItem[] = [];
  const outs = new Map<string, TransferReport[]>();
  const ins = new Map<string, TransferReport[]>();
  const cisacOf = new Map<string, string>();
  for (const r of reports) cisacOf.set(r.societyId, r.cisacCode);
  for (const r of sortReports(reports as TransferReport[])) {
    if (r.counterpartyId === null || r.counterpartyId === r.societyId) {
      items.push(item('counterparty-not-on-ledger', r.direction === 'out' ? r : null, r.direction === 'in' ? r : null, null));
      continue;
    }
    // The pair as payer → payee, and the currency.
    const key = r.direction === 'out' ? `${r.societyId}>${r.counterpartyId}|${r.currency}` : `${r.counterpartyId}>${r.societyId}|${r.currency}`;
    const map = r.direction === 'out' ? outs : ins;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  const keys = [...new Set([...outs.keys(), ...ins.keys()])].sort();
  for (const key of keys) {
    let o = [...(outs.get(key) ?? [])];
    let i = [...(ins.get(key) ?? [])];
    // 1. By reference.
    for (const out of [...o]) {
      const same = i.find((x) => x.transferId === out.transferId);
      if (!same) continue;
      items.push(item(sameAmount(out, same) ? 'matched' : 'amount-differs', out, same, 'reference'));
      o = o.filter((x) => x !== out);
      i = i.filter((x) => x !== same);
    }
    // A transfer reported only as due (no date) is not a payment yet: with no report of the
    // same id on the other side it is left out (payout.inter-society-transfer judges it).
    o = o.filter((x) => x.paidOn !== null);
    i = i.filter((x) => x.paidOn !== null);
    // 2. Exact amount, dates within the tolerance; 3. dates within the tolerance only.
    for (const pass of ['amount-and-date', 'date'] as const) {
      const candidates: { out: TransferReport; inc: TransferReport; days: number }[] = [];
      for (const out of o) {
        for (const inc of i) {
          const days = daysBetween(out.paidOn, inc.paidOn);
          if (days === null || Math.abs(days) > options.toleranceDays) continue;
          if (pass === 'amount-and-date' && !sameAmount(out, inc)) continue;
          candidates.push({ out, inc, days: Math.abs(days) });
        }
      }
      candidates.sort((a, b) => a.days - b.days || (byKey(a.out) < byKey(b.out) ? -1 : byKey(a.out) > byKey(b.out) ? 1 : byKey(a.inc) < byKey(b.inc) ? -1 : 1));
      const usedOut = new Set<TransferReport>();
      const usedIn = new Set<TransferReport>();
      for (const c of candidates) {
        if (usedOut.has(c.out) || usedIn.has(c.inc)) continue;
        usedOut.add(c.out);
        usedIn.add(c.inc);
        items.push(item(pass === 'amount-and-date' ? 'matched' : 'amount-differs', c.out, c.inc, pass));
      }
      o = o.filter((x) => !usedOut.has(x));
      i = i.filter((x) => !usedIn.has(x));
    }
    for (const out of o) items.push(item('unmatched-out', out, null, null));
    for (const inc of i) items.push(item('unmatched-in', null, inc, null));
  }
  return items;
}

/** A regulator's cell: what `from` reports paying `to`, what `to` reports receiving from `from`, per currency. */
export interface MatrixCell {
  fromSocietyId: string;
  toSocietyId: string | null;
  toCisac: string;
  currency: string;
  /** What the payer reports paying (its own view). */
  reportedOut: string;
  /** What the payee reports receiving (its own view). */
  reportedIn: string;
  /** reportedIn − reportedOut. */
  difference: string;
  counts: Record<MatchStatus, number>;
}

/** Sums the items per ordered pair of societies (payer → payee) and currency. */
export function matrixOf(items: readonly MatchItem[]): MatrixCell[] {
  const cells = new Map<string, MatrixCell & { o: Amount; i: Amount }>();
  for (const it of items) {
    const ref = it.outgoing ?? it.incoming!;
    const from = it.outgoing ? it.outgoing.societyId : it.incoming!.counterpartyId ?? `cisac:${it.incoming!.counterpartyCisac}`;
    const to = it.outgoing ? it.outgoing.counterpartyId : it.incoming!.societyId;
    const toCisac = it.outgoing ? it.outgoing.counterpartyCisac : it.incoming!.cisacCode;
    const key = `${from}|${to ?? toCisac}|${ref.currency}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        fromSocietyId: from, toSocietyId: to, toCisac, currency: ref.currency, reportedOut: '0', reportedIn: '0', difference: '0',
        counts: Object.fromEntries(MATCH_STATUSES.map((s) => [s, 0])) as Record<MatchStatus, number>, o: ZERO, i: ZERO,
      };
      cells.set(key, c);
    }
    if (it.outgoing) c.o = add(c.o, parseDecimal(it.outgoing.amount));
    if (it.incoming) c.i = add(c.i, parseDecimal(it.incoming.amount));
    c.counts[it.status] += 1;
  }
  return [...cells.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, c]) => {
      const { o, i, ...cell } = c;
      return { ...cell, reportedOut: formatAmount(o), reportedIn: formatAmount(i), difference: formatAmount(sub(i, o)) };
    });
}

/** Whether `societyId` is a side of the item: it reported it, or the other side's report names it. */
export function isSideOf(item: MatchItem, societyId: string): boolean {
  return [item.outgoing, item.incoming].some((r) => r !== null && (r.societyId === societyId || r.counterpartyId === societyId));
}
