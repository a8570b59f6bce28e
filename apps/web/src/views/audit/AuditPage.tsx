import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { Audit, Finding, PinnedHead, Society } from '../../api/types';
import { BarChart } from '../../components/BarChart';
import { FAILED_COLOR, PASSED_COLOR } from '../../components/chart-style';
import { Fields, TableScroll } from '../../components/Fields';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { saveBlob } from '../../download';
import { orderFindings, pinnedAsSignedHead } from '../../format/audit';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { bytesToHex } from '../../verify/encoding';
import { sha256 } from '../../verify/merkle';
import { type HeadVerdict, verifySignedHead } from '../../verify/signed-head';
import { NotAvailable } from '../NotAvailable';
import { EvidenceLines } from './EvidenceLines';
import { formatDateTime, msg, t } from '../../i18n';

const POLL_MS = 1000;

const STATUS_TEXT: Record<Audit['status'], string> = {
  queued: msg('Queued: waiting to run'),
  running: msg('Running: reading the logs at their signed heads'),
  done: msg('Done'),
  failed: msg('The audit could not be completed'),
};

/**
 * One audit, followed until it is done: its findings (failed first, most severe first,
 * each with its legal source, verdict and evidence), the signed heads it read (their
 * signatures checked in this browser), and its report as JSON (its SHA-256 checked
 * against the audit's), CSV or PDF.
 */
export function AuditPage({ auditId }: { auditId: string }) {
  const { api } = useSession();
  const [audit, setAudit] = useState<Audit | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const a = await api.audit(auditId);
        if (stopped) return;
        setAudit(a);
        if (a.status === 'queued' || a.status === 'running') timer = window.setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, auditId]);

  if (error) return error.isRefusal ? <NotAvailable what={t('This audit')} /> : <ProblemMessage error={error} heading={t('Could not read the audit')} />;
  if (!audit) {
    return (
      <p className="muted" role="status">
        {t('Reading the audit…')}
      </p>
    );
  }
  return <AuditView audit={audit} />;
}

function AuditView({ audit }: { audit: Audit }) {
  const { api } = useSession();
  const society = useApi<Society | null>(() => api.society(audit.societyId).catch(() => null), [api, audit.societyId]);
  const name = society.state === 'ok' && society.data ? society.data.name : t('a society');
  const running = audit.status === 'queued' || audit.status === 'running';
  return (
    <>
      <PageTitle title={t('Audit {year}', { year: audit.financialYear })}>{t('Audit of {society}, financial year {year}', { society: name, year: audit.financialYear })}</PageTitle>
      <p role="status" className={`status status-audit-${audit.status}`} data-testid="audit-status">
        <strong>{t(STATUS_TEXT[audit.status])}</strong>
        {audit.status === 'done' && audit.summary && t(': {passed} of {rules} rules passed, {failed} failed', { passed: audit.summary.passed, rules: audit.summary.rules, failed: audit.summary.failed })}
      </p>
      {running && <ProgressBar label={t('Audit in progress')} value={null} />}
      {audit.status === 'failed' && <ProblemMessage error={new ApiError(0, t('Audit failed'), audit.error ?? t('no reason given'))} heading={t('The audit failed')} />}
      <Fields
        rows={[
          [t('Audit'), <code className="hash">{audit.id}</code>],
          [t('Rules'), `${audit.rules.length}`],
          [t('Requested'), t('{time} by {who}', { time: formatDateTime(audit.createdAt), who: audit.requestedBy })],
          [t('Finished'), audit.finishedAt ? formatDateTime(audit.finishedAt) : t('not yet')],
          ...(audit.reportSha256 ? ([[t('Report SHA-256'), <code className="hash">{audit.reportSha256}</code>]] as [string, ReactNode][]) : []),
        ]}
      />
      {audit.status === 'done' && (
        <>
          <ReportDownloads audit={audit} />
          <Findings findings={audit.findings} />
        </>
      )}
      {audit.heads && audit.heads.length > 0 && <PinnedHeads heads={audit.heads} />}
    </>
  );
}

function ReportDownloads({ audit }: { audit: Audit }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [hashCheck, setHashCheck] = useState<{ ok: boolean; hash: string } | null>(null);
  const download = async (format: 'json' | 'csv' | 'pdf') => {
    setBusy(format);
    setError(null);
    try {
      const blob = await api.auditReport(audit.id, format);
      if (format === 'json') {
        // The JSON report is canonical: its SHA-256 must be the audit's reportSha256.
        const hash = bytesToHex(await sha256(new Uint8Array(await blob.arrayBuffer())));
        setHashCheck({ ok: hash === audit.reportSha256, hash });
      }
      saveBlob(blob, `audit-${audit.financialYear}-${audit.id}.${format}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Download failed'), String(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('Report')}</h2>
      <div className="downloads">
        {(['json', 'csv', 'pdf'] as const).map((f) => (
          <button key={f} type="button" className="secondary" onClick={() => download(f)} disabled={busy !== null}>
            {busy === f ? t('Preparing the {format}…', { format: f.toUpperCase() }) : t('Download {format}', { format: f.toUpperCase() })}
          </button>
        ))}
      </div>
      {hashCheck && (
        <p className={hashCheck.ok ? 'notice' : 'problem'} role="status" data-testid="report-hash">
          {hashCheck.ok
            ? t("✓ The JSON report's SHA-256 ({hash}) is the audit's: it is the report the audit recorded.", { hash: hashCheck.hash })
            : t("✗ The JSON report's SHA-256 ({hash}) is not the audit's ({expected}).", { hash: hashCheck.hash, expected: audit.reportSha256 ?? '' })}
        </p>
      )}
      {error && <ProblemMessage error={error} heading={t('The download failed')} />}
    </section>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  const ordered = orderFindings(findings);
  const failed = ordered.filter((f) => !f.passed);
  const bySeverity = (['high', 'medium', 'low'] as const).map((s) => ({ s, failed: failed.filter((f) => f.severity === s).length, passed: findings.filter((f) => f.passed && f.severity === s).length }));
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t('Findings')}</h2>
      <BarChart
        caption={t('Rules by severity: failed and passed')}
        description={bySeverity.map((x) => t('{severity}: {failed} failed, {passed} passed', { severity: t(x.s), failed: x.failed, passed: x.passed })).join('; ')}
        labels={bySeverity.map((x) => t(x.s))}
        series={[
          { label: t('Failed'), values: bySeverity.map((x) => x.failed), color: FAILED_COLOR },
          { label: t('Passed'), values: bySeverity.map((x) => x.passed), color: PASSED_COLOR },
        ]}
        stacked
        horizontal
        valueLabel={t('Rules')}
      />
      <TableScroll label={t('Findings')}>
        <table className="stack findings">
          <caption>
            {t('{rules} rules, {failed} failed; failed first, the most severe first', { rules: findings.length, failed: failed.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('Rule')}</th>
              <th scope="col">{t('Severity')}</th>
              <th scope="col">{t('Verdict')}</th>
              <th scope="col">{t('Details')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((f) => (
              <tr key={f.rule} className={f.passed ? undefined : 'row-differs'} data-rule={f.rule}>
                <th scope="row" data-label={t('Rule')}>
                  <span>
                    {t(f.title)}
                    <br />
                    <code className="small">{f.rule}</code>
                    <br />
                    <span className="muted small">{t(f.source)}</span>
                  </span>
                </th>
                <td data-label={t('Severity')}>{t(f.severity)}</td>
                <td data-label={t('Verdict')} className="nowrap">
                  {f.passed ? <span className="badge badge-ok">{t('✓ passed')}</span> : <span className="badge badge-bad">{t('✗ failed')}</span>}
                </td>
                <td data-label={t('Details')}>
                  <span>
                    {/* The rule's details as the report holds them, in English (part of the hashed report). */}
                    <span lang="en">{f.details}</span>
                    {Object.keys(f.evidence).length > 0 && (
                      <details>
                        <summary>{t('Evidence')}</summary>
                        <pre className="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
                      </details>
                    )}
                  </span>
                  <EvidenceLines evidence={f.evidence} rule={f.rule} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The heads the audit read, each signature checked in this browser against the published keys. */
function PinnedHeads({ heads }: { heads: PinnedHead[] }) {
  const { api } = useSession();
  const checked = useApi<HeadVerdict[]>(async () => {
    const { keys } = await api.logKeys();
    return Promise.all(heads.map((h) => pinnedAsSignedHead(h)).map((h) => (h ? verifySignedHead(h, keys) : Promise.resolve<HeadVerdict>({ ok: false, reason: t('empty log') }))));
    // The page polls the audit: re-check only when the heads themselves change.
  }, [api, JSON.stringify(heads)]);
  return (
    <section aria-labelledby="heads-heading">
      <h2 id="heads-heading">{t('Signed heads the audit read')}</h2>
      <TableScroll label={t('Signed heads the audit read')}>
        <table className="stack">
          {/* A society is shown its own head only; regulators and admins every head the audit read. */}
          <caption>{heads.length === 1 ? t("The society's log as it stood when the audit started") : t("Every society's log as it stood when the audit started")}</caption>
          <thead>
            <tr>
              <th scope="col">{t('CISAC')}</th>
              <th scope="col" className="num">
                {t('Size')}
              </th>
              <th scope="col">{t('Root hash')}</th>
              <th scope="col">{t('Signed at')}</th>
              <th scope="col">{t('Signature')}</th>
            </tr>
          </thead>
          <tbody>
            {heads.map((h, i) => {
              const verdict = checked.state === 'ok' ? checked.data[i] : null;
              return (
                <tr key={h.societyId}>
                  <th scope="row" data-label={t('CISAC')}>
                    {h.cisacCode}
                  </th>
                  <td className="num" data-label={t('Size')}>
                    {h.treeSize}
                  </td>
                  <td data-label={t('Root hash')}>
                    <code className="hash small">{h.rootHash ?? t('empty log')}</code>
                  </td>
                  <td className="nowrap" data-label={t('Signed at')}>
                    {h.timestamp ?? '—'}
                  </td>
                  <td data-label={t('Signature')}>
                    {h.rootHash === null ? '—' : verdict === null ? t('checking…') : verdict.ok ? <span className="badge badge-ok">{t('✓ verified')}</span> : <span className="badge badge-bad">✗ {verdict.reason}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
