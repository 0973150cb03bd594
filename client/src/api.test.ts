import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { errorMessage, readableMessage } from './api';

describe('server errors as people read them', () => {
  it('are sentences: a `field: problem` prefix goes, the first letter is a capital, a full stop ends it', () => {
    expect(readableMessage('email: must be a valid e-mail address')).toBe('Must be a valid e-mail address.');
    expect(readableMessage('anchor.section: no such section')).toBe('No such section.');
    expect(readableMessage('Enter a valid e-mail address.')).toBe('Enter a valid e-mail address.');
    expect(readableMessage('Too many failed sign-ins. Try again in 15 minutes.')).toBe(
      'Too many failed sign-ins. Try again in 15 minutes.',
    );
    // A colon inside a sentence stays.
    expect(readableMessage('The brief is not ready to be frozen: add an outcome.')).toBe(
      'The brief is not ready to be frozen: add an outcome.',
    );
  });

  it('errorMessage reads a GraphQL error that way', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'title: must not be empty', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(errorMessage(error)).toBe('Must not be empty.');
  });
});
