import { describe, expect, it } from 'vitest';
import { BRIEF_TEMPLATES, SECTION_KEYS } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { startThreadOk } from '../support/comments.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { addParticipant, makeUser, type TestUser } from '../support/factories.js';

const t = useTestApp();

const CREATE = `mutation($input: CreateFromInput!) { createProposalFrom(input: $input) { id title } }`;
const createFrom = (user: TestUser, input: Record<string, unknown>) =>
  t.api.gql<{ createProposalFrom: { id: string; title: string } }>(CREATE, { input }, { token: user.token });

const DRAFT = `query($id: ID!) { proposal(id: $id) {
  myRole
  participants { role pending invitedEmail user { id } }
  readiness { ready checks { key severity passed } }
  draft {
    outcome { text } scope { text } outOfScope { text } validation { text }
    successMetrics { id name baseline target measurement }
    deliverables { id title description acceptance }
    team { id role responsibility member }
    milestones { id title dueDate acceptanceCriteria revisionRounds payment }
    dataReadiness { sources quality access owner notes }
    ownership { ipOwner modelOwner confidentiality dataUse license }
    communication { cadence channel responseTime escalation }
  }
} }`;
const read = async (user: TestUser, id: string) => {
  const result = await t.api.gql(DRAFT, { id }, { token: user.token });
  expect(result.errors).toBeUndefined();
  return result.data!.proposal;
};
const count = async (table: string, proposalId: string) =>
  Number(
    (await t.db.query<{ n: string }>(`select count(*) as n from "${table}" where proposal_id = $1`, [proposalId]))
      .rows[0]!.n,
  );

describe('templates', () => {
  it('lists the five starter briefs to a signed-in user, and to nobody else', async () => {
    const user = await makeUser(t.api);
    const result = await t.api.gql('{ templates { key title description } }', {}, { token: user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data!.templates.map((row: { key: string }) => row.key)).toEqual([
      'rag-assistant',
      'classification-model',
      'forecasting',
      'data-labelling',
      'llm-evaluation',
    ]);
    expect(result.data!.templates.every((row: { description: string }) => row.description.length > 40)).toBe(true);
    expect((await t.api.gql('{ templates { key } }')).code).toBe('UNAUTHENTICATED');
  });
});

describe('createProposalFrom a template', () => {
  it('makes the caller CLIENT of a brief that passes readiness once a freelancer joins', async () => {
    const client = await makeUser(t.api);
    const freelancer = await makeUser(t.api);
    const created = await createFrom(client, {
      templateKey: 'rag-assistant',
      sections: [...SECTION_KEYS],
      title: '  Support assistant  ',
    });
    expect(created.errors).toBeUndefined();
    const { id, title } = created.data!.createProposalFrom;
    expect(title).toBe('Support assistant');
    const added = await addParticipant(t.api, client, id, freelancer, 'FREELANCER');
    expect(added.errors).toBeUndefined();
    const proposal = await read(freelancer, id);
    expect(proposal.readiness.checks.filter((check: { passed: boolean }) => !check.passed)).toEqual([]);
    expect(proposal.readiness.ready).toBe(true);
    expect(proposal.draft.milestones[0].dueDate > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(proposal.draft.dataReadiness.access).toBe('GRANTED');
    expect(proposal.participants.map((p: { role: string }) => p.role).sort()).toEqual(['CLIENT', 'FREELANCER']);
    expect(BRIEF_TEMPLATES[0]!.title.length).toBeGreaterThan(0);
  });

  it.each(BRIEF_TEMPLATES.map((template) => [template.key]))(
    '%s: passes readiness with a freelancer and freezes',
    async (templateKey) => {
      const client = await makeUser(t.api);
      const freelancer = await makeUser(t.api);
      const created = await createFrom(client, {
        templateKey,
        sections: [...SECTION_KEYS],
        title: `From ${templateKey}`,
      });
      expect(created.errors).toBeUndefined();
      const { id } = created.data!.createProposalFrom;
      expect((await addParticipant(t.api, client, id, freelancer, 'FREELANCER')).errors).toBeUndefined();
      const proposal = await read(client, id);
      expect(proposal.readiness.checks.filter((check: { passed: boolean }) => !check.passed)).toEqual([]);
      const version = await freezeOk(t, client, id, 'from a template');
      expect(version).toBeTruthy();
    },
  );

  it('invites each address as FREELANCER; a refused invitation leaves no proposal behind', async () => {
    const client = await makeUser(t.api);
    const created = await createFrom(client, {
      templateKey: 'forecasting',
      sections: ['outcome'],
      title: 'Forecasts',
      invite: ['New.Person@Example.test'],
    });
    expect(created.errors).toBeUndefined();
    const proposal = await read(client, created.data!.createProposalFrom.id);
    expect(
      proposal.participants.map(({ role, pending, invitedEmail }: Record<string, unknown>) => ({
        role,
        pending,
        invitedEmail,
      })),
    ).toContainEqual({ role: 'FREELANCER', pending: true, invitedEmail: 'new.person@example.test' });
    // The invitation e-mail is queued in the same transaction, as addParticipant queues it.
    const emails = await t.db.query<{ kind: string }>(`select kind from "emails" where "to_address" = $1`, [
      'new.person@example.test',
    ]);
    expect(emails.rows).toHaveLength(1);

    const before = Number((await t.db.query<{ n: string }>('select count(*) as n from proposals')).rows[0]!.n);
    const refused = await createFrom(client, {
      templateKey: 'forecasting',
      sections: ['outcome'],
      title: 'Invites myself',
      invite: [client.email],
    });
    expect(refused.code).toBe('CONFLICT');
    const after = Number((await t.db.query<{ n: string }>('select count(*) as n from proposals')).rows[0]!.n);
    expect(after).toBe(before);
  });
});

describe('createProposalFrom a proposal', () => {
  it('copies exactly the chosen sections with new item ids, and no comments, versions or people', async () => {
    const cast = await readyCast(t);
    await startThreadOk(t, cast.client, cast.proposal.id, 'Is AUC the right metric?');
    await freezeOk(t, cast.client, cast.proposal.id, 'first');
    const source = await read(cast.freelancer, cast.proposal.id);

    const created = await createFrom(cast.freelancer, {
      proposalId: cast.proposal.id,
      sections: ['outcome', 'milestones', 'ownership'],
      title: 'Churn, second phase',
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProposalFrom.id;
    const copy = await read(cast.freelancer, id);
    expect(copy.myRole).toBe('CLIENT');
    expect(copy.participants).toEqual([
      { role: 'CLIENT', pending: false, invitedEmail: null, user: { id: cast.freelancer.id } },
    ]);
    expect(copy.draft.outcome).toEqual(source.draft.outcome);
    expect(copy.draft.ownership).toEqual(source.draft.ownership);
    const withoutId = (items: { id: string }[]) => items.map(({ id: _id, ...rest }) => rest);
    expect(withoutId(copy.draft.milestones)).toEqual(withoutId(source.draft.milestones));
    const sourceIds = new Set(source.draft.milestones.map((m: { id: string }) => m.id));
    expect(copy.draft.milestones.every((m: { id: string }) => m.id && !sourceIds.has(m.id))).toBe(true);
    expect(copy.draft.scope.text).toBe('');
    expect(copy.draft.team).toEqual([]);
    expect(copy.draft.successMetrics).toEqual([]);
    expect(copy.draft.dataReadiness.sources).toBe('');
    for (const table of ['comment_threads', 'suggestions', 'contract_versions'])
      expect(await count(table, id), table).toBe(0);
    expect(await count('comment_threads', cast.proposal.id)).toBe(1);
    expect(completeBrief().outcome.text).toBe(copy.draft.outcome.text);
  });

  it('refuses a proposal the caller does not take part in, as not found', async () => {
    const cast = await readyCast(t);
    const refused = await createFrom(cast.outsider, {
      proposalId: cast.proposal.id,
      sections: ['outcome'],
      title: 'Stolen',
    });
    expect(refused.code).toBe('NOT_FOUND');
    const missing = await createFrom(cast.outsider, { proposalId: 'nope', sections: ['outcome'], title: 'x' });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.errors![0]!.message).toBe(refused.errors![0]!.message);
  });

  it('refuses a bad section list, both or neither source, an unknown template and a bad title, naming the field', async () => {
    const cast = await readyCast(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ proposalId: cast.proposal.id, sections: ['outcome', 'budget'], title: 'x' }, 'sections'],
      [{ proposalId: cast.proposal.id, sections: [], title: 'x' }, 'sections'],
      [{ proposalId: cast.proposal.id, templateKey: 'forecasting', sections: ['outcome'], title: 'x' }, 'templateKey'],
      [{ sections: ['outcome'], title: 'x' }, 'proposalId'],
      [{ templateKey: 'astrology', sections: ['outcome'], title: 'x' }, 'templateKey'],
      [{ templateKey: 'forecasting', sections: ['outcome'], title: '   ' }, 'title'],
      [{ templateKey: 'forecasting', sections: ['outcome'], title: 'x', invite: ['not an address'] }, 'invite.0'],
    ];
    for (const [input, field] of cases) {
      const result = await createFrom(cast.client, input);
      expect(result.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field, JSON.stringify(input)).toBe(field);
    }
  });
});
