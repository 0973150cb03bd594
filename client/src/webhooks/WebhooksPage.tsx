import './webhooks.css';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '../api';
import { BackToProposal } from '../contract/BackToProposal';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageFallback } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { ToastStack, useToasts } from '../components/Toasts';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { pageLoadState, useKeptData } from '../data/pageState';
import { ProposalRoleQuery, ProposalWebhooksQuery } from '../operations/webhooks';
import { AddWebhookForm } from './AddWebhookForm';
import { SecretNotice } from './SecretNotice';
import { WebhookCard } from './WebhookCard';

/**
 * A proposal's webhook settings (its clients only): the endpoints that hear its events,
 * each with its delivery log, adding one (its secret shown once), deleting one, and
 * turning a disabled one back on. The log is read again on Refresh and when the tab
 * comes back into view.
 */
export default function WebhooksPage({ proposalId }: { proposalId: string }) {
  const [roleResult, reexecuteRole] = useQuery({
    query: ProposalRoleQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  const proposal = useKeptData(roleResult.data, proposalId)?.proposal ?? null;
  const isClient = proposal?.myRole === 'CLIENT';
  const [result, reexecute] = useQuery({
    query: ProposalWebhooksQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
    pause: !isClient,
  });
  const webhooks = useKeptData(result.data, proposalId)?.proposal?.webhooks ?? null;
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const { toasts, push, dismiss } = useToasts();

  useDocumentTitle(proposal ? `Webhooks · ${proposal.title}` : 'Webhooks');

  useEffect(() => {
    if (!isClient) return;
    const reread = () => {
      if (document.visibilityState === 'visible') reexecute({ requestPolicy: 'network-only' });
    };
    document.addEventListener('visibilitychange', reread);
    return () => document.removeEventListener('visibilitychange', reread);
  }, [isClient, reexecute]);

  const back = <BackToProposal proposalId={proposalId} title={proposal?.title ?? null} />;
  if (!proposal)
    return (
      <PageFallback
        state={pageLoadState(roleResult)}
        back={back}
        loadingLabel="Loading webhooks…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it."
        failedTitle="Could not load this proposal"
        onRetry={() => reexecuteRole({ requestPolicy: 'network-only' })}
      />
    );

  return (
    <div className="page stack webhooks-page">
      {back}
      <header className="page-header">
        <PageHeading>Webhooks</PageHeading>
        <p className="lead">
          Send the events of “{proposal.title}” to your own systems. Each request is a signed JSON POST (Standard
          Webhooks) carrying ids only, never the brief's text; failed deliveries are retried for a day.
        </p>
      </header>
      {!isClient ? (
        <p className="alert alert-info" data-testid="webhooks-clients-only">
          Only a client of this proposal manages its webhooks.
        </p>
      ) : (
        <>
          {created && <SecretNotice url={created.url} secret={created.secret} onDone={() => setCreated(null)} />}
          <AddWebhookForm
            proposalId={proposalId}
            onCreated={(next) => {
              setCreated(next);
              push('webhook', `The webhook to ${next.url} is added.`);
            }}
          />
          <section className="stack-tight" aria-labelledby="webhooks-list-title">
            <div className="webhooks-list-head">
              <h2 id="webhooks-list-title" className="section-title">
                Endpoints{webhooks && <span className="count"> ({webhooks.length})</span>}
              </h2>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => reexecute({ requestPolicy: 'network-only' })}
                disabled={result.fetching}
                aria-busy={result.fetching}
                data-testid="refresh-webhooks"
              >
                Refresh
              </button>
            </div>
            {result.error && <ErrorAlert message={`Could not load the webhooks: ${errorMessage(result.error)}`} />}
            {!webhooks && !result.error && <Spinner label="Loading webhooks…" />}
            {webhooks && webhooks.length === 0 && (
              <p className="muted" data-testid="no-webhooks">
                No webhooks yet. Add one above.
              </p>
            )}
            {webhooks && webhooks.length > 0 && (
              // biome-ignore lint/a11y/noRedundantRoles: without list markers Safari drops the list role unless it is explicit
              <ul className="webhook-list" role="list">
                {webhooks.map((webhook) => (
                  <WebhookCard key={webhook.id} webhook={webhook} onChanged={(message) => push('webhook', message)} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
