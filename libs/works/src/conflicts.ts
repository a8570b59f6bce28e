/**
 * Conflicts between registrations of one work (CISAC transaction status CO: "has passed
 * all validity checks, but does not agree with information previously submitted from
 * another supplier", CWR 2.x Lookup Table CWR08-3615R1 and User Manual CWR19-0479 §5.1).
 * The register compares a new registration with the current registration of every other
 * submitter of the same work (the latest version each sent) and finds:
 *
 * - `shares-over-100`: for a right (PR, MR, SR) in a country, the controlled collection
 *   shares (SPT + SWT: what each submitter says it collects) of the registrations add up
 *   to more than 100 % beyond the specification's tolerance of 0.06 % — the collection
 *   edit the specification applies within one transaction (CWR 2.2 NWR edit T014, and
 *   T044 for all parties) applied across the submitters' registrations. Territories are
 *   CISAC TIS codes counted per country (a group counts for every country in it); each
 *   party's territory records apply in order (an inclusion sets its share, an exclusion
 *   removes the countries), as libs/cwr does within a transaction.
 * - `writers-differ`: both registrations name writers by IPI name number and the sets of
 *   writers differ (a work is the same work only with the same writers).
 *
 * A registration from the same submitter replaces its earlier one (a REV) and is never
 * in conflict with it. Pure: no database.
 */
import { type CwrWork, type Right, RIGHTS, SHARE_TOLERANCE, tisCountries, TIS_WORLD } from '../../cwr/src/index.js';
import { hundredths, percentText } from './registration.js';

export type ConflictReason = 'shares-over-100' | 'writers-differ' | 'iswc-taken';
export const CONFLICT_REASONS: readonly ConflictReason[] = ['shares-over-100', 'writers-differ', 'iswc-taken'];

export interface Registration {
  readonly version: number;
  readonly submitter: string;
  readonly work: CwrWork;
}

export interface FoundConflict {
  readonly reason: ConflictReason;
  /** The versions of the work the new registration conflicts with. */
  readonly otherVersions: readonly number[];
  readonly right: Right | null;
  /** The TIS code the total is over in: a country, or 2136 WORLD when over everywhere. */
  readonly tis: string | null;
  /** Percent, exact ("150.00"). */
  readonly total: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

const WORLD_SIZE = tisCountries(TIS_WORLD).length;

/** Per right, each country's controlled collection share of a registration, in hundredths. */
export function controlledCollection(work: CwrWork): Record<Right, Map<string, number>> {
  const totals = { PR: new Map<string, number>(), MR: new Map<string, number>(), SR: new Map<string, number>() };
  const parties = [...work.publishers.filter((p) => p.controlled), ...work.writers.filter((w) => w.controlled)];
  for (const p of parties) {
    const mine = { PR: new Map<string, number>(), MR: new Map<string, number>(), SR: new Map<string, number>() };
    for (const t of p.territories) {
      if (!t.controlled) continue;
      const countries = tisCountries(t.tis);
      for (const right of RIGHTS) {
        const share = hundredths(t.shares[right]);
        for (const c of countries) {
          if (t.include) mine[right].set(c, share);
          else mine[right].delete(c);
        }
      }
    }
    for (const right of RIGHTS) for (const [c, h] of mine[right]) if (h > 0) totals[right].set(c, (totals[right].get(c) ?? 0) + h);
  }
  return totals;
}

function writerIpis(work: CwrWork): Set<string> {
  return new Set(work.writers.flatMap((w) => (w.ipiNameNumber ? [w.ipiNameNumber] : [])));
}

/** The conflicts of a new registration with the current registrations of other submitters. */
export function conflictsOf(candidate: { readonly submitter: string; readonly work: CwrWork }, current: readonly Registration[]): FoundConflict[] {
  const others = current.filter((r) => r.submitter !== candidate.submitter);
  if (others.length === 0) return [];
  const found: FoundConflict[] = [];

  const mine = controlledCollection(candidate.work);
  const theirs = others.map((r) => ({ r, shares: controlledCollection(r.work) }));
  for (const right of RIGHTS) {
    let worst: { country: string; total: number } | null = null;
    let count = 0;
    for (const [country, own] of mine[right]) {
      const total = theirs.reduce((sum, t) => sum + (t.shares[right].get(country) ?? 0), own);
      if (total > 10000 + SHARE_TOLERANCE) {
        count++;
        if (!worst || total > worst.total) worst = { country, total };
      }
    }
    if (!worst) continue;
    const { country, total } = worst;
    const contributors = theirs.filter((t) => (t.shares[right].get(country) ?? 0) > 0);
    found.push({
      reason: 'shares-over-100',
      otherVersions: contributors.map((t) => t.r.version),
      right,
      tis: count >= WORLD_SIZE ? TIS_WORLD : country,
      total: percentText(total),
      detail: {
        countries: count,
        worstCountry: country,
        shares: [
          { version: null, submitter: candidate.submitter, share: percentText(mine[right].get(country) ?? 0) },
          ...contributors.map((t) => ({ version: t.r.version, submitter: t.r.submitter, share: percentText(t.shares[right].get(country) ?? 0) })),
        ],
        rule: 'controlled collection shares (SPT+SWT) of the submitters per right and country over 100% + 0.06% (CWR 2.2 edits T014/T044 across registrations)',
      },
    });
  }

  const writers = writerIpis(candidate.work);
  if (writers.size > 0) {
    const differing = others.filter((r) => {
      const other = writerIpis(r.work);
      return other.size > 0 && (other.size !== writers.size || [...other].some((ipi) => !writers.has(ipi)));
    });
    if (differing.length > 0) {
      found.push({
        reason: 'writers-differ',
        otherVersions: differing.map((r) => r.version),
        right: null,
        tis: null,
        total: null,
        detail: {
          writers: [...writers].sort(),
          others: differing.map((r) => ({ version: r.version, submitter: r.submitter, writers: [...writerIpis(r.work)].sort() })),
        },
      });
    }
  }
  return found;
}

/** A conflict in words, for the ACK's MSG record and the API. */
export function describeConflict(c: FoundConflict): string {
  if (c.reason === 'shares-over-100') {
    return `${c.right} collection shares with version(s) ${c.otherVersions.join(', ')} of other submitters total ${c.total}% in TIS ${c.tis}, over 100%`;
  }
  if (c.reason === 'writers-differ') return `writers (IPI name numbers) differ from version(s) ${c.otherVersions.join(', ')} of other submitters`;
  return `ISWC already registered for another work`;
}
