import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nextReminderAt, remindSigners } from './sign-reminders.js';
import { ID } from '../id.scalar.js';
import { consentStatement, diffBriefs, type TypedBriefContent } from '@brieflock/schema';
import { GraphQLJSON } from 'graphql-scalars';
import { badInput } from '../../errors.js';
import { requireViewer, type Context } from '../context.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import type { SignatureView, SignerView, VersionView } from './contract.loaders.js';
import { User } from '../accounts/user.entity.js';
import { Brief } from '../briefs/brief.types.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import { ContractVersion } from './contract-version.entity.js';
import { DeclineVersionInput, FreezeProposalInput, SignVersionInput } from './contract.inputs.js';
import { type DeclinedVersion, declineVersion } from './decline-version.js';
import { isSignerRole, versionNotFound, versionProposalFor } from './contract.policy.js';
import { VerificationReport, VersionDiff, VersionSigner } from './contract.types.js';
import { freezeBrief } from './freeze-brief.js';
import { Signature } from './signature.entity.js';
import { type SignedVersion, signVersion } from './sign-version.js';
import { checkRecords, recordsSize, rowsThrough, verifyProposal } from './verify-proposal.js';
import { workPool } from '../../work/pool.js';
import { briefSize, checkRecordsTask, diffTask, INLINE_DIFF_MAX_CHARS, INLINE_VERIFY_MAX_BYTES } from './work-tasks.js';
import { startVersionSigning } from './start-version-signing.js';
import { restoreVersion } from './restore-version.js';
import { getProposalFor } from '../proposals/proposal.queries.js';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.js';

/** A version the viewer may see (a participant of its proposal); NOT_FOUND otherwise. */
async function visibleVersion(ctx: Context, versionId: string): Promise<ContractVersion> {
  const viewer = requireViewer(ctx);
  await versionProposalFor(ctx.em, versionId, viewer.user.id);
  const version = await ctx.em.findOne(ContractVersion, versionId);
  if (!version) throw versionNotFound();
  return version;
}

// Field resolvers take a version entity or its read model (see loaders.ts) alike.
@Resolver(() => ContractVersion)
export class ContractResolver {
  @Query(() => ContractVersion, {
    nullable: true,
    description: 'A contract version of a proposal the signed-in user takes part in; NOT_FOUND otherwise.',
  })
  contractVersion(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ContractVersion> {
    return visibleVersion(ctx, id);
  }

  @Query(() => VersionDiff, { description: 'Field-level differences between two versions of one proposal.' })
  async compareVersions(
    @Arg('fromId', () => ID) fromId: string,
    @Arg('toId', () => ID) toId: string,
    @Ctx() ctx: Context,
  ): Promise<VersionDiff> {
    const from = await visibleVersion(ctx, fromId);
    const to = await visibleVersion(ctx, toId);
    if (from.proposal.id !== to.proposal.id) throw badInput('toId', 'both versions must belong to the same proposal');
    const [before, after] = await ctx.loaders.contentByVersion.loadMany([from.id, to.id]);
    if (before instanceof Error) throw before;
    if (after instanceof Error) throw after;
    const small = briefSize(before!) + briefSize(after!) <= INLINE_DIFF_MAX_CHARS;
    const diff = small
      ? diffBriefs(before!, after!)
      : await workPool().run(diffTask, { before: before!, after: after! });
    return { from, to, ...diff };
  }

  @Query(() => VerificationReport, {
    description:
      "Recomputes every hash and link of a proposal's contract and reports the first record that does not match.",
  })
  async verifyProposal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<VerificationReport> {
    await assertParticipant(ctx.em, id, requireViewer(ctx).user.id);
    return verifyProposal(
      rowsThrough(ctx.em),
      id,
      { trusted: ctx.keys.trusted, rpId: ctx.relyingParty.id },
      async (input) =>
        recordsSize(input) < INLINE_VERIFY_MAX_BYTES ? checkRecords(input) : workPool().run(checkRecordsTask, input),
    );
  }

  @Mutation(() => ContractVersion, {
    description:
      'Freezes the live brief into the next contract version (CLIENT or FREELANCER; the brief must be ready).',
  })
  async freezeProposal(
    @Arg('input', () => FreezeProposalInput) input: FreezeProposalInput,
    @Ctx() ctx: Context,
  ): Promise<ContractVersion> {
    const viewer = requireViewer(ctx);
    const eventOf = (frozen: { proposalId: string; versionId: string }) =>
      ({
        kind: 'VERSION_FROZEN',
        proposalId: frozen.proposalId,
        versionId: frozen.versionId,
        actorId: viewer.user.id,
      }) as const;
    const frozen = await freezeBrief(ctx.em, ctx.live, ctx.keys, viewer, input, ctx, (tx, frozen) =>
      enqueueWebhookDeliveries(tx, ctx.jobs, eventOf(frozen)).then(() => undefined),
    );
    ctx.events.notified(frozen.notices);
    ctx.events.publish(eventOf(frozen));
    return ctx.em.findOneOrFail(ContractVersion, frozen.versionId);
  }

  @Mutation(() => Proposal, {
    description:
      "Turns the live draft back into a version's content for everyone, as one change (CLIENT or FREELANCER); " +
      'recorded in the audit trail.',
  })
  async restoreVersion(@Arg('versionId', () => ID) versionId: string, @Ctx() ctx: Context): Promise<Proposal> {
    const viewer = requireViewer(ctx);
    const restored = await restoreVersion(ctx.em, ctx.live, ctx.keys, viewer.user, versionId);
    return getProposalFor(ctx.em, restored.proposalId, viewer.user.id);
  }

  @Mutation(() => GraphQLJSON, {
    description:
      'Starts signing a version with a passkey: WebAuthn request options whose challenge binds the version id, its content hash and the consent statement.',
  })
  startVersionSigning(@Arg('versionId', () => ID) versionId: string, @Ctx() ctx: Context): Promise<unknown> {
    return startVersionSigning(ctx.em, ctx.relyingParty, requireViewer(ctx), versionId);
  }

  @Mutation(() => Signature, {
    description: "Signs a version by the content hash the signer reviewed (the version's required signers only).",
  })
  async signVersion(
    @Arg('input', () => SignVersionInput) input: SignVersionInput,
    @Ctx() ctx: Context,
  ): Promise<Signature> {
    const viewer = requireViewer(ctx);
    const eventsOf = (signed: SignedVersion) =>
      (signed.executed ? (['VERSION_SIGNED', 'VERSION_EXECUTED'] as const) : (['VERSION_SIGNED'] as const)).map(
        (kind) => ({ kind, proposalId: signed.proposalId, versionId: signed.versionId, actorId: viewer.user.id }),
      );
    // The deliveries commit with the signature (signing spends its challenge outside that transaction).
    const signed = await signVersion(
      ctx.em,
      ctx.keys,
      ctx.relyingParty,
      viewer,
      ctx.meta,
      input,
      ctx,
      async (tx, signed) => {
        for (const event of eventsOf(signed)) await enqueueWebhookDeliveries(tx, ctx.jobs, event);
      },
    );
    ctx.events.notified(signed.notices);
    if (signed.created) for (const event of eventsOf(signed)) ctx.events.publish(event);
    return ctx.em.findOneOrFail(Signature, signed.signatureId);
  }

  @Mutation(() => ContractVersion, {
    description:
      'Declines a version awaiting signatures, with a reason (a required signer who has not signed): it becomes DECLINED and can never be signed.',
  })
  async declineVersion(
    @Arg('input', () => DeclineVersionInput) input: DeclineVersionInput,
    @Ctx() ctx: Context,
  ): Promise<ContractVersion> {
    const viewer = requireViewer(ctx);
    const eventOf = (declined: DeclinedVersion) =>
      ({
        kind: 'VERSION_DECLINED',
        proposalId: declined.proposalId,
        versionId: declined.versionId,
        actorId: viewer.user.id,
      }) as const;
    const declined = await declineVersion(ctx.em, ctx.keys, viewer, input, ctx, (tx, declined) =>
      enqueueWebhookDeliveries(tx, ctx.jobs, eventOf(declined)).then(() => undefined),
    );
    ctx.events.notified(declined.notices);
    ctx.events.publish(eventOf(declined));
    return ctx.em.findOneOrFail(ContractVersion, declined.versionId, { refresh: true });
  }

  @Mutation(() => Int, {
    description:
      "Reminds the version's pending signers now, by notification and e-mail (CLIENT only; never oneself). " +
      'Each signer is reminded by hand at most once an hour; answers how many were reminded.',
  })
  async remindSigners(@Arg('versionId', () => ID) versionId: string, @Ctx() ctx: Context): Promise<number> {
    const { reminded, notices } = await remindSigners(ctx.em, ctx, requireViewer(ctx).user.id, versionId);
    ctx.events.notified(notices);
    return reminded;
  }

  @FieldResolver(() => ID)
  proposalId(@Root() version: VersionView): string {
    return version.proposal.id;
  }

  @FieldResolver(() => GraphQLJSON, {
    description: 'The frozen brief, keyed by section (what contentHash is the hash of).',
  })
  contentJson(@Root() version: VersionView, @Ctx() ctx: Context): Promise<TypedBriefContent> {
    return ctx.loaders.contentByVersion.load(version.id);
  }

  @FieldResolver(() => Brief, { description: 'The frozen brief, typed.' })
  async content(@Root() version: VersionView, @Ctx() ctx: Context): Promise<Brief> {
    return (await ctx.loaders.contentByVersion.load(version.id)) as unknown as Brief;
  }

  @FieldResolver(() => User)
  frozenBy(@Root() version: VersionView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(version.frozenBy.id);
  }

  @FieldResolver(() => [Signature])
  signatures(@Root() version: VersionView, @Ctx() ctx: Context): Promise<SignatureView[]> {
    return ctx.loaders.signaturesByVersion.load(version.id);
  }

  @FieldResolver(() => [VersionSigner], { description: 'Every required signer, with their signature once given.' })
  async signers(
    @Root() version: VersionView,
    @Ctx() ctx: Context,
  ): Promise<
    {
      user: UserView;
      role: SignerView['role'];
      signature: SignatureView | null;
      nextReminderAt: Date | null;
      lastRemindedAt: Date | null;
    }[]
  > {
    const [signers, signatures] = await Promise.all([
      ctx.loaders.signersByVersion.load(version.id),
      ctx.loaders.signaturesByVersion.load(version.id),
    ]);
    const users = await Promise.all(signers.map((signer) => ctx.loaders.user(signer.user.id)));
    const bySigner = new Map(signatures.map((signature) => [signature.signer.id, signature]));
    const turn = currentGroupOf(signers, new Set(bySigner.keys()));
    return signers.map((signer, index) => {
      const signature = bySigner.get(signer.user.id) ?? null;
      return {
        user: users[index]!,
        role: signer.role,
        signature,
        nextReminderAt:
          // Reminders go only to the signers whose turn it is.
          version.status === 'AWAITING_SIGNATURES' &&
          !signature &&
          (signer.signingGroup === null || signer.signingGroup === turn)
            ? nextReminderAt(version.frozenAt, ctx.reach.signReminderDays, signer.lastReminderOrdinal)
            : null,
        lastRemindedAt: signer.lastRemindedAt,
      };
    });
  }

  @FieldResolver(() => [[User]], {
    nullable: true,
    description: 'The groups that sign in sequence (everyone in a group in any order); null when any order goes.',
  })
  async signingOrder(@Root() version: VersionView, @Ctx() ctx: Context): Promise<UserView[][] | null> {
    const signers = await ctx.loaders.signersByVersion.load(version.id);
    if (!signers.some((signer) => signer.signingGroup !== null)) return null;
    const groups: UserView[][] = [];
    const users = await Promise.all(signers.map((signer) => ctx.loaders.user(signer.user.id)));
    signers.forEach((signer, index) => {
      const group = signer.signingGroup ?? 0;
      while (groups.length <= group) groups.push([]);
      groups[group]!.push(users[index]!);
    });
    return groups.filter((group) => group.length > 0);
  }

  @FieldResolver(() => ContractVersion, {
    nullable: true,
    description:
      'The version in force this one amends: set when it was frozen while a contract was in force (a change order).',
  })
  async amends(@Root() version: VersionView | ContractVersion, @Ctx() ctx: Context): Promise<VersionView | null> {
    const amendsId = 'amendsId' in version ? version.amendsId : (version.amends?.id ?? null);
    if (!amendsId) return null;
    // Always a version of the same proposal, so its list (batched, likely loaded already) holds it.
    const versions = await ctx.loaders.versionsByProposal.load(version.proposal.id);
    return versions.find((other) => other.id === amendsId) ?? null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The signer who declined this version (status DECLINED).' })
  declinedBy(@Root() version: VersionView, @Ctx() ctx: Context): UserView | Promise<UserView> | null {
    return version.declinedBy ? ctx.loaders.user(version.declinedBy.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why the signer declined this version.' })
  declineReason(@Root() version: VersionView): string | null {
    return version.declineReason;
  }

  @FieldResolver(() => Boolean, {
    description:
      'The signed-in user is a required signer who has not signed, whose turn it is, and the version awaits signatures.',
  })
  async canSign(@Root() version: VersionView, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx);
    if (version.status !== 'AWAITING_SIGNATURES') return false;
    const [signers, signatures] = await Promise.all([
      ctx.loaders.signersByVersion.load(version.id),
      ctx.loaders.signaturesByVersion.load(version.id),
    ]);
    const signed = new Set(signatures.map((signature) => signature.signer.id));
    const me = signers.find((signer) => signer.user.id === viewer.user.id);
    if (!me || signed.has(viewer.user.id)) return false;
    // With a signing order, only the lowest group with a pending signer may sign.
    return me.signingGroup === null || me.signingGroup === currentGroupOf(signers, signed);
  }

  @FieldResolver(() => String, { description: 'The statement the signed-in user agrees to by signing this version.' })
  async consentStatement(@Root() version: VersionView, @Ctx() ctx: Context): Promise<string> {
    const viewer = requireViewer(ctx);
    const proposal = await ctx.loaders.proposalById.load(version.proposal.id);
    return consentStatement({
      signerName: viewer.user.name,
      proposalTitle: proposal!.title,
      versionNumber: version.number,
      contentHash: version.contentHash,
    });
  }

  @FieldResolver(() => String, { description: 'Where to download this version as Markdown (participants only).' })
  markdownUrl(@Root() version: VersionView): string {
    return `/export/versions/${version.id}.md`;
  }

  @FieldResolver(() => String, {
    description: 'Where to download this version as PDF, with its certificate page (participants only).',
  })
  pdfUrl(@Root() version: VersionView): string {
    return `/export/versions/${version.id}.pdf`;
  }

  @FieldResolver(() => String, {
    description:
      'Where to download the evidence bundle of this version, checked offline by `pnpm verify --bundle` or the /verify page (participants only).',
  })
  evidenceUrl(@Root() version: VersionView): string {
    return `/export/versions/${version.id}.evidence.json`;
  }
}

// The root is a signature entity or its read model (see loaders.ts).
@Resolver(() => Signature)
export class SignatureResolver {
  @FieldResolver(() => User)
  signer(@Root() signature: SignatureView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(signature.signer.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The signer's IP address; shown to the proposal's clients and freelancers only (null for viewers).",
  })
  async ip(@Root() signature: SignatureView, @Ctx() ctx: Context): Promise<string | null> {
    return (await isParty(ctx, signature)) ? signature.ip : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The signer's user agent; shown to the proposal's clients and freelancers only (null for viewers).",
  })
  async userAgent(@Root() signature: SignatureView, @Ctx() ctx: Context): Promise<string | null> {
    return (await isParty(ctx, signature)) ? signature.userAgent : null;
  }
}

/** The signing group whose turn it is: the lowest with a signer who has not signed (null: none). */
function currentGroupOf(signers: SignerView[], signed: Set<string>): number | null {
  const pending = signers
    .filter((signer) => signer.signingGroup !== null && !signed.has(signer.user.id))
    .map((signer) => signer.signingGroup!);
  return pending.length === 0 ? null : Math.min(...pending);
}

/** The viewer is a CLIENT or FREELANCER of the signature's proposal. */
async function isParty(ctx: Context, signature: SignatureView): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const role = await ctx.loaders.roleByVersion.load(`${signature.version.id}|${viewer.user.id}`);
  return role !== null && isSignerRole(role);
}

// Proposal is only resolved for its participants, so its versions need no further check.
@Resolver(() => Proposal)
export class ProposalVersionsResolver {
  @FieldResolver(() => [ContractVersion], { description: 'Contract versions, newest first.' })
  versions(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<VersionView[]> {
    return ctx.loaders.versionsByProposal.load(proposal.id);
  }
}
