import { useState } from 'react';
import type { Submission } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { packageTypeName } from '../../format/works';
import { t } from '../../i18n';
import { Link } from '../../router';
import { useSession } from '../../session';
import { SubmissionDrill } from './SubmissionDrill';
import { SubmissionStatus } from './SubmissionStatus';

/**
 * One submission on its own page (a link to share or reopen), followed until it finishes;
 * then the package and its errors to download, what it changed against the package it
 * replaced, and its lines (SubmissionDrill).
 */
export function SubmissionPage({ submissionId }: { submissionId: string }) {
  const { me } = useSession();
  const [done, setFinished] = useState<Submission | null>(null);
  // After moving to another submission (its Replaces link), until that one is read.
  const finished = done?.id === submissionId ? done : null;
  return (
    <>
      <PageTitle title={t('Submission')}>{finished
          ? finished.period
            ? t('Submission: {type}, {period}', { type: packageTypeName(finished.type), period: finished.period })
            : t('Submission: {type}', { type: packageTypeName(finished.type) })
          : t('Submission')}</PageTitle>
      {me.role === 'society' && (
        <p>
          <Link to="/society/submissions">{t('All submissions')}</Link>
        </p>
      )}
      <SubmissionStatus key={submissionId} submissionId={submissionId} onFinished={setFinished} />
      {finished && <SubmissionDrill key={submissionId} submission={finished} />}
    </>
  );
}
