import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage, gql, isAbortError, onUnauthenticated } from './api';
import { eraseDeviceCopies } from './collab/device-copies';
import { requestPageFocus } from './router';
import { USER_FIELDS, type User } from './types';

export type AuthStatus =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'signedOut'; sessionEnded: boolean }
  | { kind: 'signedIn'; user: User };

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

export interface SignInInput {
  email: string;
  password: string;
}

interface AuthContextValue {
  status: AuthStatus;
  /** Re-reads `me`, e.g. after the first load failed. */
  refresh: () => void;
  signIn: (input: SignInInput) => Promise<void>;
  signUp: (input: SignUpInput) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const ME_QUERY = `query Me { me { ${USER_FIELDS} } }`;
// The payload also carries a token for non-browser clients; the web client relies on
// the httpOnly cookie and never asks for it.
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { user { ${USER_FIELDS} } } }`;
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { user { ${USER_FIELDS} } } }`;
const SIGN_OUT = `mutation SignOut { signOut }`;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    gql<{ me: User | null }>(ME_QUERY, undefined, controller.signal)
      .then(({ me }) => setStatus(me ? { kind: 'signedIn', user: me } : { kind: 'signedOut', sessionEnded: false }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          setStatus({ kind: 'signedOut', sessionEnded: false });
        } else {
          setStatus({ kind: 'failed', message: errorMessage(error) });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  // Any UNAUTHENTICATED answer while signed in means the session is gone.
  useEffect(
    () =>
      onUnauthenticated(() =>
        setStatus((current) => (current.kind === 'signedIn' ? { kind: 'signedOut', sessionEnded: true } : current)),
      ),
    [],
  );

  const refresh = useCallback(() => {
    setStatus({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const signIn = useCallback(async (input: SignInInput) => {
    const data = await gql<{ signIn: { user: User } }>(SIGN_IN, { input });
    requestPageFocus();
    setStatus({ kind: 'signedIn', user: data.signIn.user });
  }, []);

  const signUp = useCallback(async (input: SignUpInput) => {
    const data = await gql<{ signUp: { user: User } }>(SIGN_UP, { input });
    requestPageFocus();
    setStatus({ kind: 'signedIn', user: data.signUp.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await gql<{ signOut: boolean }>(SIGN_OUT);
    } catch (error) {
      // Already signed out on the server: nothing left to do but update the UI.
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    }
    // Only once the server ended the session (which needs a connection, so edits have
    // had their chance to be saved): the next person here must not find these briefs.
    await eraseDeviceCopies();
    requestPageFocus();
    setStatus({ kind: 'signedOut', sessionEnded: false });
  }, []);

  const value = useMemo(
    () => ({ status, refresh, signIn, signUp, signOut }),
    [status, refresh, signIn, signUp, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only call below the signed-in shell. */
export function useCurrentUser(): User {
  const { status } = useAuth();
  if (status.kind !== 'signedIn') throw new Error('useCurrentUser called while signed out');
  return status.user;
}
