import { PageTitle } from '../components/PageTitle';
import { Link } from '../router';

/**
 * What a signed-in person sees on a page that is not theirs: the API answers 404 for
 * another tenant's data (it does not confirm the data exists), and so does this page.
 */
export function NotAvailable({ what }: { what: string }) {
  return (
    <>
      <PageTitle title="Not available">Not available to you</PageTitle>
      <p className="refusal" role="alert">
        {what} is not available to you: it belongs to someone else, or it does not exist.
      </p>
      <p>
        <Link to="/">Back to your overview</Link>
      </p>
    </>
  );
}
