import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './support/app.js';
import { completeBrief } from './support/brief.js';
import { TEST_SIGNING_KEY } from './support/constants.js';
import { freezeOk, sign, writeLiveBrief } from './support/contract.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { acceptInvitation, addParticipant, makeProposal, makeUser, tokenOfLink } from './support/factories.js';
import { createApi } from './support/graphql.js';
import { addressesOf, linkIn, startMailbox, verifyByMail, type Mailbox } from './support/mail.js';
import { freePort, killAll, startHealthy } from './support/process.js';
import { waitFor } from './support/wait.js';
import { signatureHeaders, useReceivers } from './support/webhook-receiver.js';
import { createWebhookOk, listWebhooksOk } from './support/webhooks.js';

let db: TestDatabase;
let mailbox: Mailbox;
const startReceiver = useReceivers();

beforeAll(async () => {
  db = await createTestDatabase();
  mailbox = await startMailbox();
});
afterAll(async () => {
  await killAll();
  await mailbox?.close();
  await db?.drop();
});

/** The built server's instance as the test helpers address an app. */
const appAt = (url: string) => ({ app: { url }, api: createApi(url), db, queries: [] }) as unknown as TestApp;

describe('reaching people, as a new client and freelancer would, against the built server', () => {
  it('invites by e-mail, recovers a password, and delivers VERSION_EXECUTED across a SIGKILL', async () => {
    const port = await freePort();
    // Links point at PUBLIC_URL, a name (passkeys work only on domain names).
    const publicUrl = `http://localhost:${port}`;
    const env = {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      SIGNING_KEY: TEST_SIGNING_KEY,
      SMTP_URL: mailbox.url,
      PUBLIC_URL: publicUrl,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      JOB_SUPERVISE_SECONDS: '1',
    };
    const first = await startHealthy(env, port);
    let t = appAt(first.url);

    // Cora signs up and proves her address by the link mailed to her.
    const cora = await makeUser(t.api, { name: 'Cora Client' });
    await verifyByMail(t, mailbox, cora);
    const proposal = await makeProposal(t.api, cora, 'Churn prediction pilot');

    // She invites Finn, who has no account yet: the e-mail carries the only link to the brief.
    const finnAddress = `finn-${port}@example.test`;
    const invited = await addParticipant(t.api, cora, proposal.id, finnAddress, 'FREELANCER');
    expect(invited.errors).toBeUndefined();
    const invitation = await mailbox.next(
      (m) => addressesOf(m).includes(finnAddress) && (m.text ?? '').includes('/invitations/'),
      'the invitation e-mail',
    );
    expect(invitation.subject).toContain('Churn prediction pilot');
    const invitationLink = linkIn(invitation, '/invitations/');
    expect(invitationLink.origin).toBe(publicUrl);
    // The link's page is the web client's; following it, Finn signs up and accepts.
    expect((await fetch(`${first.url}${invitationLink.pathname}`)).status).toBe(200);
    let finn = await makeUser(t.api, { name: 'Finn Freelancer', email: finnAddress });
    const accepted = await acceptInvitation(t.api, finn, tokenOfLink(invitationLink.pathname));
    expect(accepted.data?.acceptInvitation).toMatchObject({ role: 'FREELANCER', pending: false });
    const landed = await t.api.gql<{ proposal: { id: string; myRole: string } }>(
      'query($id: ID!) { proposal(id: $id) { id myRole } }',
      { id: proposal.id },
      { token: finn.token },
    );
    expect(landed.data?.proposal).toEqual({ id: proposal.id, myRole: 'FREELANCER' });

    // Finn forgets his password and resets it by the mailed link.
    await t.api.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: finnAddress });
    const reset = await mailbox.next(
      (m) => addressesOf(m).includes(finnAddress) && (m.text ?? '').includes('/reset-password?token='),
      'the password reset e-mail',
    );
    const resetToken = linkIn(reset, '/reset-password?token=').searchParams.get('token');
    const done = await t.api.gql<{ resetPassword: { token: string } }>(
      'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { token } }',
      { input: { token: resetToken, password: 'a brand new passphrase' } },
    );
    expect(done.errors).toBeUndefined();
    finn = { ...finn, password: 'a brand new passphrase', token: done.data!.resetPassword.token };
    const signedIn = await t.api.gql<{ signIn: { token: string } }>(
      'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
      { input: { email: finnAddress, password: 'a brand new passphrase' } },
    );
    expect(signedIn.data?.signIn.token).toBeTruthy();

    // Cora's endpoint hears of execution; it holds the first request it gets unanswered.
    let holding = true;
    const receiver = await startReceiver((res) => {
      if (!holding) res.writeHead(200).end('ok');
    });
    const { secret, webhook } = await createWebhookOk(t, cora, proposal.id, receiver.url, ['VERSION_EXECUTED']);
    await writeLiveBrief(t, cora, proposal.id, completeBrief());
    const version = await freezeOk(t, cora, proposal.id);
    const waiting = await mailbox.next(
      (m) => addressesOf(m).includes(finnAddress) && (m.subject ?? '').includes('signature'),
      'the signature request e-mail',
    );
    expect(waiting.subject).toContain('Churn prediction pilot');
    expect((await sign(t, cora, version.id, version.contentHash)).errors).toBeUndefined();
    expect((await sign(t, finn, version.id, version.contentHash)).errors).toBeUndefined();

    // The delivery is in the instance's hands, waiting on the receiver, when it is killed.
    const [held] = await waitFor(() => (receiver.received.length > 0 ? receiver.received : null), {
      what: 'the VERSION_EXECUTED delivery to reach the endpoint',
    });
    expect((await first.server.stop('SIGKILL')).signal).toBe('SIGKILL');
    holding = false;

    const second = await startHealthy(env, port);
    t = appAt(second.url);
    // The job's heartbeat stopped with the instance: the restarted one sends it again,
    // under the same webhook-id, so the endpoint can tell it is the same message.
    const again = await waitFor(() => receiver.received[1], {
      what: 'the delivery after the restart',
      timeoutMs: 90_000,
    });
    expect(again.headers['webhook-id']).toBe(held!.headers['webhook-id']);
    const verified = new Webhook(secret).verify(again.body, signatureHeaders(again.headers));
    expect(verified).toMatchObject({
      type: 'VERSION_EXECUTED',
      data: { proposalId: proposal.id, versionId: version.id, contentHash: version.contentHash },
    });
    const logged = await waitFor(
      async () => {
        const [listed] = (await listWebhooksOk(t, cora, proposal.id)).filter((w) => w.id === webhook.id);
        return listed?.deliveries.some((d) => d.status === 'SUCCEEDED') ? listed.deliveries : null;
      },
      { what: 'the delivery to be logged as succeeded', timeoutMs: 30_000 },
    );
    expect(logged.filter((d) => d.status === 'SUCCEEDED')).toHaveLength(1);
    expect(receiver.received.every((r) => r.headers['webhook-id'] === held!.headers['webhook-id'])).toBe(true);
  }, 240_000);
});
