import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/** Every registered rights holder (regulators and admins), each linking to its page. */
export function RightsHoldersList() {
  const { api } = useSession();
  const loaded = useApi(() => api.rightsHolders(), [api]);
  return (
    <>
      <PageTitle title="Rights holders">Rights holders</PageTitle>
      <Loader loaded={loaded} what="the rights holders">
        {(holders) => (
          <TableScroll label="Rights holders">
            <table className="stack">
              <caption>{holders.length} registered rights holders</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">IPI</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Country</th>
                </tr>
              </thead>
              <tbody>
                {[...holders]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((h) => (
                    <tr key={h.id}>
                      <th scope="row" data-label="Name">
                        <Link to={`/rights-holders/${h.id}`}>{h.name}</Link>
                      </th>
                      <td data-label="IPI">
                        <code>{h.ipi ?? ''}</code>
                      </td>
                      <td data-label="Kind">{h.kind}</td>
                      <td data-label="Country">{h.country ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Loader>
    </>
  );
}
