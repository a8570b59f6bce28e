import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router';
import { useSession } from '../../session';
import { SubmissionStatus } from './SubmissionStatus';
import { t } from '../../i18n';

/** One submission on its own page (a link to share or reopen), followed until it finishes. */
export function SubmissionPage({ submissionId }: { submissionId: string }) {
  const { me } = useSession();
  return (
    <>
      <PageTitle title={t('Submission')}>{t('Submission')}</PageTitle>
      {me.role === 'society' && (
        <p>
          <Link to="/society/submissions">{t('All submissions')}</Link>
        </p>
      )}
      <SubmissionStatus submissionId={submissionId} />
    </>
  );
}
