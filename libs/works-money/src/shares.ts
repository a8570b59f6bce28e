/**
 * Registered shares against the shares paid (issue 16 item 3): for one work, per right and
 * currency, each holder's share of the money distributed for the work (their gross over
 * the work's gross) against the share the works register gives them. Exact: shares are
 * compared as 100 · gross against share · total, never as rounded percentages. Pure.
 */
import { DecimalValue } from '../../money/src/index.js';

export type CwrRight = 'PR' | 'MR' | 'SR';

/**
 * The register's right a distribution line's category of rights is compared with: a
 * stated policy of the ledger, not law. Performing, communication to the public and
 * making available (a DSP's streams) are collected as performing rights (CWR "PR");
 * mechanical and reproduction as mechanical rights ("MR"); other categories (private
 * copying, performers', producers', reprography, other) are not registered per work in
 * CWR and are not compared.
 */
export const CATEGORY_RIGHTS: Readonly<Record<string, CwrRight>> = {
  performing: 'PR',
  communication: 'PR',
  'making-available': 'PR',
  mechanical: 'MR',
  reproduction: 'MR',
};

export const RIGHT_NAMES: Readonly<Record<CwrRight, string>> = { PR: 'performing', MR: 'mechanical', SR: 'synchronisation' };

/** Default tolerance, in percentage points: a policy (the Directive sets none); shares are registered to 0.01 % and money rounds to minor units. */
export const DEFAULT_SHARE_TOLERANCE_POINTS = '0.5';

/** One holder's registered share of a work for a right (percent, exact decimal string). */
export interface RegisteredShare {
  ipi: string;
  name: string;
  right: CwrRight;
  share: string;
  rightsHolderId: string | null;
}

/** Money distributed for the work to one holder (or to nobody identified: ipi null) in one category and currency. */
export interface DistributedShare {
  ipi: string | null;
  rightsHolderId: string | null;
  name: string;
  category: string;
  currency: string;
  gross: string;
  net: string;
}

export interface ShareComparison {
  right: string;
  currency: string | null;
  ipi: string | null;
  rightsHolderId: string | null;
  name: string;
  /** Percent as registered, or null when the register does not name the holder on the work. */
  registeredShare: string | null;
  /** Percent of the work's distributed gross for the right in the currency (2 decimals, half-even), or null when nothing was distributed for the right. */
  paidShare: string | null;
  gross: string;
  net: string;
  /** paidShare − registeredShare in percentage points (2 decimals), or null when either is null. */
  differencePoints: string | null;
  /** null when there is nothing to compare. */
  withinTolerance: boolean | null;
}

const dec = (s: string) => new DecimalValue(s);
const text = (d: InstanceType<typeof DecimalValue>) => (d.isZero() ? '0' : d.toFixed());
const pct = (d: InstanceType<typeof DecimalValue>) => d.toFixed(2, DecimalValue.ROUND_HALF_EVEN);

/**
 * Compares registered and paid shares. `tolerancePoints`: the largest difference, in
 * percentage points, that is not a mismatch. A registered holder paid nothing in a
 * currency the work was paid in has paidShare "0.00"; an unregistered holder paid has
 * registeredShare null (and fails, unless paid nothing). Unidentified money (ipi null)
 * is listed, not judged.
 */
export function compareShares(registered: readonly RegisteredShare[], distributed: readonly DistributedShare[], tolerancePoints: string): ShareComparison[] {
  const tolerance = dec(tolerancePoints);
  const byRight = new Map<CwrRight, Map<string, { gross: InstanceType<typeof DecimalValue>; holders: Map<string, { ipi: string | null; rightsHolderId: string | null; name: string; gross: InstanceType<typeof DecimalValue>; net: InstanceType<typeof DecimalValue> }> }>>();
  for (const d of distributed) {
    const right = CATEGORY_RIGHTS[d.category];
    if (!right) continue;
    const currencies = byRight.get(right) ?? new Map();
    byRight.set(right, currencies);
    const group = currencies.get(d.currency) ?? { gross: dec('0'), holders: new Map() };
    currencies.set(d.currency, group);
    group.gross = group.gross.plus(d.gross);
    const key = d.ipi ?? `unidentified:${d.name}`;
    const h = group.holders.get(key) ?? { ipi: d.ipi, rightsHolderId: d.rightsHolderId, name: d.name, gross: dec('0'), net: dec('0') };
    h.gross = h.gross.plus(d.gross);
    h.net = h.net.plus(d.net);
    group.holders.set(key, h);
  }
  const out: ShareComparison[] = [];
  const rights = [...new Set<CwrRight>([...registered.map((r) => r.right), ...byRight.keys()])].sort();
  for (const right of rights) {
    const reg = new Map<string, RegisteredShare>();
    for (const r of registered.filter((x) => x.right === right)) {
      const seen = reg.get(r.ipi);
      reg.set(r.ipi, seen ? { ...seen, share: text(dec(seen.share).plus(r.share)) } : r);
    }
    const currencies = byRight.get(right);
    if (!currencies || currencies.size === 0) {
      for (const r of reg.values()) out.push({ right: RIGHT_NAMES[right], currency: null, ipi: r.ipi, rightsHolderId: r.rightsHolderId, name: r.name, registeredShare: pct(dec(r.share)), paidShare: null, gross: '0', net: '0', differencePoints: null, withinTolerance: null });
      continue;
    }
    for (const [currency, group] of [...currencies.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const keys = [...new Set([...reg.keys(), ...group.holders.keys()])].sort();
      for (const key of keys) {
        const r = reg.get(key) ?? null;
        const h = group.holders.get(key) ?? null;
        const gross = h?.gross ?? dec('0');
        const paid = group.gross.isZero() ? null : gross.times(100).dividedBy(group.gross);
        const unidentified = (h?.ipi ?? r?.ipi ?? null) === null;
        let within: boolean | null = null;
        let difference: string | null = null;
        if (paid !== null && !unidentified) {
          const registeredShare = r ? dec(r.share) : dec('0');
          // |100·gross − share·total| ≤ tolerance·total, exactly.
          within = gross.times(100).minus(registeredShare.times(group.gross)).abs().lessThanOrEqualTo(tolerance.times(group.gross));
          if (!r && gross.isZero()) within = true;
          difference = pct(paid.minus(registeredShare));
        }
        out.push({
          right: RIGHT_NAMES[right],
          currency,
          ipi: h?.ipi ?? r?.ipi ?? null,
          rightsHolderId: h?.rightsHolderId ?? r?.rightsHolderId ?? null,
          name: r?.name ?? h?.name ?? '',
          registeredShare: r ? pct(dec(r.share)) : null,
          paidShare: paid === null ? null : pct(paid),
          gross: text(gross),
          net: text(h?.net ?? dec('0')),
          differencePoints: difference,
          withinTolerance: within,
        });
      }
    }
  }
  return out;
}
