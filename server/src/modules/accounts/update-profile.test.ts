import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeUser } from '../../../../test/support/factories.js';

const t = useTestApp();

const UPDATE = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id name email } }';

describe('updateProfile', () => {
  it("sets the signed-in person's name, trimmed, and nobody else's", async () => {
    const user = await makeUser(t.api, { name: 'Ada' });
    const other = await makeUser(t.api, { name: 'Grace' });
    const result = await t.api.gql(UPDATE, { input: { name: '  Ada Lovelace ' } }, { token: user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateProfile).toEqual({ id: user.id, name: 'Ada Lovelace', email: user.email });
    expect((await t.api.gql('{ me { name } }', {}, { token: user.token })).data?.me.name).toBe('Ada Lovelace');
    expect((await t.api.gql('{ me { name } }', {}, { token: other.token })).data?.me.name).toBe('Grace');
  });

  it.each([
    ['blank', '   '],
    ['too long', 'x'.repeat(500)],
    ['holding a NUL', 'Ada\u0000'],
  ])('refuses a name %s with BAD_USER_INPUT on name and keeps the old one', async (_what, name) => {
    const user = await makeUser(t.api, { name: 'Ada' });
    const result = await t.api.gql(UPDATE, { input: { name } }, { token: user.token });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('name');
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z].{9,}\.$/);
    expect((await t.api.gql('{ me { name } }', {}, { token: user.token })).data?.me.name).toBe('Ada');
  });

  it('needs a session: UNAUTHENTICATED without one', async () => {
    const result = await t.api.gql(UPDATE, { input: { name: 'Nobody' } });
    expect(result.code).toBe('UNAUTHENTICATED');
  });
});
