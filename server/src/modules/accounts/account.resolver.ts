import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { AuthPayload, ChangePasswordInput, SignInInput, SignUpInput, UpdateProfileInput } from './account.inputs.js';
import { changePassword } from './change-password.js';
import { revokeAllSessions, revokeSession } from './sessions.js';
import { signIn } from './sign-in.js';
import { signUp } from './sign-up.js';
import { updateProfile } from './update-profile.js';
import { User } from './user.entity.js';

@Resolver()
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: Context): User | null {
    return ctx.viewer?.user ?? null;
  }

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const result = await signUp(ctx.em, ctx, input, ctx.meta, ctx.sessionTtlMs);
    ctx.cookies.setSession(result.token, new Date(Date.now() + ctx.sessionTtlMs));
    return result;
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with e-mail and password.' })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const result = await signIn(ctx.em, input, ctx.meta, ctx.sessionTtlMs, ctx.signInThrottle);
    ctx.cookies.setSession(result.token, new Date(Date.now() + ctx.sessionTtlMs));
    return result;
  }

  @Mutation(() => Boolean, { description: 'Revokes the current session.' })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx);
    await revokeSession(ctx.em, viewer.session);
    ctx.cookies.clearSession();
    ctx.live.sessionEnded(viewer.session.id);
    return true;
  }

  @Mutation(() => Int, {
    description:
      'Revokes every session of the account, this one included, and closes the live sockets they opened; ' +
      'answers how many sessions were revoked.',
  })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<number> {
    const viewer = requireViewer(ctx);
    const revoked = await revokeAllSessions(ctx.em, viewer.user.id);
    ctx.cookies.clearSession();
    for (const sessionId of revoked) ctx.live.sessionEnded(sessionId);
    return revoked.length;
  }

  @Mutation(() => Boolean, {
    description:
      'Replaces the password after checking the current one (a wrong one counts as a failed sign-in), then ' +
      'revokes every other session of the account and closes their live sockets; this session stays.',
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const viewer = requireViewer(ctx);
    const revoked = await changePassword(ctx.em, viewer, input, ctx.meta, ctx.signInThrottle);
    for (const sessionId of revoked) ctx.live.sessionEnded(sessionId);
    return true;
  }

  @Mutation(() => User, { description: "Changes the signed-in person's display name." })
  updateProfile(@Arg('input', () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: Context): Promise<User> {
    return updateProfile(ctx.em, requireViewer(ctx).user.id, input);
  }
}
