import { type ReactNode, useEffect, useState } from 'react';
import type { ApiError } from '../../api/problem';
import { isFinished, type Submission } from '../../api/types';
import { Fields } from '../../components/Fields';
import { InputProblemsTable, ProblemMessage } from '../../components/ProblemMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { useSession } from '../../session';
import { packageTypeName } from '../../format/works';
import { formatDateTime, formatInteger, msg, t } from '../../i18n';

const POLL_MS = 1000;

const STATUS_TEXT: Record<Submission['status'], string> = {
  queued: msg('Queued: waiting to be validated'),
  validating: msg('Validating'),
  rejected: msg('Rejected: nothing was recorded; fix the lines below and upload again'),
  committed: msg('Committed to the ledger'),
  superseded: msg('Superseded by a later submission for the same period'),
  failed: msg('Failed: the ledger could not process this package (not a problem in it); nothing was recorded. Upload it again, or tell the ledger operator'),
};

/**
 * One submission's status, polled until validation finishes: the validation progress,
 * then either the commit (rows and Merkle root) or the table of errors by line and column.
 */
export function SubmissionStatus({ submissionId, onFinished }: { submissionId: string; onFinished?(s: Submission): void }) {
  const { api } = useSession();
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const s = await api.submission(submissionId);
        if (stopped) return;
        setSubmission(s);
        setError(null);
        if (isFinished(s.status)) onFinished?.(s);
        else timer = window.setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) setError(e as ApiError);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
    // onFinished is a notification only; re-polling on its identity would loop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, submissionId]);

  if (error) return <ProblemMessage error={error} heading={t('Could not read the submission')} />;
  if (!submission)
    return (
      <p className="muted" role="status">
        {t('Reading the submission…')}
      </p>
    );
  const finished = isFinished(submission.status);
  return (
    <div className="submission-status" data-status={submission.status}>
      <p role="status" className={`status status-${submission.status}`}>
        <strong>{t(STATUS_TEXT[submission.status])}</strong>
      </p>
      {!finished && (
        <ProgressBar
          label={submission.phase ? t('Processing: {phase}', { phase: t(submission.phase) }) : t('Processing')}
          value={submission.status === 'queued' ? null : submission.progress}
        />
      )}
      <Fields
        rows={[
          [t('Submission'), <code>{submission.id}</code>],
          [t('Package'), submission.period ? `${packageTypeName(submission.type)}, ${submission.period}` : packageTypeName(submission.type)],
          [t('Rows'), submission.rows === null ? t('not counted yet') : formatInteger(submission.rows)],
          ...(submission.receivedAt ? ([[t('Received'), formatDateTime(submission.receivedAt)]] as [string, ReactNode][]) : []),
          [t('Errors'), formatInteger(submission.errorCount)],
          ...(submission.failure ? ([[t('Reason'), submission.failure]] as [string, ReactNode][]) : []),
          ...(submission.root ? ([[t('Merkle root'), <code className="hash">{submission.root}</code>]] as [string, ReactNode][]) : []),
        ]}
      />
      {submission.errors.length > 0 && (
        <InputProblemsTable
          caption={
            submission.errorCount > submission.errors.length
              ? t('Validation errors: the first {shown} of {total}', { shown: formatInteger(submission.errors.length), total: formatInteger(submission.errorCount) })
              : t('Validation errors: {count}', { count: formatInteger(submission.errorCount) })
          }
          problems={submission.errors}
        />
      )}
    </div>
  );
}
