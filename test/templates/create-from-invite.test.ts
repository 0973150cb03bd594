import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeUser } from '../support/factories.js';
import { addressesOf, linkIn, useMailedApp } from '../support/mail.js';

const { t, mailbox } = useMailedApp({ PUBLIC_URL: 'https://brieflock.test' });

describe('createProposalFrom with invitations', () => {
  it('e-mails each invited address the ordinary invitation link', async () => {
    const client = await makeUser(t.api, { name: 'Tara Template' });
    const email = `invitee-${randomBytes(4).toString('hex')}@example.test`;
    const created = await t.api.gql<{ createProposalFrom: { id: string } }>(
      'mutation($input: CreateFromInput!) { createProposalFrom(input: $input) { id } }',
      {
        input: {
          templateKey: 'llm-evaluation',
          sections: ['outcome', 'milestones'],
          title: 'Eval pilot',
          invite: [email],
        },
      },
      { token: client.token },
    );
    expect(created.errors).toBeUndefined();
    const mail = await mailbox.next(
      (m) => addressesOf(m).includes(email) && (m.text ?? '').includes('/invitations/bli_'),
      `the invitation e-mail to ${email}`,
    );
    expect(mail.subject).toBe('Tara Template invited you to \u201cEval pilot\u201d on Brieflock');
    expect(mail.text).toContain('as a freelancer');
    expect(linkIn(mail, '/invitations/').origin).toBe('https://brieflock.test');
  });
});
