import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import type { Receipt as ReceiptValue } from '@brieflock/schema';
import type { Context } from '../context.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { currentReceipt, receiptsOf } from './receipts.js';

@ObjectType({
  description:
    "The server's signed statement of a proposal's audit chain head (hash and length). Keep it: `pnpm verify <id> --receipt <file>` then proves any deletion or rollback behind it.",
})
export class Receipt {
  @Field(() => ID) proposalId!: string;
  @Field(() => String, { description: 'Hash of the newest audit row (64 zeros for an empty chain).' })
  headHash!: string;
  @Field(() => Int, { description: 'Number of audit rows.' }) length!: number;
  @Field(() => Date) issuedAt!: Date;
  @Field(() => String, { description: 'Id of the server key that signed it (GET /.well-known/brieflock-keys).' })
  keyId!: string;
  @Field(() => String, { description: 'Ed25519 signature, base64url, over the receipt payload of schema/.' })
  signature!: string;
}

const view = (receipt: ReceiptValue): Receipt => ({ ...receipt, issuedAt: new Date(receipt.issuedAt) });

// Proposal is only resolved for its participants, so its receipts need no further check.
@Resolver(() => Proposal)
export class ProposalReceiptResolver {
  @FieldResolver(() => Receipt, { description: 'The receipt for the audit chain as it is now.' })
  async receipt(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<Receipt> {
    return view(await currentReceipt(ctx.em, ctx.keys, proposal.id));
  }

  @FieldResolver(() => [Receipt], { description: 'Every receipt issued for this proposal, newest first.' })
  async receipts(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<Receipt[]> {
    return (await receiptsOf(ctx.em, proposal.id)).map(view);
  }
}
