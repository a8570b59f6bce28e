import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import { CATEGORIES, type Mandate, type MandateCategory, type MandatePolicy, type Society, type TerminationResult, WORK_TYPES, type WorkType } from '../../api/types';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { ProblemMessage } from '../../components/ProblemMessage';
import { todayIso } from '../../format/dates';
import { describeTerritories, effectiveEndPreview, mandateState, parseTerritories } from '../../format/mandates';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { formatDate, locale, t } from '../../i18n';

/**
 * A rights holder's mandates: which society manages which rights, where and until when.
 * The holder starts one with the form and ends one from its row (a termination when
 * contractual, an opt-out when not), and reads the date the society's notice gives.
 * Regulators and admins see the table only.
 */
export function MandatesSection({ rightsHolderId, societies, own }: { rightsHolderId: string; societies: Society[]; own: boolean }) {
  const { api } = useSession();
  const mandates = useApi(() => api.mandates(rightsHolderId), [api, rightsHolderId]);
  const [ended, setEnded] = useState<{ mandate: Mandate; result: TerminationResult } | null>(null);
  const today = todayIso();
  const societyName = (id: string) => societies.find((s) => s.id === id)?.name ?? id;

  return (
    <section aria-labelledby="mandates-heading">
      <h2 id="mandates-heading">{own ? t('My mandates') : t('Mandates')}</h2>
      {ended && <EndedNotice societyName={societyName(ended.mandate.societyId)} result={ended.result} />}
      <Loader loaded={mandates} what={t('the mandates')}>
        {(items) =>
          items.length === 0 ? (
            <p>{own ? t('No society holds a mandate for your rights.') : t('No society holds a mandate for these rights.')}</p>
          ) : (
            <TableScroll label={t('Mandates')}>
              <table className="stack">
                <caption>
                  {t.plural(items.length, '{n} mandate, {inForce} in force on {date}', '{n} mandates, {inForce} in force on {date}', {
                    inForce: items.filter((m) => mandateState(m, today) === 'in force').length,
                    date: formatDate(today),
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Society')}</th>
                    <th scope="col">{t('Rights')}</th>
                    <th scope="col">{t('Territories')}</th>
                    <th scope="col">{t('From')}</th>
                    <th scope="col">{t('Until')}</th>
                    <th scope="col">{t('Basis')}</th>
                    <th scope="col">{t('State')}</th>
                    {own && <th scope="col">{t('Action')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {[...items]
                    .sort((a, b) => societyName(a.societyId).localeCompare(societyName(b.societyId), locale()) || a.validFrom.localeCompare(b.validFrom))
                    .map((m) => {
                      const state = mandateState(m, today);
                      return (
                        <tr key={m.id}>
                          <th scope="row" data-label={t('Society')}>
                            {societyName(m.societyId)}
                          </th>
                          <td data-label={t('Rights')}>
                            {t(m.category)}, {t(m.workType)}
                          </td>
                          <td data-label={t('Territories')}>{describeTerritories(m)}</td>
                          <td className="nowrap" data-label={t('From')}>
                            {formatDate(m.validFrom)}
                          </td>
                          <td className="nowrap" data-label={t('Until')}>
                            {m.validTo ? formatDate(m.validTo) : t('open-ended')}
                          </td>
                          <td data-label={t('Basis')}>
                            {t(m.basis)}
                            {m.exclusive ? t(', exclusive') : ''}
                          </td>
                          <td data-label={t('State')}>{t(state)}</td>
                          {own && (
                            <td data-label={t('Action')}>
                              {(state === 'in force' || state === 'starts later') && (
                                <EndMandate
                                  mandate={m}
                                  label={t('{society}, {category}, {territories}, from {date}', { society: societyName(m.societyId), category: t(m.category), territories: describeTerritories(m), date: formatDate(m.validFrom) })}
                                  onEnded={(result) => {
                                    setEnded({ mandate: m, result });
                                    mandates.reload();
                                  }}
                                />
                              )}
                            </td>
                          )}
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Loader>
      {own && <StartMandateForm rightsHolderId={rightsHolderId} societies={societies} onStarted={mandates.reload} />}
    </section>
  );
}

function EndedNotice({ societyName, result }: { societyName: string; result: TerminationResult }) {
  return (
    <div className="notice" role="status">
      <p>
        <strong data-effective-on={result.effectiveOn}>
          {t('{society} manages {what} until {date}.', { society: societyName, what: result.kind === 'partial' ? t('what you withdrew') : t('these rights'), date: formatDate(result.effectiveOn) })}
        </strong>
      </p>
      <p>
        {t.plural(result.noticeMonths, 'Notice of {n} month given on {given} (it expires on {expires}){yearEnd}. Money for uses through {through} stays due to you.', 'Notice of {n} months given on {given} (it expires on {expires}){yearEnd}. Money for uses through {through} stays due to you.', {
          given: formatDate(result.requestedOn),
          expires: formatDate(result.noticeExpiresOn),
          yearEnd: result.alignedToFinancialYearEnd ? t(", then to the society's financial-year end") : '',
          through: formatDate(result.paymentsStayDueForUsesThrough),
        })}
      </p>
    </div>
  );
}

/**
 * "End" with a confirmation step, so a stray click or key press ends nothing. The holder
 * may withdraw only some territories (the mandate splits); before confirming it reads the
 * society's policy and the day the society would stop managing (issue 14).
 */
function EndMandate({ mandate, label, onEnded }: { mandate: Mandate; label: string; onEnded(result: TerminationResult): void }) {
  const { api } = useSession();
  const ids = { territories: useId(), hint: useId() };
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [territories, setTerritories] = useState('');
  const [territoriesError, setTerritoriesError] = useState<string | null>(null);
  const [policy, setPolicy] = useState<MandatePolicy | null>(null);
  const verb = mandate.basis === 'contractual' ? t('End') : t('Opt out');
  const confirmVerb = mandate.basis === 'contractual' ? t('end') : t('opt out');

  const open = async () => {
    setConfirming(true);
    try {
      setPolicy(await api.mandatePolicy(mandate.societyId));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Failed'), String(e)));
    }
  };

  const confirm = async () => {
    let scope: { territories?: string[] } = {};
    if (territories.trim() !== '') {
      const parsed = parseTerritories(territories);
      setTerritoriesError('error' in parsed ? parsed.error : null);
      if ('error' in parsed) return;
      scope = { territories: parsed.territories };
    }
    setBusy(true);
    setError(null);
    try {
      onEnded(await api.endMandate(mandate, scope));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Failed'), String(e)));
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="secondary" aria-label={`${verb}: ${label}`} onClick={open}>
        {verb}
      </button>
    );
  }
  const preview = policy ? effectiveEndPreview(policy, mandate.basis, todayIso()) : null;
  return (
    <div className="confirm">
      <div className="form-row">
        <label htmlFor={ids.territories}>{t('Only these territories (optional)')}</label>
        <input id={ids.territories} value={territories} onChange={(e) => setTerritories(e.target.value)} aria-describedby={ids.hint} autoComplete="off" />
        <span id={ids.hint} className="hint">
          {t('Leave empty to end all of {territories}; name countries (SE, NO) to withdraw only those', { territories: describeTerritories(mandate) })}
        </span>
        {territoriesError && <span className="field-error">{territoriesError}</span>}
      </div>
      {policy && preview ? (
        <p data-testid="effective-preview">
          {t('Notice today: the society manages until')}{' '}
          <strong>
            <time dateTime={preview.effectiveOn}>{formatDate(preview.effectiveOn)}</time>
          </strong>{' '}
          {t.plural(preview.noticeMonths, '({n} month{yearEnd}).', '({n} months{yearEnd}).', { yearEnd: preview.atYearEnd ? t(', then to its financial-year end') : '' })}{' '}
          {t("Its policy: {months} months' notice{yearEnd}; it manages {categories}; it answers requests within {days} days{optOut}.", {
            months: policy.noticeMonths,
            yearEnd: policy.terminateAtFinancialYearEnd ? t(' at the financial-year end') : '',
            categories: policy.managedCategories.map((c) => t(c)).join(', '),
            days: policy.responseDays,
            optOut: mandate.basis === 'non-contractual' ? `; ${t('opt-out: {source}', { source: policy.optOut.source })}${policy.optOut.confirmed ? '' : t(' (unconfirmed parameter)')}` : '',
          })}
        </p>
      ) : (
        <p>{t("Reading the society's policy…")}</p>
      )}
      <p>{t('{verb} now?', { verb })}</p>
      <button type="button" onClick={confirm} disabled={busy} aria-label={t('Confirm: {verb} {mandate}', { verb: confirmVerb, mandate: label })}>
        {busy ? t('Sending…') : t('Yes, {verb}', { verb: confirmVerb })}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
        {t('Cancel')}
      </button>
      {error && <ProblemMessage error={error} heading={t('Could not end the mandate')} />}
    </div>
  );
}

/** Entrust a society with a category of rights, a type of work and territories (contractual). */
function StartMandateForm({ rightsHolderId, societies, onStarted }: { rightsHolderId: string; societies: Society[]; onStarted(): void }) {
  const { api } = useSession();
  const ids = { society: useId(), category: useId(), workType: useId(), territories: useId(), territoriesHint: useId(), from: useId(), to: useId(), exclusive: useId() };
  const sorted = [...societies].sort((a, b) => a.name.localeCompare(b.name, locale()));
  const [societyId, setSocietyId] = useState(sorted[0]?.id ?? '');
  const [category, setCategory] = useState<MandateCategory>(CATEGORIES[0]);
  const [workType, setWorkType] = useState<WorkType>(WORK_TYPES[0]);
  const [territories, setTerritories] = useState('');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [validTo, setValidTo] = useState('');
  const [exclusive, setExclusive] = useState(false);
  const [territoriesError, setTerritoriesError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [started, setStarted] = useState<Mandate | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTerritories(territories);
    setTerritoriesError('error' in parsed ? parsed.error : null);
    if ('error' in parsed) return;
    setBusy(true);
    setError(null);
    setStarted(null);
    try {
      const created = await api.createMandate(rightsHolderId, {
        societyId,
        category,
        workType,
        territories: parsed.territories,
        validFrom,
        ...(validTo ? { validTo } : {}),
        basis: 'contractual',
        exclusive,
      });
      setStarted(created);
      onStarted();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, t('Failed'), String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="start-mandate-heading">
      <h3 id="start-mandate-heading">{t('Start a mandate')}</h3>
      <div className="form-grid">
        <div className="form-row">
          <label htmlFor={ids.society}>{t('Society')}</label>
          <select id={ids.society} value={societyId} onChange={(e) => setSocietyId(e.target.value)}>
            {sorted.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.category}>{t('Category of rights')}</label>
          <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value as MandateCategory)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.workType}>{t('Type of work')}</label>
          <select id={ids.workType} value={workType} onChange={(e) => setWorkType(e.target.value as WorkType)}>
            {WORK_TYPES.map((w) => (
              <option key={w} value={w}>
                {t(w)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.territories}>{t('Territories')}</label>
          <input
            id={ids.territories}
            value={territories}
            onChange={(e) => setTerritories(e.target.value)}
            aria-describedby={ids.territoriesHint}
            aria-invalid={territoriesError ? true : undefined}
            autoComplete="off"
          />
          <span id={ids.territoriesHint} className="hint">
            {t('Country codes such as FR, BE, or WORLD')}
          </span>
          {territoriesError && <span className="field-error">{territoriesError}</span>}
        </div>
        <div className="form-row">
          <label htmlFor={ids.from}>{t('From')}</label>
          <input id={ids.from} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} required />
        </div>
        <div className="form-row">
          <label htmlFor={ids.to}>{t('Until (optional)')}</label>
          <input id={ids.to} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
        </div>
      </div>
      <div className="form-row checkbox">
        <input id={ids.exclusive} type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.target.checked)} />
        <label htmlFor={ids.exclusive}>{t('Exclusive (no other society may manage the same rights)')}</label>
      </div>
      <button type="submit" disabled={busy || !societyId}>
        {busy ? t('Sending…') : t('Start the mandate')}
      </button>
      {started && (
        <p className="notice" role="status">
          {started.status === 'requested'
            ? t('Request sent: {category}, {workType} in {territories} from {date}. The society accepts or refuses it; until then it manages nothing.', { category: t(started.category), workType: t(started.workType), territories: describeTerritories(started), date: formatDate(started.validFrom) })
            : t('Mandate started: {category}, {workType} in {territories} from {date}.', { category: t(started.category), workType: t(started.workType), territories: describeTerritories(started), date: formatDate(started.validFrom) })}
        </p>
      )}
      {error && <ProblemMessage error={error} heading={t('The mandate was refused')} />}
    </form>
  );
}
