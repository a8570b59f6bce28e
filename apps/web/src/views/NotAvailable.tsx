import { PageTitle } from '../components/PageTitle';
import { Link } from '../router';
import { t } from '../i18n';

/**
 * What a signed-in person sees on a page that is not theirs: the API answers 404 for
 * another tenant's data (it does not confirm the data exists), and so does this page.
 */
export function NotAvailable({ what }: { what: string }) {
  return (
    <>
      <PageTitle title={t('Not available')}>{t('Not available to you')}</PageTitle>
      <p className="refusal" role="alert">
        {t('{what} is not available to you: it belongs to someone else, or it does not exist.', { what })}
      </p>
      <p>
        <Link to="/">{t('Back to your overview')}</Link>
      </p>
    </>
  );
}
