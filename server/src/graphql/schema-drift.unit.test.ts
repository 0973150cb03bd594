import fs from 'node:fs/promises';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTICIPANT_ROLES, PROPOSAL_EVENT_KINDS } from '@brieflock/schema';
import { REPO_ROOT } from '../config.js';
import { buildAppSchema, printSortedSchema } from './schema.js';

const COMMITTED = path.join(REPO_ROOT, 'schema', 'schema.graphql');

let printed: string;
let committed: string;
let sdl: GraphQLSchema;

beforeAll(async () => {
  printed = printSortedSchema(await buildAppSchema());
  committed = await fs.readFile(COMMITTED, 'utf8');
  sdl = buildSchema(committed);
});

/** `Type.field` of the committed SDL, failing with its name when it is missing. */
function fieldOf(typeName: string, fieldName: string): GraphQLField<unknown, unknown> {
  const type = sdl.getType(typeName);
  if (!isObjectType(type)) throw new Error(`schema/schema.graphql has no object type ${typeName}`);
  const field = type.getFields()[fieldName];
  if (!field) throw new Error(`schema/schema.graphql has no field ${typeName}.${fieldName}`);
  return field;
}

/** A field's arguments as `name: Type`, e.g. `['id: ID!']`. */
const argsOf = (field: GraphQLField<unknown, unknown>) => field.args.map((arg) => `${arg.name}: ${String(arg.type)}`);

describe('schema/schema.graphql', () => {
  it('is exactly what the resolvers build (run `pnpm schema:emit` after changing them)', () => {
    if (printed !== committed) {
      const printedLines = printed.split('\n');
      const committedLines = committed.split('\n');
      const line = printedLines.findIndex((text, index) => text !== committedLines[index]);
      expect.fail(
        `schema/schema.graphql is out of date with the resolvers: run \`pnpm schema:emit\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${JSON.stringify(committedLines[line])}\n  built:     ${JSON.stringify(printedLines[line])}`,
      );
    }
    expect(printed).toBe(committed);
  });

  it('is sorted, so that regenerating it gives small diffs', () => {
    expect(printSortedSchema(sdl)).toBe(committed);
  });
});

describe('the public contract in the SDL', () => {
  it('has the queries me, proposals and proposal(id: ID!)', () => {
    expect(String(fieldOf('Query', 'me').type)).toBe('User');
    expect(argsOf(fieldOf('Query', 'me'))).toEqual([]);
    expect(String(fieldOf('Query', 'proposals').type)).toBe('[Proposal!]!');
    expect(String(fieldOf('Query', 'proposal').type)).toBe('Proposal');
    expect(argsOf(fieldOf('Query', 'proposal'))).toEqual(['id: ID!']);
  });

  it.each([
    ['signUp', 'input: SignUpInput!', 'AuthPayload!'],
    ['signIn', 'input: SignInInput!', 'AuthPayload!'],
    ['createProposal', 'input: CreateProposalInput!', 'Proposal!'],
    ['addParticipant', 'input: AddParticipantInput!', 'Participant!'],
    ['freezeProposal', 'input: FreezeProposalInput!', 'ContractVersion!'],
    ['signVersion', 'input: SignVersionInput!', 'Signature!'],
  ])('has the mutation %s(%s): %s', (name, args, returns) => {
    const field = fieldOf('Mutation', name);
    expect(argsOf(field)).toEqual([args]);
    expect(String(field.type)).toBe(returns);
  });

  it.each([
    ['suggestChange', 'input: SuggestChangeInput!'],
    ['acceptSuggestion', 'id: ID!'],
    ['rejectSuggestion', 'id: ID!'],
    ['withdrawSuggestion', 'id: ID!'],
  ])('has the mutation %s(%s): Suggestion!', (name, args) => {
    const field = fieldOf('Mutation', name);
    expect(argsOf(field)[0]).toBe(args);
    // Further arguments extend the contract: they must be optional.
    for (const arg of field.args.slice(1)) expect(String(arg.type)).not.toMatch(/!$/);
    expect(String(field.type)).toBe('Suggestion!');
  });

  it('has Proposal.suggestions(status), the Suggestion type and ProposalEvent.suggestion', () => {
    expect(argsOf(fieldOf('Proposal', 'suggestions'))).toEqual(['status: SuggestionStatus']);
    expect(String(fieldOf('Proposal', 'suggestions').type)).toBe('[Suggestion!]!');
    const types = Object.fromEntries(
      ['id', 'section', 'itemId', 'field', 'author', 'status', 'summary', 'createdAt'].map((name) => [
        name,
        String(fieldOf('Suggestion', name).type),
      ]),
    );
    expect(types).toEqual({
      id: 'ID!',
      section: 'String!',
      itemId: 'String',
      field: 'String',
      author: 'User!',
      status: 'SuggestionStatus!',
      summary: 'String!',
      createdAt: 'DateTimeISO!',
    });
    expect(String(fieldOf('ProposalEvent', 'suggestion').type)).toBe('Suggestion');
    const input = sdl.getType('SuggestChangeInput');
    if (!isInputObjectType(input)) throw new Error('SuggestChangeInput is not an input type');
    expect(Object.keys(input.getFields())).toEqual(
      expect.arrayContaining(['proposalId', 'section', 'itemId', 'field', 'value']),
    );
  });

  it('has the mutation signOut: Boolean! without arguments', () => {
    expect(argsOf(fieldOf('Mutation', 'signOut'))).toEqual([]);
    expect(String(fieldOf('Mutation', 'signOut').type)).toBe('Boolean!');
  });

  it.each([
    ['SignUpInput', ['email', 'name', 'password']],
    ['SignInInput', ['email', 'password']],
    ['CreateProposalInput', ['title']],
    ['AddParticipantInput', ['email', 'proposalId', 'role']],
    ['FreezeProposalInput', ['proposalId', 'note']],
    ['SignVersionInput', ['versionId', 'contentHash']],
  ])('has the input %s with the fields %j', (name, fields) => {
    const type = sdl.getType(name);
    expect(isInputObjectType(type)).toBe(true);
    if (!isInputObjectType(type)) return;
    expect(Object.keys(type.getFields())).toEqual(expect.arrayContaining(fields));
  });

  it('types AddParticipantInput.role as ParticipantRole', () => {
    const type = sdl.getType('AddParticipantInput');
    if (!isInputObjectType(type)) throw new Error('AddParticipantInput is not an input type');
    expect(String(type.getFields().role?.type)).toBe('ParticipantRole!');
  });

  it('has the enum ParticipantRole with exactly CLIENT, FREELANCER and VIEWER, as @brieflock/schema lists them', () => {
    const role = sdl.getType('ParticipantRole');
    expect(isEnumType(role)).toBe(true);
    if (!isEnumType(role)) return;
    expect(role.getValues().map((value) => value.name)).toEqual(['CLIENT', 'FREELANCER', 'VIEWER']);
    expect([...PARTICIPANT_ROLES].sort()).toEqual(['CLIENT', 'FREELANCER', 'VIEWER']);
  });

  it('has the queries contractVersion(id), compareVersions(fromId, toId) and the subscription proposalEvents(proposalId)', () => {
    expect(String(fieldOf('Query', 'contractVersion').type)).toBe('ContractVersion');
    expect(argsOf(fieldOf('Query', 'contractVersion'))).toEqual(['id: ID!']);
    expect(String(fieldOf('Query', 'compareVersions').type)).toBe('VersionDiff!');
    expect(argsOf(fieldOf('Query', 'compareVersions'))).toEqual(['fromId: ID!', 'toId: ID!']);
    expect(String(fieldOf('Subscription', 'proposalEvents').type)).toBe('ProposalEvent!');
    expect(argsOf(fieldOf('Subscription', 'proposalEvents'))).toEqual(['proposalId: ID!']);
  });

  it('has the enum ProposalEventKind with every kind the contract names, exactly as @brieflock/schema lists them', () => {
    const type = sdl.getType('ProposalEventKind');
    if (!isEnumType(type)) throw new Error('ProposalEventKind is not an enum');
    const names = type.getValues().map((value) => value.name);
    expect(names.sort()).toEqual([...PROPOSAL_EVENT_KINDS].sort());
    for (const kind of [
      'DRAFT_CHANGED',
      'VERSION_FROZEN',
      'VERSION_SIGNED',
      'VERSION_EXECUTED',
      'PARTICIPANT_ADDED',
      'PARTICIPANT_REMOVED',
      'PARTICIPANT_UPDATED',
      'THREAD_STARTED',
      'COMMENT_ADDED',
      'THREAD_RESOLVED',
      'THREAD_REOPENED',
      'SUGGESTION_ADDED',
      'SUGGESTION_DECIDED',
      'PROPOSAL_UPDATED',
    ])
      expect(names, kind).toContain(kind);
  });

  it.each([
    ['VersionStatus', ['AWAITING_SIGNATURES', 'SIGNED', 'SUPERSEDED', 'DECLINED']],
    ['ThreadStatus', ['OPEN', 'RESOLVED']],
    ['SuggestionStatus', ['OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN']],
  ])('has the enum %s with exactly %j', (name, values) => {
    const type = sdl.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
    expect(
      type
        .getValues()
        .map((value) => value.name)
        .sort(),
    ).toEqual([...values].sort());
  });

  it.each([
    ['AuthPayload', { token: 'String!', user: 'User!' }],
    ['User', { id: 'ID!', email: 'String!', name: 'String!' }],
    ['Participant', { id: 'ID!', user: 'User!', role: 'ParticipantRole!' }],
    ['Proposal', { id: 'ID!', title: 'String!', participants: '[Participant!]!', versions: '[ContractVersion!]!' }],
    [
      'ContractVersion',
      {
        id: 'ID!',
        number: 'Int!',
        status: 'VersionStatus!',
        contentHash: 'String!',
        contentJson: 'JSON!',
        content: 'Brief!',
        frozenBy: 'User!',
        note: 'String',
        signatures: '[Signature!]!',
      },
    ],
    ['Signature', { id: 'ID!', signer: 'User!', contentHash: 'String!', signedAt: 'DateTimeISO!' }],
    [
      'ProposalEvent',
      {
        kind: 'ProposalEventKind!',
        proposalId: 'ID!',
        version: 'ContractVersion',
        actor: 'User',
        thread: 'CommentThread',
      },
    ],
    [
      'CommentThread',
      {
        id: 'ID!',
        anchor: 'Anchor!',
        status: 'ThreadStatus!',
        comments: '[Comment!]!',
        createdAt: 'DateTimeISO!',
        resolvedBy: 'User',
        resolvedAt: 'DateTimeISO',
      },
    ],
    [
      'Anchor',
      { section: 'String!', itemId: 'String', field: 'String', from: 'String', to: 'String', quote: 'String' },
    ],
    ['Comment', { id: 'ID!', author: 'User!', body: 'String!', createdAt: 'DateTimeISO!', editedAt: 'DateTimeISO' }],
  ])('has the type %s with the contract fields', (typeName, fields) => {
    for (const [name, type] of Object.entries(fields)) {
      expect(String(fieldOf(typeName, name).type), `${typeName}.${name}`).toBe(type);
    }
  });

  it.each([
    ['startThread', ['input: StartThreadInput!'], 'CommentThread!'],
    ['replyToThread', ['input: ReplyInput!'], 'Comment!'],
    ['editComment', ['input: EditCommentInput!'], 'Comment!'],
    ['deleteComment', ['commentId: ID!'], 'Boolean!'],
    ['resolveThread', ['threadId: ID!'], 'CommentThread!'],
    ['reopenThread', ['threadId: ID!'], 'CommentThread!'],
  ])('has the mutation %s(%j): %s', (name, args, type) => {
    expect(argsOf(fieldOf('Mutation', name))).toEqual(args);
    expect(String(fieldOf('Mutation', name).type)).toBe(type);
  });

  it('has Proposal.threads(status) and ContractVersion.threads, and AnchorInput with the contract fields', () => {
    expect(argsOf(fieldOf('Proposal', 'threads'))).toEqual(['status: ThreadStatus']);
    expect(String(fieldOf('Proposal', 'threads').type)).toBe('[CommentThread!]!');
    expect(String(fieldOf('ContractVersion', 'threads').type)).toBe('[CommentThread!]!');
    const anchor = sdl.getType('AnchorInput');
    if (!isInputObjectType(anchor)) throw new Error('AnchorInput is not an input type');
    expect(
      Object.fromEntries(Object.values(anchor.getFields()).map((field) => [field.name, String(field.type)])),
    ).toEqual({ section: 'String!', itemId: 'String', field: 'String', from: 'String', to: 'String', quote: 'String' });
  });

  it('exposes no password, hash or secret field', () => {
    const names = Object.values(sdl.getTypeMap())
      // Operations (resetPassword, changePassword) name what they do; only data fields could leak one.
      .filter((type) => isObjectType(type) && type.name !== 'Mutation')
      .flatMap((type) => Object.keys((type as GraphQLObjectType).getFields()).map((field) => `${type.name}.${field}`));
    // The contract's digests are public by design (signers compare them), and a webhook's
    // secret is shown once, to its creator, by design; nothing else may look like a secret.
    const digests =
      /^(ContractVersion\.(contentHash|chainHash|previousHash)|Signature\.(contentHash|recordHash)|Receipt\.headHash|WebhookWithSecret\.(secret|webhook))$/;
    expect(names.filter((name) => /password|hash|secret/i.test(name) && !digests.test(name))).toEqual([]);
  });
});
