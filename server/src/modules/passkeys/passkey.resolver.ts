import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { GraphQLJSON } from 'graphql-scalars';
import { forbidden } from '../../errors.js';
import { requireViewer, type Context } from '../context.js';
import { AuthPayload } from '../accounts/account.inputs.js';
import { User } from '../accounts/user.entity.js';
import { listPasskeys, removePasskey, renamePasskey } from './manage-passkeys.js';
import { Passkey } from './passkey.entity.js';
import { finishPasskeyRegistration, startPasskeyRegistration } from './register-passkey.js';
import { finishPasskeySignIn, startPasskeySignIn } from './sign-in-with-passkey.js';

@Resolver()
export class PasskeyResolver {
  @Mutation(() => GraphQLJSON, {
    description: 'Starts registering a passkey: WebAuthn PublicKeyCredentialCreationOptionsJSON.',
  })
  startPasskeyRegistration(@Ctx() ctx: Context): Promise<unknown> {
    return startPasskeyRegistration(ctx.em, ctx.relyingParty, requireViewer(ctx));
  }

  @Mutation(() => Passkey, { description: 'Finishes registering a passkey with the authenticator’s response.' })
  finishPasskeyRegistration(
    @Arg('response', () => GraphQLJSON) response: unknown,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: Context,
  ): Promise<Passkey> {
    return finishPasskeyRegistration(ctx.em, ctx.relyingParty, requireViewer(ctx), { response, name });
  }

  @Mutation(() => Passkey, { description: 'Renames one of your passkeys.' })
  renamePasskey(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: Context,
  ): Promise<Passkey> {
    return renamePasskey(ctx.em, requireViewer(ctx), id, name);
  }

  @Mutation(() => Boolean, {
    description: 'Removes one of your passkeys: it no longer signs in or signs. Signatures made with it stay valid.',
  })
  async removePasskey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await removePasskey(ctx.em, requireViewer(ctx), id);
    return true;
  }

  @Mutation(() => GraphQLJSON, {
    description:
      'Starts a passkey sign-in: WebAuthn PublicKeyCredentialRequestOptionsJSON (discoverable credentials; the e-mail only restricts who may finish).',
  })
  startPasskeySignIn(
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Ctx() ctx: Context,
  ): Promise<unknown> {
    return startPasskeySignIn(ctx.em, ctx.relyingParty, email);
  }

  @Mutation(() => AuthPayload, { description: 'Finishes a passkey sign-in and starts a session.' })
  async finishPasskeySignIn(
    @Arg('response', () => GraphQLJSON) response: unknown,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const result = await finishPasskeySignIn(ctx.em, ctx.relyingParty, response, ctx.meta, ctx.sessionTtlMs);
    ctx.cookies.setSession(result.token, new Date(Date.now() + ctx.sessionTtlMs));
    return result;
  }
}

@Resolver(() => User)
export class UserPasskeysResolver {
  @FieldResolver(() => [Passkey], { description: 'Your passkeys (your own account only).' })
  passkeys(@Root() user: Pick<User, 'id'>, @Ctx() ctx: Context): Promise<Passkey[]> {
    const viewer = requireViewer(ctx);
    if (viewer.user.id !== user.id) throw forbidden('Only the account holder sees its passkeys.');
    return listPasskeys(ctx.em, user.id);
  }
}
