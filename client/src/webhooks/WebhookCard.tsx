import { useId, useState } from 'react';
import type { ProposalEventKind } from '@brieflock/schema';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import type { WebhookFieldsFragment } from '../gql/graphql';
import { ConfirmDialog } from '../manage/ConfirmDialog';
import { DeleteWebhookMutation, EnableWebhookMutation } from '../operations/webhooks';
import { deliveryStatusLabel, EVENT_LABELS } from './labels';

const eventLabel = (kind: string) => EVENT_LABELS[kind as ProposalEventKind] ?? kind;

/** The newest delivery attempts of one endpoint, newest first. */
function DeliveryLog({ webhook, labelledBy }: { webhook: WebhookFieldsFragment; labelledBy: string }) {
  if (webhook.deliveries.length === 0)
    return (
      <p className="muted" data-testid="delivery-log-empty">
        Nothing sent yet. Deliveries appear here as events happen.
      </p>
    );
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby={labelledBy} data-testid="delivery-log">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Attempt</th>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Delivered</th>
            <th scope="col">Next attempt</th>
          </tr>
        </thead>
        <tbody>
          {webhook.deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery" data-status={delivery.status} data-event={delivery.event}>
              <td>{eventLabel(delivery.event)}</td>
              <td>{delivery.attempt}</td>
              <td>{deliveryStatusLabel(delivery.status)}</td>
              <td>{delivery.responseCode ?? '—'}</td>
              <td>{delivery.deliveredAt ? <DateTime iso={delivery.deliveredAt} long /> : '—'}</td>
              <td>{delivery.nextAttemptAt ? <DateTime iso={delivery.nextAttemptAt} long /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One endpoint: where it points, what it hears, whether it is on (a disabled one says
 * since when and can be turned back on), its delivery log, and deleting it.
 */
export function WebhookCard({
  webhook,
  onChanged,
}: {
  webhook: WebhookFieldsFragment;
  /** A sentence for the page's notices after a change. */
  onChanged: (message: string) => void;
}) {
  const id = useId();
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, enable] = useMutation(EnableWebhookMutation);
  const [, remove] = useMutation(DeleteWebhookMutation);

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      dataOrThrow(await enable({ id: webhook.id }));
      onChanged(`The webhook to ${webhook.url} is on again.`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card webhook-card" data-testid="webhook" data-enabled={String(webhook.enabled)}>
      <div className="webhook-head">
        <h3 id={`${id}-url`} className="card-title webhook-url">
          {webhook.url}
        </h3>
        {webhook.enabled ? (
          <span className="badge badge-on">Enabled</span>
        ) : (
          <span className="badge badge-invited" data-testid="webhook-disabled">
            Disabled
            {webhook.disabledAt && (
              <>
                {' '}
                since <DateTime iso={webhook.disabledAt} long />
              </>
            )}
          </span>
        )}
      </div>
      {!webhook.enabled && (
        <p className="card-text">
          Its deliveries kept failing for a day, so nothing more is sent to it. Fix the receiver, then turn it back on:
          events from then on are delivered again.
        </p>
      )}
      <p className="card-text" data-testid="webhook-events">
        <span className="visually-hidden">Events: </span>
        {webhook.events.map(eventLabel).join(' · ')}
      </p>
      <div className="button-row">
        {!webhook.enabled && (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => void turnOn()}
            disabled={busy}
            aria-busy={busy}
          >
            Turn back on
          </button>
        )}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setDeleting(true)}
          disabled={busy}
          aria-describedby={`${id}-url`}
        >
          Delete
        </button>
      </div>
      <ErrorAlert message={error} />
      <h4 id={`${id}-log`} className="webhook-log-title">
        Delivery log
      </h4>
      <DeliveryLog webhook={webhook} labelledBy={`${id}-log`} />
      {deleting && (
        <ConfirmDialog
          title="Delete this webhook?"
          confirmLabel="Delete webhook"
          busyLabel="Deleting…"
          danger
          testId="delete-webhook-dialog"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            dataOrThrow(await remove({ id: webhook.id }));
            onChanged(`The webhook to ${webhook.url} is deleted.`);
          }}
        >
          <p>
            Nothing more is sent to {webhook.url}, and its delivery log is deleted. Its secret stops working for good.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
