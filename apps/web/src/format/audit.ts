import type { Finding, OverviewRow, PinnedHead, Severity } from '../api/types';
import type { SignedTreeHead } from '../verify/signed-head';
import { formatPercent, t } from '../i18n';

/** A median payment delay in words: "45 days after the year end", "187 days before it", "no payments". */
export function describeDelay(days: number | null): string {
  if (days === null) return t('no payments');
  if (days === 0) return t('on the year end');
  const n = Math.abs(days);
  return days > 0 ? t.plural(n, '{n} day after the year end', '{n} days after the year end') : t.plural(n, '{n} day before the year end', '{n} days before the year end');
}

/** A percent decimal string for reading ("12.00 %", "12,00 %"), or a dash when there is none. */
export function percent(value: string | null): string {
  return value === null ? '—' : formatPercent(value);
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
  if (!w.configured) return t('no witnesses configured');
  const alarm = w.alarms.length > 0 ? t('alarm: {witnesses} refused a checkpoint as inconsistent', { witnesses: w.alarms.join(', ') }) : '';
  if (w.behindQuorum) {
    const behind = t('behind its witness quorum ({quorum}): head {size}, {witnessed}', {
      quorum: w.quorum,
      size: w.treeSize,
      witnessed: w.witnessedSize === null ? t('never witnessed') : t('witnessed up to {size}', { size: w.witnessedSize }),
    });
    return alarm ? `${behind}; ${alarm}` : behind;
  }
  if (alarm) return alarm;
  if (w.treeSize === 0) return t('empty log');
  return t('head {size} cosigned by {cosigners}', { size: w.treeSize, cosigners: w.cosigners.join(', ') });
}
