import { useId, useState, type FormEvent } from 'react';
import { PASSKEY_LIMITS } from '@brieflock/schema';
import { useClient, useMutation, useQuery } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { MyPasskeysQuery, RemovePasskeyMutation, RenamePasskeyMutation } from '../operations/passkeys';
import { browserSupportsWebAuthn, createPasskey, webauthnMessage } from '../passkeys/webauthn';

type PasskeyRow = { id: string; name: string; createdAt: string; lastUsedAt?: string | null };

/** One passkey: its name (renamed in place), when it was made and last used, and Remove. */
function PasskeyItem({ passkey, onChanged }: { passkey: PasskeyRow; onChanged: () => void }) {
  const id = useId();
  const [name, setName] = useState(passkey.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, rename] = useMutation(RenamePasskeyMutation);
  const [, remove] = useMutation(RemovePasskeyMutation);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const onRename = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      dataOrThrow(await rename({ id: passkey.id, name }));
    });
  };

  return (
    <li className="stack-tight" data-testid="passkey-row" data-passkey-id={passkey.id}>
      <form onSubmit={onRename} className="stack-tight">
        <TextField
          id={`${id}-name`}
          label="Passkey name"
          value={name}
          maxLength={PASSKEY_LIMITS.nameMaxLength}
          onChange={(event) => setName(event.target.value)}
          disabled={busy}
        />
        <p className="hint">
          Created <DateTime iso={passkey.createdAt} />
          {passkey.lastUsedAt ? (
            <>
              {' '}
              · last used <DateTime iso={passkey.lastUsedAt} />
            </>
          ) : (
            ' · never used'
          )}
        </p>
        <div className="dialog-actions">
          <button
            type="submit"
            className="button button-secondary button-small"
            disabled={busy || name === passkey.name}
          >
            Rename
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                dataOrThrow(await remove({ id: passkey.id }));
              })
            }
          >
            Remove {passkey.name}
          </button>
        </div>
      </form>
      {error && <ErrorAlert message={error} />}
    </li>
  );
}

/**
 * The account's security page: the passkeys that sign in and sign versions. A signature
 * is made by the passkey on the signer's device, so no one else can sign in their name.
 */
export function Account() {
  useDocumentTitle('Account and passkeys');
  const id = useId();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: MyPasskeysQuery, requestPolicy: 'cache-and-network' });
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  async function add(event: FormEvent) {
    event.preventDefault();
    setAdding(true);
    setError(null);
    try {
      await createPasskey(client, name.trim() || null);
      setName('');
      refresh();
    } catch (caught) {
      setError(webauthnMessage(caught) ?? errorMessage(caught));
    } finally {
      setAdding(false);
    }
  }

  const passkeys = result.data?.me?.passkeys ?? null;
  return (
    <section className="stack">
      <PageHeading>Account and passkeys</PageHeading>
      <p>
        Passkeys sign you in without a password and sign contract versions. Each signature is made by the passkey on
        your device, so no one else — not even this service — can sign in your name.
      </p>
      {result.error && <ErrorAlert message={`Could not load your passkeys: ${errorMessage(result.error)}`} />}
      {!passkeys && !result.error && <Spinner label="Loading your passkeys…" />}
      {passkeys && passkeys.length === 0 && <p data-testid="no-passkeys">You have no passkeys yet.</p>}
      {passkeys && passkeys.length > 0 && (
        <ul className="stack" data-testid="passkey-list">
          {passkeys.map((passkey) => (
            <PasskeyItem key={`${passkey.id}:${passkey.name}`} passkey={passkey} onChanged={refresh} />
          ))}
        </ul>
      )}
      <form onSubmit={add} className="stack-tight" data-testid="add-passkey-form">
        <TextField
          id={`${id}-new-name`}
          label="Name for a new passkey (optional)"
          value={name}
          maxLength={PASSKEY_LIMITS.nameMaxLength}
          onChange={(event) => setName(event.target.value)}
          disabled={adding}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={adding || !browserSupportsWebAuthn()}
          aria-busy={adding}
          data-testid="add-passkey"
        >
          {adding ? 'Creating…' : 'Create a passkey'}
        </button>
        {error && <ErrorAlert message={error} />}
      </form>
    </section>
  );
}
