import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it } from 'vitest';
import { BRIEF_SECTIONS, type FieldSpec } from '@brieflock/schema';
import { FieldSuggestions } from './FieldSuggestions';
import { SuggestingContext, type SuggestingState } from './SuggestingContext';
import type { Suggestion } from './useSuggestions';

const ipOwner = (BRIEF_SECTIONS.find((s) => s.key === 'ownership') as { fields: readonly FieldSpec[] }).fields[0]!;
const finn = { id: 'u-finn', email: 'finn@example.test', name: 'Finn Freelancer' };
const suggestion: Suggestion = {
  id: 's1',
  proposalId: 'p1',
  kind: 'FIELD',
  section: 'ownership',
  itemId: null,
  field: 'ipOwner',
  status: 'OPEN',
  summary: 'IP owner: Client → Shared',
  createdAt: '2026-12-02T03:00:00.000Z',
  currentValue: 'CLIENT',
  proposedValue: 'SHARED',
  author: finn,
};

function stubClient(answers: Record<string, { data?: unknown; error?: CombinedError }>) {
  const calls: { name: string; variables: unknown }[] = [];
  const client = {
    executeQuery: () => never,
    executeMutation: (request: { query: { definitions: { name?: { value: string } }[] }; variables: unknown }) => {
      const name = request.query.definitions[0]?.name?.value ?? '';
      calls.push({ name, variables: request.variables });
      return fromValue({ ...(answers[name] ?? {}), hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, calls };
}

function renderField(state: Partial<SuggestingState>, client: Client) {
  const value: SuggestingState = {
    proposalId: 'p1',
    userId: 'u-cora',
    canEdit: true,
    suggesting: false,
    open: [suggestion],
    ...state,
  };
  return render(
    <Provider value={client}>
      <SuggestingContext.Provider value={value}>
        <FieldSuggestions section="ownership" itemId={undefined} field={ipOwner} label="IP owner" />
      </SuggestingContext.Provider>
    </Provider>,
  );
}

describe('suggestions beside a field', () => {
  it('show another person’s suggestion with Accept and Reject, and accept it for this proposal', async () => {
    const { client, calls } = stubClient({
      AcceptSuggestion: { data: { acceptSuggestion: { ...suggestion, status: 'ACCEPTED' } } },
    });
    renderField({}, client);
    expect(screen.getByTestId('field-suggestion').textContent).toContain('Finn suggests: Shared');
    expect(screen.queryByRole('button', { name: /Withdraw/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Accept Shared for IP owner' }));
    expect(calls).toEqual([{ name: 'AcceptSuggestion', variables: { id: 's1', proposalId: 'p1' } }]);
  });

  it('show one’s own suggestion with Withdraw only, and a viewer no action at all', () => {
    const { client } = stubClient({});
    const { unmount } = renderField({ userId: 'u-finn' }, client);
    expect(screen.getByTestId('field-suggestion').textContent).toContain('You suggest: Shared');
    expect(screen.getByRole('button', { name: 'Withdraw your suggestion for IP owner' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Accept/ })).toBeNull();
    unmount();
    renderField({ canEdit: false }, client);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('in Suggesting mode, offer the field’s values and send the one chosen; a refusal is shown', async () => {
    const { client, calls } = stubClient({
      SuggestChange: {
        error: new CombinedError({ graphQLErrors: [{ message: 'value: IP owner already holds this value.' }] }),
      },
    });
    renderField({ suggesting: true, open: [] }, client);
    await userEvent.selectOptions(screen.getByLabelText('Suggest IP owner'), 'CLIENT');
    await userEvent.click(screen.getByRole('button', { name: 'Suggest' }));
    expect(calls).toEqual([
      {
        name: 'SuggestChange',
        variables: {
          input: { proposalId: 'p1', section: 'ownership', itemId: null, field: 'ipOwner', value: 'CLIENT' },
        },
      },
    ]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/already holds this value/);
  });
});
