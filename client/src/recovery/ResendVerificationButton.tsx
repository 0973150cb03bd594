import { useState } from 'react';
import { ErrorCode } from '@brieflock/schema';
import { useMutation } from 'urql';
import { ApiError, dataOrThrow, errorMessage } from '../api';
import { useAuth } from '../auth';
import { ResendVerificationEmailMutation } from '../operations/recovery';

type Sent = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string };

/**
 * Sends the signed-in person a new verification link, and says what happened beside the
 * button (politely: the person asked for it).
 */
export function ResendVerificationButton({ label = 'Send a new link' }: { label?: string }) {
  const { markEmailVerified } = useAuth();
  const [, execute] = useMutation(ResendVerificationEmailMutation);
  const [state, setState] = useState<Sent>({ kind: 'idle' });

  const onClick = async () => {
    setState({ kind: 'sending' });
    try {
      dataOrThrow(await execute({}));
      setState({ kind: 'sent' });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === ErrorCode.CONFLICT) {
        // Proven meanwhile (in another tab, say): nothing to send, nothing left to ask.
        markEmailVerified();
        setState({ kind: 'failed', message: 'Your e-mail address is confirmed already.' });
        return;
      }
      setState({ kind: 'failed', message: errorMessage(caught) });
    }
  };

  return (
    <span className="resend-verification">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={onClick}
        disabled={state.kind === 'sending'}
        aria-busy={state.kind === 'sending'}
      >
        {label}
      </button>{' '}
      <span role="status">
        {state.kind === 'sent' && 'Sent. Check your inbox for the new link.'}
        {state.kind === 'failed' && state.message}
      </span>
    </span>
  );
}
