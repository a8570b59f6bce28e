import type { Finding, OverviewRow, PinnedHead, Severity } from '../api/types';
import type { SignedTreeHead } from '../verify/signed-head';

/** A median payment delay in words: "45 days after the year end", "187 days before it", "no payments". */
export function describeDelay(days: number | null): string {
  if (days === null) return 'no payments';
  if (days === 0) return 'on the year end';
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'after' : 'before'} the year end`;
}

/** A percent decimal string for reading ("12.00 %"), or a dash when there is none. */
export function percent(value: string | null): string {
  return value === null ? '—' : `${value} %`;
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Findings to read: failed ones first, the most severe first, then by rule id. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => Number(a.passed) - Number(b.passed) || (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.rule.localeCompare(b.rule),
  );
}

/** A pinned head as a signed tree head to verify, or null for an empty log (nothing signed to check). */
export function pinnedAsSignedHead(head: PinnedHead): SignedTreeHead | null {
  if (head.rootHash === null || head.timestamp === null || head.signature === null || head.keyId === null) return null;
  return {
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    ...(head.origin !== null ? { origin: head.origin } : {}),
    signature: head.signature,
    keyId: head.keyId,
  };
}

/** The log's witnessing in words: behind its quorum (and up to which size it is witnessed), an alarm, or who cosigned its latest head. */
export function witnessingText(w: OverviewRow['witnessing']): string {
  if (!w.configured) return 'no witnesses configured';
  const alarm = w.alarms.length > 0 ? `alarm: ${w.alarms.join(', ')} refused a checkpoint as inconsistent` : '';
  if (w.behindQuorum) {
    const behind = `behind its witness quorum (${w.quorum}): head ${w.treeSize}, ${w.witnessedSize === null ? 'never witnessed' : `witnessed up to ${w.witnessedSize}`}`;
    return alarm ? `${behind}; ${alarm}` : behind;
  }
  if (alarm) return alarm;
  if (w.treeSize === 0) return 'empty log';
  return `head ${w.treeSize} cosigned by ${w.cosigners.join(', ')}`;
}
