import { type FormEvent, useId, useRef, useState } from 'react';
import { PROPOSAL_EVENT_KINDS, type ProposalEventKind } from '@brieflock/schema';
import { useMutation } from 'urql';
import { dataOrThrow, refusal } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { CreateWebhookMutation } from '../operations/webhooks';
import { EVENT_LABELS } from './labels';

const FIELDS = ['url', 'events'] as const;

/**
 * Registers an endpoint: an https:// URL and the events it hears. The server judges the
 * URL (scheme, credentials, private addresses) and its refusal is shown beside the field.
 * On success the caller shows the secret, once.
 */
export function AddWebhookForm({
  proposalId,
  onCreated,
}: {
  proposalId: string;
  onCreated: (created: { url: string; secret: string }) => void;
}) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ReadonlySet<ProposalEventKind>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [, create] = useMutation(CreateWebhookMutation);
  const urlInput = useRef<HTMLInputElement>(null);

  const toggle = (kind: ProposalEventKind, on: boolean) =>
    setEvents((current) => {
      const next = new Set(current);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const chosen = PROPOSAL_EVENT_KINDS.filter((kind) => events.has(kind));
      const data = dataOrThrow(await create({ input: { proposalId, url, events: chosen } }));
      setUrl('');
      setEvents(new Set());
      onCreated({ url: data.createWebhook.webhook.url, secret: data.createWebhook.secret });
    } catch (caught) {
      const refused = refusal(caught, FIELDS);
      setProblem(refused);
      if (refused.field === 'url') urlInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const eventsError = problem?.field === 'events' ? problem.message : null;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card stack-tight"
      aria-labelledby={`${id}-title`}
      data-testid="add-webhook-form"
    >
      <h2 id={`${id}-title`} className="card-title">
        Add a webhook
      </h2>
      <TextField
        ref={urlInput}
        id={`${id}-url`}
        label="Endpoint URL"
        type="url"
        name="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        hint="An https:// address of your receiver. Each event is sent there as a signed POST request."
        error={problem?.field === 'url' ? problem.message : null}
      />
      <fieldset
        className="webhook-events"
        aria-describedby={eventsError ? `${id}-events-error` : undefined}
        aria-invalid={eventsError ? true : undefined}
      >
        <legend>Events to send</legend>
        <ul className="webhook-event-choices">
          {PROPOSAL_EVENT_KINDS.map((kind) => (
            <li key={kind}>
              <input
                id={`${id}-${kind}`}
                type="checkbox"
                value={kind}
                checked={events.has(kind)}
                onChange={(event) => toggle(kind, event.target.checked)}
                disabled={busy}
              />
              <label htmlFor={`${id}-${kind}`}>{EVENT_LABELS[kind]}</label>
            </li>
          ))}
        </ul>
        {eventsError && (
          <p id={`${id}-events-error`} className="field-error">
            {eventsError}
          </p>
        )}
      </fieldset>
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          Add webhook
        </button>
      </div>
    </form>
  );
}
