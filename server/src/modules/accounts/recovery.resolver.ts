import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { LIMITS } from '@brieflock/schema';
import { requireViewer, type Context } from '../context.js';
import { AuthPayload } from './account.inputs.js';
import { resendVerificationEmail, verifyEmail } from './email-verification.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
import { User } from './user.entity.js';

@InputType()
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of the link the reset e-mail carried.' }) token!: string;
  @Field(() => String, { description: `The new password: at least ${LIMITS.passwordMinLength} characters.` })
  password!: string;
}

/** Proving an address and getting back into an account, by links sent by e-mail. */
@Resolver(() => User)
export class RecoveryResolver {
  @Mutation(() => User, {
    description:
      'Proves the address a verification link was sent to. Refused with BAD_USER_INPUT (`extensions.field` = `token`, ' +
      '`extensions.reason` = `unknown` | `expired` | `used`) for a link that does not work.',
  })
  verifyEmail(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<User> {
    return verifyEmail(ctx.em, ctx.reach, token);
  }

  @Mutation(() => Boolean, {
    description:
      'Sends the signed-in person a new verification link (the earlier ones stop working). At most 5 an hour.',
  })
  async resendVerificationEmail(@Ctx() ctx: Context): Promise<boolean> {
    await resendVerificationEmail(ctx.em, ctx, requireViewer(ctx).user.id);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'E-mails a password-reset link (one hour, single use) to the account with this address. Always true: it never says whether the address has an account.',
  })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: Context): Promise<boolean> {
    await requestPasswordReset(ctx.em, ctx, { email });
    return true;
  }

  @Mutation(() => AuthPayload, {
    description: 'Sets a new password with a reset link, signs out every session of the account and signs this one in.',
  })
  async resetPassword(
    @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const result = await resetPassword(ctx.em, ctx.reach, input, ctx.meta, ctx.sessionTtlMs);
    for (const sessionId of result.revokedSessionIds) ctx.live.sessionEnded(sessionId);
    ctx.cookies.setSession(result.token, new Date(Date.now() + ctx.sessionTtlMs));
    return { token: result.token, user: result.user };
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the account has proven it holds its address (a link sent there was followed).',
  })
  async emailVerified(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    if (user.emailVerifiedAt instanceof Date) return true;
    return (await ctx.loaders.emailVerified.load(user.id)) ?? false;
  }
}
