import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ErrorCode } from '@brieflock/schema';
import { useClient, useMutation, useQuery } from 'urql';
import { ApiError, dataOrThrow, onUnauthenticated, toApiError } from './api';
import { eraseDeviceCopies } from './collab/device-copies';
import { useDataClient } from './data/DataProvider';
import type { AccountFieldsFragment, ResetPasswordInput, SignInInput, SignUpInput } from './gql/graphql';
import { MeQuery, SignInMutation, SignOutEverywhereMutation, SignOutMutation, SignUpMutation } from './operations/auth';
import { ResetPasswordMutation } from './operations/recovery';
import { requestPageFocus } from './focus';

export type User = AccountFieldsFragment;
export type { ResetPasswordInput, SignInInput, SignUpInput };

export type AuthStatus =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'signedOut'; sessionEnded: boolean }
  | { kind: 'signedIn'; user: User };

interface AuthContextValue {
  status: AuthStatus;
  /** Re-reads `me`, e.g. after the first load failed. */
  refresh: () => void;
  signIn: (input: SignInInput) => Promise<void>;
  signUp: (input: SignUpInput) => Promise<void>;
  /** The signed-in person has just proven their address: the shell stops asking. */
  markEmailVerified: () => void;
  /** Sets a new password with a reset link's token and signs in (every other session ends). */
  resetPassword: (input: ResetPasswordInput) => Promise<void>;
  /** Signs in with a passkey (the e-mail, if typed, only restricts which account may). */
  signInWithPasskey: (email: string | null) => Promise<void>;
  /** Ends this session, or with `everywhere` every session of the account (each device's sockets close). */
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
  /** Shows the signed-in person's changed profile (e.g. a new name) everywhere at once. */
  profileChanged: (user: User) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Who is signed in, with the ways to sign in, up and out; below <DataProvider>. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { reset } = useDataClient();
  // The first answer to `me` decides; signing in or out (or the session ending) overrides it.
  const [me, reexecuteMe] = useQuery({ query: MeQuery, requestPolicy: 'network-only' });
  const [override, setOverride] = useState<AuthStatus | null>(null);
  const [, executeSignIn] = useMutation(SignInMutation);
  const [, executeSignUp] = useMutation(SignUpMutation);
  const [, executeSignOut] = useMutation(SignOutMutation);
  const [, executeSignOutEverywhere] = useMutation(SignOutEverywhereMutation);
  const [, executeResetPassword] = useMutation(ResetPasswordMutation);

  const status = useMemo((): AuthStatus => {
    if (override) return override;
    if (me.fetching || (!me.data && !me.error)) return { kind: 'loading' };
    if (me.error) {
      const error = toApiError(me.error);
      return error.code === ErrorCode.UNAUTHENTICATED
        ? { kind: 'signedOut', sessionEnded: false }
        : { kind: 'failed', message: error.message };
    }
    return me.data?.me ? { kind: 'signedIn', user: me.data.me } : { kind: 'signedOut', sessionEnded: false };
  }, [override, me]);

  // Any UNAUTHENTICATED answer while signed in means the session is gone.
  const signedIn = useRef(false);
  signedIn.current = status.kind === 'signedIn';
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (signedIn.current) setOverride({ kind: 'signedOut', sessionEnded: true });
      }),
    [],
  );

  const refresh = useCallback(() => {
    setOverride(null);
    reexecuteMe({ requestPolicy: 'network-only' });
  }, [reexecuteMe]);

  /** A new person (or nobody) from here on: nothing cached for the last one may show. */
  const become = useCallback(
    (next: AuthStatus) => {
      reset();
      requestPageFocus();
      setOverride(next);
    },
    [reset],
  );

  const signIn = useCallback(
    async (input: SignInInput) => {
      const data = dataOrThrow(await executeSignIn({ input }));
      become({ kind: 'signedIn', user: data.signIn.user });
    },
    [executeSignIn, become],
  );

  // The WebAuthn helpers come with the sign-in page, not with the first screen.
  const client = useClient();
  const signInWithPasskey = useCallback(
    async (email: string | null) => {
      const passkeys = await import('./passkeys/webauthn');
      become({ kind: 'signedIn', user: await passkeys.signInWithPasskey(client, email) });
    },
    [client, become],
  );

  const signUp = useCallback(
    async (input: SignUpInput) => {
      const data = dataOrThrow(await executeSignUp({ input }));
      become({ kind: 'signedIn', user: data.signUp.user });
    },
    [executeSignUp, become],
  );

  const markEmailVerified = useCallback(() => {
    setOverride((current) => {
      const now = current ?? statusRef.current;
      return now.kind === 'signedIn' ? { kind: 'signedIn', user: { ...now.user, emailVerified: true } } : current;
    });
  }, []);

  const resetPassword = useCallback(
    async (input: ResetPasswordInput) => {
      const data = dataOrThrow(await executeResetPassword({ input }));
      become({ kind: 'signedIn', user: data.resetPassword.user });
    },
    [executeResetPassword, become],
  );

  const signOut = useCallback(
    async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      try {
        if (everywhere) dataOrThrow(await executeSignOutEverywhere({}));
        else dataOrThrow(await executeSignOut({}));
      } catch (error) {
        // Already signed out on the server: nothing left to do but update the UI.
        if (!(error instanceof ApiError && error.code === ErrorCode.UNAUTHENTICATED)) throw error;
      }
      // Only once the server ended the session (which needs a connection, so edits have
      // had their chance to be saved): the next person here must not find these briefs.
      await eraseDeviceCopies();
      become({ kind: 'signedOut', sessionEnded: false });
    },
    [executeSignOut, executeSignOutEverywhere, become],
  );

  // The same person, changed: no reset, nothing cached needs to go.
  const profileChanged = useCallback(
    (user: User) => {
      if (status.kind === 'signedIn' && status.user.id === user.id) setOverride({ kind: 'signedIn', user });
    },
    [status],
  );

  const value = useMemo(
    () => ({
      status,
      refresh,
      signIn,
      signUp,
      markEmailVerified,
      resetPassword,
      signInWithPasskey,
      signOut,
      profileChanged,
    }),
    [status, refresh, signIn, signUp, markEmailVerified, resetPassword, signInWithPasskey, signOut, profileChanged],
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
