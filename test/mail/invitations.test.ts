import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freezeOk, readyCast } from '../support/contract.js';
import { acceptInvitation, addParticipant, makeProposal, makeUser, tokenOfLink } from '../support/factories.js';
import { addressesOf, linkIn, settleJobs, useMailedApp } from '../support/mail.js';

const { t, mailbox } = useMailedApp({ PUBLIC_URL: 'https://brieflock.test' });

const address = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;
const invitationMail = (email: string, after = 0) =>
  mailbox.next(
    (m) =>
      addressesOf(m).includes(email) &&
      (m.text ?? '').includes('/invitations/bli_') &&
      mailbox.messages.indexOf(m) >= after,
    `the invitation e-mail to ${email}`,
  );
const MINE = '{ myInvitations { id proposalTitle } }';

describe('inviting by e-mail', () => {
  it('e-mails the link; following it after signing up attaches the invited person and proves the address', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
    const email = address('finn');
    const added = await addParticipant(t.api, client, proposal.id, email, 'FREELANCER');
    expect(added.errors).toBeUndefined();

    const mail = await invitationMail(email);
    expect(mail.subject).toBe('Cora Client invited you to \u201cChurn prediction pilot\u201d on Brieflock');
    expect(mail.text).toContain('as a freelancer');
    expect(mail.html).toContain('See the invitation');
    const link = linkIn(mail, '/invitations/');
    expect(link.origin).toBe('https://brieflock.test');
    // The e-mailed link is the one addParticipant answered with.
    expect(link.pathname).toBe(added.data!.addParticipant.inviteLink);

    const finn = await makeUser(t.api, { email, name: 'Finn Freelancer' });
    const accepted = await acceptInvitation(t.api, finn, tokenOfLink(link.pathname));
    expect(accepted.data?.acceptInvitation).toMatchObject({
      role: 'FREELANCER',
      pending: false,
      user: { id: finn.id },
    });
    const me = await t.api.gql('{ me { emailVerified } }', {}, { token: finn.token });
    expect(me.data?.me).toEqual({ emailVerified: true });
  });

  it('a sign-up with the invited address but neither the link nor a verification attaches nothing', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client, 'Quiet pilot');
    const email = address('claimant');
    expect((await addParticipant(t.api, client, proposal.id, email, 'FREELANCER')).errors).toBeUndefined();
    await invitationMail(email);
    const claimant = await makeUser(t.api, { email });
    const mine = await t.api.gql(MINE, {}, { token: claimant.token });
    expect(mine.data?.myInvitations).toEqual([]);
    const seen = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { id } }',
      { id: proposal.id },
      { token: claimant.token },
    );
    expect(seen.data?.proposal ?? null).toBeNull();
  });

  it('resending e-mails a new link and voids the old one; revoking voids the link', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client, 'Resent pilot');
    const email = address('resent');
    const added = await addParticipant(t.api, client, proposal.id, email, 'VIEWER');
    const participantId = added.data!.addParticipant.id;
    const first = await invitationMail(email);
    const count = mailbox.messages.length;
    const resent = await t.api.gql(
      'mutation($id: ID!) { resendInvitation(participantId: $id) }',
      { id: participantId },
      { token: client.token },
    );
    expect(resent.data?.resendInvitation).toBe(true);
    const second = await invitationMail(email, count);
    expect(second).not.toBe(first);
    const preview = 'query($token: String!) { invitation(token: $token) { status } }';
    const old = await t.api.gql(preview, { token: tokenOfLink(linkIn(first, '/invitations/').pathname) });
    expect(old.data?.invitation ?? null).toBeNull();
    const fresh = tokenOfLink(linkIn(second, '/invitations/').pathname);
    expect((await t.api.gql(preview, { token: fresh })).data?.invitation).toMatchObject({ status: 'PENDING' });

    await t.api.gql(
      'mutation($id: ID!) { revokeInvitation(participantId: $id) }',
      { id: participantId },
      { token: client.token },
    );
    expect((await t.api.gql(preview, { token: fresh })).data?.invitation ?? null).toBeNull();
  });

  it('revoking an invitation whose e-mail has not gone out yet withdraws the e-mail', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client, 'Withdrawn pilot');
    await mailbox.next((m) => addressesOf(m).includes(client.email), "the client's verification e-mail");
    // Both of the sender's hands are busy with messages SMTP has not accepted yet, so the
    // invitation's e-mail waits in the queue.
    const { held, release } = mailbox.hold(2);
    await makeUser(t.api);
    await makeUser(t.api);
    await held;
    const email = address('withdrawn');
    const participantId = (await addParticipant(t.api, client, proposal.id, email, 'VIEWER')).data!.addParticipant.id;
    const revoked = await t.api.gql(
      'mutation($id: ID!) { revokeInvitation(participantId: $id) }',
      { id: participantId },
      { token: client.token },
    );
    expect(revoked.errors).toBeUndefined();
    const stored = async () =>
      (
        await t.db.query(
          `select "status", "text_body", "link" from "emails" where "kind" = 'invitation' and "to_address" = $1`,
          [email],
        )
      ).rows;
    expect(await stored()).toEqual([{ status: 'voided', text_body: null, link: null }]);
    release();
    await settleJobs(t);
    expect(mailbox.to(email)).toEqual([]);
    expect(await stored()).toEqual([{ status: 'voided', text_body: null, link: null }]);
  });
});

describe('signing needs a proven address', () => {
  it('refuses to start signing until the signer has followed a verification link', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const refused = await t.api.gql(
      'mutation($versionId: ID!) { startVersionSigning(versionId: $versionId) }',
      { versionId: version.id },
      { token: cast.client.token },
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.extensions?.reason).toBe('EMAIL_NOT_VERIFIED');
    expect(refused.errors?.[0]?.message).toMatch(/Confirm your e-mail address/);
  });
});
