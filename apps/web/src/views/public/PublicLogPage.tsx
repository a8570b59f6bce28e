import { useEffect, useState } from 'react';
import { type Answer, operationUrl } from '../../api/openapi';
import type { PublicSociety } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';

/**
 * The public page (no sign-in, Art. 22): every society, its latest checkpoint, who
 * cosigned it, and its transparency reports. Everything here comes from public routes.
 */
export function PublicLogPage() {
  const [societies, setSocieties] = useState<PublicSociety[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch(operationUrl('listPublicSocieties', { query: { limit: 200 } }))
      .then(async (res) => {
        if (!res.ok) throw new Error(`the ledger answered ${res.status}`);
        setSocieties(((await res.json()) as Answer<'listPublicSocieties'>).items);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <>
      <PageTitle title="Public transparency">Public transparency</PageTitle>
      <p className="muted">
        Every society's log is signed by the ledger and cosigned by independent witnesses that check it never rewrites its history. Anyone can check a
        checkpoint with <code>ledger verify</code> and read the reports below without an account.
      </p>
      {error && <p role="alert">Could not load the societies: {error}</p>}
      {!societies && !error && <p role="status">Loading…</p>}
      {societies && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Societies and their logs">
        <table data-testid="public-societies">
          <thead>
            <tr>
              <th scope="col">Society</th>
              <th scope="col">Checkpoint</th>
              <th scope="col">Cosigned by</th>
              <th scope="col">Transparency reports</th>
            </tr>
          </thead>
          <tbody>
            {societies.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  <div className="muted">
                    CISAC {s.cisacCode} · {s.country}
                  </div>
                </th>
                <td>
                  <div>
                    size <strong data-testid="public-tree-size">{s.checkpoint.treeSize}</strong>, signed {s.checkpoint.timestamp.slice(0, 19).replace('T', ' ')} UTC
                  </div>
                  <div className="muted">
                    root <code title={s.checkpoint.rootHash}>{s.checkpoint.rootHash.slice(0, 16)}…</code> ·{' '}
                    <a href={`${s.tilesPrefix}/checkpoint`}>checkpoint</a>
                  </div>
                </td>
                <td data-testid="public-cosigners">
                  {s.witnessing.cosigners.length > 0 ? (
                    <ul>
                      {s.witnessing.cosigners.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">no cosignature yet</span>
                  )}
                  <div className="muted">
                    {s.witnessing.quorum === 'none'
                        ? 'no witness quorum configured'
                        : `quorum ${s.witnessing.quorum}: ${s.witnessing.quorumMet ? 'met' : `not met${s.witnessing.witnessedSize !== null ? ` (witnessed up to size ${s.witnessing.witnessedSize})` : ''}`}`}
                    </div>
                  {s.witnessing.alarms.length > 0 && <p role="alert">Alarm: {s.witnessing.alarms.join(', ')} refused a checkpoint of this log as inconsistent.</p>}
                </td>
                <td>
                  <ul>
                    {s.transparencyReports.map((r) => (
                      <li key={r.financialYear}>
                        FY {r.financialYear}: <a href={r.url}>JSON</a> · <a href={`${r.url}&format=csv`}>CSV</a> · <a href={`${r.url}&format=pdf`}>PDF</a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </>
  );
}
