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
      <h2 id="mandates-heading">{own ? 'My mandates' : 'Mandates'}</h2>
      {ended && <EndedNotice societyName={societyName(ended.mandate.societyId)} result={ended.result} />}
      <Loader loaded={mandates} what="the mandates">
        {(items) =>
          items.length === 0 ? (
            <p>No society holds a mandate for {own ? 'your' : 'these'} rights.</p>
          ) : (
            <TableScroll label="Mandates">
              <table className="stack">
                <caption>
                  {items.length} mandate{items.length === 1 ? '' : 's'}, {items.filter((m) => mandateState(m, today) === 'in force').length} in force on {today}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Society</th>
                    <th scope="col">Rights</th>
                    <th scope="col">Territories</th>
                    <th scope="col">From</th>
                    <th scope="col">Until</th>
                    <th scope="col">Basis</th>
                    <th scope="col">State</th>
                    {own && <th scope="col">Action</th>}
                  </tr>
                </thead>
                <tbody>
                  {[...items]
                    .sort((a, b) => societyName(a.societyId).localeCompare(societyName(b.societyId)) || a.validFrom.localeCompare(b.validFrom))
                    .map((m) => {
                      const state = mandateState(m, today);
                      return (
                        <tr key={m.id}>
                          <th scope="row" data-label="Society">
                            {societyName(m.societyId)}
                          </th>
                          <td data-label="Rights">
                            {m.category}, {m.workType}
                          </td>
                          <td data-label="Territories">{describeTerritories(m)}</td>
                          <td className="nowrap" data-label="From">
                            {m.validFrom}
                          </td>
                          <td className="nowrap" data-label="Until">
                            {m.validTo ?? 'open-ended'}
                          </td>
                          <td data-label="Basis">
                            {m.basis}
                            {m.exclusive ? ', exclusive' : ''}
                          </td>
                          <td data-label="State">{state}</td>
                          {own && (
                            <td data-label="Action">
                              {(state === 'in force' || state === 'starts later') && (
                                <EndMandate
                                  mandate={m}
                                  label={`${societyName(m.societyId)}, ${m.category}, ${describeTerritories(m)}, from ${m.validFrom}`}
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
        <strong>
          {societyName} manages {result.kind === 'partial' ? 'what you withdrew' : 'these rights'} until {result.effectiveOn}.
        </strong>
      </p>
      <p>
        Notice of {result.noticeMonths} month{result.noticeMonths === 1 ? '' : 's'} given on {result.requestedOn} (it expires on {result.noticeExpiresOn})
        {result.alignedToFinancialYearEnd ? ", then to the society's financial-year end" : ''}. Money for uses through {result.paymentsStayDueForUsesThrough} stays
        due to you.
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
  const verb = mandate.basis === 'contractual' ? 'End' : 'Opt out';

  const open = async () => {
    setConfirming(true);
    try {
      setPolicy(await api.mandatePolicy(mandate.societyId));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Failed', String(e)));
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
      setError(e instanceof ApiError ? e : new ApiError(0, 'Failed', String(e)));
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
        <label htmlFor={ids.territories}>Only these territories (optional)</label>
        <input id={ids.territories} value={territories} onChange={(e) => setTerritories(e.target.value)} aria-describedby={ids.hint} autoComplete="off" />
        <span id={ids.hint} className="hint">
          Leave empty to end all of {describeTerritories(mandate)}; name countries (SE, NO) to withdraw only those
        </span>
        {territoriesError && <span className="field-error">{territoriesError}</span>}
      </div>
      {policy && preview ? (
        <p data-testid="effective-preview">
          Notice today: the society manages until <strong>{preview.effectiveOn}</strong> ({preview.noticeMonths} month{preview.noticeMonths === 1 ? '' : 's'}
          {preview.atYearEnd ? ', then to its financial-year end' : ''}). Its policy: {policy.noticeMonths} months' notice
          {policy.terminateAtFinancialYearEnd ? ' at the financial-year end' : ''}; it manages {policy.managedCategories.join(', ')}; it answers requests within {policy.responseDays} days
          {mandate.basis === 'non-contractual' ? `; opt-out: ${policy.optOut.source}${policy.optOut.confirmed ? '' : ' (unconfirmed parameter)'}` : ''}.
        </p>
      ) : (
        <p>Reading the society's policy…</p>
      )}
      <p>{verb} now?</p>
      <button type="button" onClick={confirm} disabled={busy} aria-label={`Confirm: ${verb.toLowerCase()} ${label}`}>
        {busy ? 'Sending…' : `Yes, ${verb.toLowerCase()}`}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </button>
      {error && <ProblemMessage error={error} heading="Could not end the mandate" />}
    </div>
  );
}

/** Entrust a society with a category of rights, a type of work and territories (contractual). */
function StartMandateForm({ rightsHolderId, societies, onStarted }: { rightsHolderId: string; societies: Society[]; onStarted(): void }) {
  const { api } = useSession();
  const ids = { society: useId(), category: useId(), workType: useId(), territories: useId(), territoriesHint: useId(), from: useId(), to: useId(), exclusive: useId() };
  const sorted = [...societies].sort((a, b) => a.name.localeCompare(b.name));
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
      setError(err instanceof ApiError ? err : new ApiError(0, 'Failed', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="start-mandate-heading">
      <h3 id="start-mandate-heading">Start a mandate</h3>
      <div className="form-grid">
        <div className="form-row">
          <label htmlFor={ids.society}>Society</label>
          <select id={ids.society} value={societyId} onChange={(e) => setSocietyId(e.target.value)}>
            {sorted.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.category}>Category of rights</label>
          <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value as MandateCategory)}>
            {CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.workType}>Type of work</label>
          <select id={ids.workType} value={workType} onChange={(e) => setWorkType(e.target.value as WorkType)}>
            {WORK_TYPES.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.territories}>Territories</label>
          <input
            id={ids.territories}
            value={territories}
            onChange={(e) => setTerritories(e.target.value)}
            aria-describedby={ids.territoriesHint}
            aria-invalid={territoriesError ? true : undefined}
            autoComplete="off"
          />
          <span id={ids.territoriesHint} className="hint">
            Country codes such as FR, BE, or WORLD
          </span>
          {territoriesError && <span className="field-error">{territoriesError}</span>}
        </div>
        <div className="form-row">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} required />
        </div>
        <div className="form-row">
          <label htmlFor={ids.to}>Until (optional)</label>
          <input id={ids.to} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
        </div>
      </div>
      <div className="form-row checkbox">
        <input id={ids.exclusive} type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.target.checked)} />
        <label htmlFor={ids.exclusive}>Exclusive (no other society may manage the same rights)</label>
      </div>
      <button type="submit" disabled={busy || !societyId}>
        {busy ? 'Sending…' : 'Start the mandate'}
      </button>
      {started && (
        <p className="notice" role="status">
          {started.status === 'requested'
            ? `Request sent: ${started.category}, ${started.workType} in ${describeTerritories(started)} from ${started.validFrom}. The society accepts or refuses it; until then it manages nothing.`
            : `Mandate started: ${started.category}, ${started.workType} in ${describeTerritories(started)} from ${started.validFrom}.`}
        </p>
      )}
      {error && <ProblemMessage error={error} heading="The mandate was refused" />}
    </form>
  );
}
