import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { NotificationKind } from '@brieflock/schema';
import type { Context } from '../context.js';
import { NotificationKindEnum } from './notifications.types.js';
import { describeUnsubscribeLink, unsubscribe, type UnsubscribeScope } from './unsubscribe.js';

const SCOPE = 'The notification kind whose e-mails the link stops, or `digest` for the e-mail digest.';
const REFUSED =
  'Refused with BAD_USER_INPUT (`extensions.field` = `token`, `extensions.reason` = `unknown` | `expired` | `used`) ' +
  'for a link that does not work, or a token made for anything but unsubscribing.';

@ObjectType({ description: 'What an unsubscribe link from an e-mail would stop, before it is followed.' })
export class UnsubscribeLink {
  @Field(() => String, { description: SCOPE }) scope!: UnsubscribeScope;
  @Field(() => String, { description: 'What stops, to end "You will no longer get …": e.g. `e-mails about mentions`.' })
  description!: string;
  @Field(() => String, { description: 'The address the e-mails go to, mostly hidden: `a••@example.test`.' })
  maskedEmail!: string;
  @Field(() => Boolean, {
    description: 'Whether those e-mails are stopped already (following the link changes nothing).',
  })
  alreadyStopped!: boolean;
}

@ObjectType({ description: 'What following an unsubscribe link did.' })
export class UnsubscribeResult {
  @Field(() => String, { description: SCOPE }) scope!: UnsubscribeScope;
  @Field(() => String, { description: 'What stopped, to end "You will no longer get …".' }) description!: string;
  @Field(() => [NotificationKindEnum], {
    description: 'The kinds moved to APP_ONLY just now; empty when they were there already.',
  })
  stopped!: NotificationKind[];
}

/**
 * The links optional e-mails carry to stop them. No sign-in: the token is the authority,
 * and it only ever changes its own account's preferences.
 */
@Resolver()
export class UnsubscribeResolver {
  @Query(() => UnsubscribeLink, {
    description: `Says what an unsubscribe link stops and for which address, changing nothing. ${REFUSED}`,
  })
  unsubscribeLink(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<UnsubscribeLink> {
    return describeUnsubscribeLink(ctx.em, ctx.reach, token);
  }

  @Mutation(() => UnsubscribeResult, {
    description:
      "Follows an unsubscribe link: a kind's e-mails, or every kind in the digest, go to APP_ONLY for the link's " +
      `account. The link keeps working (following it again changes nothing). ${REFUSED}`,
  })
  unsubscribe(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<UnsubscribeResult> {
    return unsubscribe(ctx.em, ctx.reach, token);
  }
}
