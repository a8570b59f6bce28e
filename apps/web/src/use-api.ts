import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api/problem';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ok'; data: T };

/**
 * Runs an API call when the component mounts or `deps` change, and keeps its result,
 * ignoring answers that arrive after the inputs changed. `reload` runs it again.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> & { reload(): void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ok', data }),
      (e: unknown) => current && setResult({ state: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the inputs
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...result, reload };
}
