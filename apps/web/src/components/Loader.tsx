import type { ReactNode } from 'react';
import type { Loaded } from '../use-api';
import { ProblemMessage } from './ProblemMessage';
import { t } from '../i18n';

/**
 * Renders a loading note, the error, or the data. `refusal` replaces the error for a
 * 403/404 (the API's answer when the data belongs to someone else).
 */
export function Loader<T>({ loaded, what, refusal, children }: { loaded: Loaded<T>; what: string; refusal?: ReactNode; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') {
    return (
      <p className="muted" role="status">
        {t('Loading {what}…', { what })}
      </p>
    );
  }
  if (loaded.state === 'error') {
    if (refusal && loaded.error.isRefusal) return <>{refusal}</>;
    return <ProblemMessage error={loaded.error} heading={t('Could not load {what}', { what })} />;
  }
  return <>{children(loaded.data)}</>;
}
