import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { AuthPayload, SignInInput, SignUpInput } from './account.inputs.js';
import { revokeAllSessions, revokeSession } from './sessions.js';
import { signIn } from './sign-in.js';
import { signUp } from './sign-up.js';
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
}
