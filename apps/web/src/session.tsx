import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/client';
import { ApiError } from './api/problem';
import type { Me } from './api/types';

const STORAGE_KEY = 'collective-ledger.token';

export interface Session {
  me: Me;
  api: ApiClient;
}

interface SessionState {
  /** null: signed out; undefined: still checking a stored token. */
  session: Session | null | undefined;
  /** Checks the token with GET /v1/me; stores it for this browser tab on success. */
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Holds the signed-in token (sessionStorage: it lives as long as the tab, and is never
 * written to a cookie or localStorage) and who it is, read from GET /v1/me. A 401 from any
 * later call ends the session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(() => (sessionStorage.getItem(STORAGE_KEY) ? undefined : null));

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);

  const open = useCallback(
    async (token: string): Promise<Session> => {
      const api = new ApiClient(token, signOut);
      const me = await new ApiClient(token).me();
      return { me, api };
    },
    [signOut],
  );

  const signIn = useCallback(
    async (token: string) => {
      const opened = await open(token.trim());
      sessionStorage.setItem(STORAGE_KEY, token.trim());
      setSession(opened);
    },
    [open],
  );

  useEffect(() => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return;
    open(stored).then(setSession, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) sessionStorage.removeItem(STORAGE_KEY);
      setSession(null);
    });
  }, [open]);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSessionState outside SessionProvider');
  return state;
}

/** The signed-in session; only for views rendered behind sign-in. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession needs a signed-in session');
  return session;
}
