import { randomUUID } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import {
  findTemplate,
  SECTION_KEYS,
  type SectionKey,
  settledBrief,
  templateBrief,
  todayIso,
  type TypedBriefContent,
  writeBriefSections,
} from '@brieflock/schema';
import { z } from 'zod';
import { badInput } from '../../errors.js';
import { emailField, parseInput } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Reach } from '../mail/reach.js';
import type { Notice } from '../notifications/notify.js';
import { briefSnapshot } from '../briefs/brief-snapshot.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { addParticipant } from './add-participant.js';
import { CreateProposalSchema } from './proposal.inputs.js';
import { Participant } from './participant.entity.js';
import { Proposal } from './proposal.entity.js';
import { getProposalFor } from './proposal.queries.js';

export interface CreateFromInputValue {
  proposalId?: string | null;
  templateKey?: string | null;
  sections: string[];
  title: string;
  invite?: string[] | null;
}

const InviteSchema = z.array(emailField).max(20, 'must list at most 20 addresses');

export interface CreatedFrom {
  proposal: Proposal;
  invited: Participant[];
  notices: Notice[];
}

/**
 * Validates the input of createProposalFrom: exactly one source, a non-empty list of
 * known section keys (without repeats), a title as createProposal wants it, and valid
 * addresses to invite (each once).
 */
function parseCreateFrom(input: CreateFromInputValue) {
  const hasProposal = input.proposalId != null && input.proposalId !== '';
  const hasTemplate = input.templateKey != null && input.templateKey !== '';
  if (hasProposal === hasTemplate)
    throw badInput(hasProposal ? 'templateKey' : 'proposalId', 'give exactly one of proposalId and templateKey');
  if (hasTemplate && !findTemplate(input.templateKey!))
    throw badInput('templateKey', `unknown template "${input.templateKey}"`);
  if (input.sections.length === 0) throw badInput('sections', 'choose at least one section');
  const unknown = input.sections.filter((key) => !SECTION_KEYS.includes(key as SectionKey));
  if (unknown.length > 0) throw badInput('sections', `unknown section ${unknown.map((key) => `"${key}"`).join(', ')}`);
  const { title } = parseInput(CreateProposalSchema, { title: input.title });
  const invite = parseInput(z.object({ invite: InviteSchema }), { invite: input.invite ?? [] }).invite;
  return {
    source: hasProposal
      ? { kind: 'proposal' as const, id: input.proposalId! }
      : { kind: 'template' as const, id: input.templateKey! },
    sections: [...new Set(input.sections)] as SectionKey[],
    title,
    invite: [...new Set(invite)],
  };
}

/**
 * Starts a proposal from a starter template or from a proposal the caller takes part in,
 * with the chosen sections of its brief: from a proposal, the live brief with suggestion
 * marks settled (what it reads as now); list items get new ids. Nothing else is copied:
 * no comments, suggestions, versions or participants. The caller joins as CLIENT and
 * each address in `invite` is invited as FREELANCER through addParticipant; everything
 * happens in one transaction, so a refused invitation leaves no proposal behind.
 */
export async function createProposalFrom(
  em: EntityManager,
  creator: User,
  input: CreateFromInputValue,
  deps: { live: LiveBriefs; jobs: JobQueue; reach: Reach },
): Promise<CreatedFrom> {
  const { source, sections, title, invite } = parseCreateFrom(input);
  let brief: TypedBriefContent;
  if (source.kind === 'proposal') {
    await getProposalFor(em, source.id, creator.id);
    brief = settledBrief((await briefSnapshot(em, deps.live, source.id)).brief);
  } else {
    brief = templateBrief(findTemplate(source.id)!, todayIso());
  }
  const doc = new Y.Doc();
  let state: Buffer;
  try {
    writeBriefSections(doc, brief, sections, randomUUID);
    state = Buffer.from(Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
  return em.transactional(async (tx) => {
    const proposal = tx.create(Proposal, { title, createdBy: creator });
    tx.create(Participant, { proposal, user: creator, role: 'CLIENT' });
    await tx.flush();
    // The first stored state of the brief, as a compacted log holds it: one row.
    const trx = tx.getTransactionContext<Knex.Transaction>()!;
    await trx.raw('insert into "brief_updates" ("proposal_id", "data") values (?, ?)', [proposal.id, state]);
    const invited: Participant[] = [];
    const notices: Notice[] = [];
    for (const email of invite) {
      const added = await addParticipant(tx, creator, { proposalId: proposal.id, email, role: 'FREELANCER' }, deps);
      invited.push(added.participant);
      notices.push(...added.notices);
    }
    return { proposal, invited, notices };
  });
}
