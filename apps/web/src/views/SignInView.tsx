import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/problem';
import { PageTitle } from '../components/PageTitle';
import { ProblemMessage } from '../components/ProblemMessage';
import { useSessionState } from '../session';
import { t } from '../i18n';

/**
 * Sign-in with an API token (issued by an admin with POST /v1/tokens; `npm start` prints
 * demo tokens). The token is checked with GET /v1/me, which also says whose view to open.
 */
export function SignInView() {
  const { signIn } = useSessionState();
  const id = useId();
  const hintId = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) {
      setError(new ApiError(0, t('No token'), t('Paste your access token to sign in.')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, t('Sign-in failed'), String(err));
      setError(apiError.status === 401 ? new ApiError(401, t('Token not accepted'), t('This token is unknown, revoked or mistyped.')) : apiError);
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <PageTitle title={t('Sign in')}>{t('Sign in')}</PageTitle>
      <p>{t('Societies, rights holders and regulators each see their own view of the ledger.')}</p>
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <label htmlFor={id}>{t('Access token')}</label>
          <input
            id={id}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={hintId}
            aria-invalid={error ? true : undefined}
          />
          <span id={hintId} className="hint">
            {t('A token starts with {prefix}. It is kept only in this browser tab until you sign out.', { prefix: 'clt_' })}
          </span>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('Signing in…') : t('Sign in')}
        </button>
      </form>
      {error && <ProblemMessage error={error} />}
    </div>
  );
}
