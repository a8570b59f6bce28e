import { listSubmissions } from '../../api/submissions';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { UploadForm } from './UploadForm';

/** A society's submissions: the upload form and the status of each submission. */
export function SubmissionsPage({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const list = useApi(() => listSubmissions(api, societyId), [api, societyId]);

  return (
    <>
      <PageTitle title="Submissions">Quarterly submissions</PageTitle>
      <UploadForm societyId={societyId} onUploaded={list.reload} />
      <section aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">Submissions</h2>
        <Loader loaded={list} what="the submissions">
          {({ source, items }) => (
            <>
              {source === 'this-tab' && <p className="muted">Showing the submissions sent from this browser tab; open one by its link to follow it.</p>}
              {items.length === 0 ? (
                <p>No submissions yet.</p>
              ) : (
                <TableScroll label="Submissions">
                  <table className="stack">
                    <caption>{items.length} submission{items.length === 1 ? '' : 's'}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Quarter</th>
                        <th scope="col">Type</th>
                        <th scope="col">Status</th>
                        <th scope="col" className="num">
                          Rows
                        </th>
                        <th scope="col" className="num">
                          Errors
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...items]
                        // Newest quarter first; within a quarter, the latest received first.
                        .sort((a, b) => b.period.localeCompare(a.period) || (b.receivedAt ?? '').localeCompare(a.receivedAt ?? ''))
                        .map((s) => (
                        <tr key={s.id}>
                          <th scope="row" data-label="Quarter">
                            <Link to={`/submissions/${s.id}`}>{s.period}</Link>
                          </th>
                          <td data-label="Type">{s.type}</td>
                          <td data-label="Status">
                            <span className={`status status-${s.status}`}>{s.status}</span>
                          </td>
                          <td className="num" data-label="Rows">{s.rows ?? ''}</td>
                          <td className="num" data-label="Errors">{s.errorCount}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </>
          )}
        </Loader>
      </section>
    </>
  );
}
