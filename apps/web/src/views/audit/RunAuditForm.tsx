import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { AuditRule, AuditRuleId, Society } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { t } from '../../i18n';

/**
 * Requests an audit of a society's financial year (POST /v1/audits), every rule or those
 * chosen, and opens the audit's page, which follows it until it is done. With one society
 * (a society auditing itself) there is no society to choose.
 */
export function RunAuditForm({ societies, rules, initialSocietyId, initialYear }: { societies: Society[]; rules: AuditRule[]; initialSocietyId?: string; initialYear: number }) {
  const { api } = useSession();
  const ids = { society: useId(), year: useId(), yearError: useId() };
  const [societyId, setSocietyId] = useState(initialSocietyId && societies.some((s) => s.id === initialSocietyId) ? initialSocietyId : (societies[0]?.id ?? ''));
  const [year, setYear] = useState(String(initialYear));
  const [yearError, setYearError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(rules.map((r) => r.id)));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(year.trim())) return setYearError(t('Write the financial year as four digits, for example 2025'));
    setYearError(null);
    if (chosen.size === 0) return setRefusal(new ApiError(0, 'No rule chosen', 'Choose at least one rule to run'));
    setBusy(true);
    setRefusal(null);
    try {
      const all = chosen.size === rules.length;
      const audit = await api.requestAudit({ societyId, financialYear: Number(year.trim()), ...(all ? {} : { rules: rules.filter((r) => chosen.has(r.id)).map((r) => r.id as AuditRuleId) }) });
      navigate(`/audits/${audit.id}`);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={t('Run an audit')}>
      <h3>{t('Run an audit')}</h3>
      <div className="form-grid">
        {societies.length > 1 && (
          <div className="form-row">
            <label htmlFor={ids.society}>{t('Society')}</label>
            <select id={ids.society} value={societyId} onChange={(e) => setSocietyId(e.target.value)} disabled={busy}>
              {societies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.cisacCode})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-row">
          <label htmlFor={ids.year}>{t('Financial year')}</label>
          <input
            id={ids.year}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            size={6}
            disabled={busy}
            aria-invalid={yearError ? true : undefined}
            aria-describedby={yearError ? ids.yearError : undefined}
          />
          {yearError && (
            <span id={ids.yearError} className="field-error">
              {yearError}
            </span>
          )}
        </div>
      </div>
      <details>
        <summary>
          {t('Rules: {chosen}', { chosen: chosen.size === rules.length ? t('all {n}', { n: rules.length }) : t('{chosen} of {all}', { chosen: chosen.size, all: rules.length }) })}
        </summary>
        <fieldset className="rules">
          <legend className="visually-hidden">{t('Rules to run')}</legend>
          {rules.map((r) => (
            <div key={r.id} className="form-row checkbox">
              <input id={`${ids.society}-${r.id}`} type="checkbox" checked={chosen.has(r.id)} onChange={() => toggle(r.id)} disabled={busy} />
              <label htmlFor={`${ids.society}-${r.id}`}>
                {t(r.title)} <span className="muted small">({t(r.severity)}; {t(r.source)})</span>
              </label>
            </div>
          ))}
        </fieldset>
      </details>
      <button type="submit" disabled={busy || societyId === ''}>
        {busy ? t('Requesting…') : t('Run the audit')}
      </button>
      {refusal && <ProblemMessage error={refusal} heading={t('The audit was not started')} />}
    </form>
  );
}
