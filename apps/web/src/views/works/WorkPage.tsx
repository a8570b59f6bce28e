import type { ReactNode } from 'react';
import { getWork, type Work, type WorkConflict, type WorkVersion } from '../../api/works';
import { DataTable } from '../../components/DataTable';
import { Fields } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import {
  ackStatusName,
  conflictText,
  isAccepted,
  partyRole,
  rightName,
  type ShareRow,
  shareRows,
  shownIswc,
  shownRightShares,
  shownSubmitter,
  transactionTypeName,
  versionFromSearch,
  workVersionPath,
  worksPath,
} from '../../format/works';
import { formatDateTime, formatInteger, t } from '../../i18n';
import { Link, useSearch } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { WorkMoneySection } from './WorkMoney';

/**
 * One work of the register (issue 16): what it is (title, ISWC, other titles, recordings),
 * its conflicts with other registrations (flagged first, in words and ⚠, never by colour
 * alone), every registration of it (version, transaction, who registered it, from which
 * submission and what the ACK said), the shares a registration gives per party, right
 * and territory (`?version=N` shows an earlier or another submitter's one), and the money
 * it earned in a financial year, from the platforms' reports to the holders' payouts.
 */
export function WorkPage({ workId }: { workId: string }) {
  const { api } = useSession();
  const version = versionFromSearch(useSearch());
  const work = useApi(() => getWork(api, workId, version), [api, workId, version]);
  const title = work.state === 'ok' ? t('Work: {title}', { title: work.data.title }) : t('Work');
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to={worksPath()}>{t('All works')}</Link>
      </p>
      <Loader loaded={work} what={t('the work')} refusal={<p role="alert">{t('Not available to you')}</p>}>
        {(w) => <WorkDetails work={w} />}
      </Loader>
    </>
  );
}

function WorkDetails({ work: w }: { work: Work }) {
  // Packages are the societies' and the regulator's: a rights holder reads where a registration came from, without a link.
  const { me } = useSession();
  const packages = me.role !== 'rights-holder';
  // A submitter is named by its IPI; the parties of the version shown name the publishers among them.
  const names = new Map(w.parties.flatMap((p) => (p.ipiNameNumber ? [[p.ipiNameNumber, p.name] as const] : [])));
  const submitter = (s: string) => (names.has(s) ? `${names.get(s)} (${shownSubmitter(s)})` : shownSubmitter(s));
  const others = w.titles.filter((x) => x.titleType !== 'OT');
  const shown = w.versions.find((v) => v.version === w.version);
  const byVersion = new Map(w.versions.map((v) => [v.version, v]));
  return (
    <>
      <Fields
        rows={[
          [t('ISWC'), <code>{shownIswc(w.iswc)}</code>],
          [t('Registered by'), submitter(w.submitter)],
          [t('Submitter work number'), w.submitterWorkNumber || '—'],
          [t("The society's work number"), w.number],
          ...(others.length > 0 ? ([[t('Other titles'), others.map((x) => x.title).join('; ')]] as [string, ReactNode][]) : []),
          ...(w.recordings.length > 0
            ? ([[t('Recordings'), w.recordings.map((r) => [r.recordingTitle, r.isrc && `ISRC ${r.isrc}`, r.label].filter(Boolean).join(', ')).join('; ')]] as [string, ReactNode][])
            : []),
          [
            t('Shown'),
            w.version === w.currentVersion
              ? t('version {version}, the current one', { version: formatInteger(w.version) })
              : t('version {version}; the current one is {current}', { version: formatInteger(w.version), current: formatInteger(w.currentVersion) }),
          ],
          ...(w.currentVersions.length > 1
            ? ([
                [
                  t('Current registrations'),
                  <span>
                    {w.currentVersions.map((v, i) => (
                      <span key={v}>
                        {i > 0 && '; '}
                        <Link to={workVersionPath(w.id, v)} aria-current={v === w.version ? 'page' : undefined}>
                          {t('version {version}', { version: formatInteger(v) })}
                        </Link>{' '}
                        ({byVersion.get(v) ? submitter(byVersion.get(v)!.submitter) : '—'})
                      </span>
                    ))}
                  </span>,
                ],
              ] as [string, ReactNode][])
            : []),
        ]}
      />
      <Conflicts work={w} conflicts={w.conflicts} packages={packages} />
      <section aria-labelledby="registrations-heading">
        <h2 id="registrations-heading">{t('Registration history')}</h2>
        <DataTable<WorkVersion>
          label={t('Registration history')}
          testId="registrations"
          caption={t.plural(w.versions.length, '{n} registration, newest first', '{n} registrations, newest first')}
          rows={[...w.versions].sort((a, b) => b.version - a.version)}
          rowKey={(v) => String(v.version)}
          rowClass={(v) => (isAccepted(v.status) ? undefined : 'row-differs')}
          columns={[
            {
              label: t('Version'),
              cell: (v) => (
                <Link to={workVersionPath(w.id, v.version)} aria-current={v.version === w.version ? 'page' : undefined}>
                  {formatInteger(v.version)}
                </Link>
              ),
              num: true,
            },
            { label: t('Transaction'), cell: (v) => transactionTypeName(v.transactionType) },
            { label: t('Registered'), cell: (v) => formatDateTime(v.recordedAt), nowrap: true },
            { label: t('Registered by'), cell: (v) => submitter(v.submitter) },
            { label: t('Title as registered'), cell: (v) => v.title },
            {
              label: t('From submission'),
              cell: (v) =>
                packages ? (
                  <Link to={`/submissions/${encodeURIComponent(v.submissionId)}`}>{t('CWR file, line {line}', { line: formatInteger(v.line) })}</Link>
                ) : (
                  t('CWR file, line {line}', { line: formatInteger(v.line) })
                ),
            },
            { label: t('ACK status'), cell: (v) => (isAccepted(v.status) ? `✓ ${ackStatusName(v.status)}` : `⚠ ${ackStatusName(v.status)}`) },
          ]}
        />
      </section>
      <section aria-labelledby="shares-heading">
        <h2 id="shares-heading">{shown && w.version !== w.currentVersion ? t('Shares of version {version}', { version: formatInteger(w.version) }) : t('Current shares')}</h2>
        <p className="hint">
          {t('A party owns a share of the work for each right, and collects a share of it in each territory it names (CWR SPT and SWT records).')}
        </p>
        <DataTable<ShareRow>
          label={t('Shares')}
          testId="shares"
          caption={t('Shares per party and territory, each right owned and collected')}
          rows={shareRows(w.parties)}
          rowKey={(s, i) => `${s.partyNo}/${s.territory}/${i}`}
          empty={t('No share is registered.')}
          columns={[
            {
              label: t('Party'),
              cell: (s) => (
                <>
                  {s.ipi ? (
                    <Link to={worksPath({ ipi: s.ipi })} title={t('Works of this IPI')}>
                      {s.name}
                    </Link>
                  ) : (
                    s.name
                  )}
                  <span className="share-party">
                    {partyRole(s.kind, s.role)}
                    {s.controlled ? '' : `, ${t('not controlled by the submitter')}`}
                    {s.ipi && (
                      <>
                        {' · IPI '}
                        <code>{s.ipi}</code>
                      </>
                    )}
                  </span>
                </>
              ),
            },
            { label: t('Territory'), cell: (s) => `${s.include ? '' : `${t('excluding')} `}${s.territory}` },
            { label: rightName('PR'), cell: (s) => shownRightShares(s.rights.PR) },
            { label: rightName('MR'), cell: (s) => shownRightShares(s.rights.MR) },
            { label: rightName('SR'), cell: (s) => shownRightShares(s.rights.SR) },
          ]}
        />
      </section>
      <WorkMoneySection work={w} />
    </>
  );
}

/** The work's conflicts with other registrations, above the rest, marked ⚠ in words too. */
function Conflicts({ work, conflicts, packages }: { work: Work; conflicts: readonly WorkConflict[]; packages: boolean }) {
  if (conflicts.length === 0)
    return (
      <p className="badge badge-ok" data-testid="no-conflict">
        ✓ {t('No conflict with another registration')}
      </p>
    );
  return (
    <section className="warning" aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h2 id="conflicts-heading">⚠ {t.plural(conflicts.length, '{n} conflict with another registration', '{n} conflicts with other registrations')}</h2>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            {conflictText(c)}{' '}
            <span className="muted">
              {t('Found {at} in version {version}', { at: formatDateTime(c.detectedAt), version: formatInteger(c.version) })}
              {c.otherVersions.length > 0 && (
                <>
                  {'; '}
                  {t('against')}{' '}
                  {c.otherVersions.map((v, i) => (
                    <span key={v}>
                      {i > 0 && ', '}
                      <Link to={workVersionPath(work.id, v)}>{t('version {version}', { version: formatInteger(v) })}</Link>
                    </span>
                  ))}
                </>
              )}
              {'.'}
              {packages && (
                <>
                  {' '}
                  <Link to={`/submissions/${encodeURIComponent(c.submissionId)}`}>{t('The CWR file and its ACK')}</Link>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
