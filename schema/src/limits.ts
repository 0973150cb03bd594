/** Limits both sides agree on. Units are in the names. */
export const LIMITS = {
  passwordMinLength: 10,
  passwordMaxLength: 256,
  emailMaxLength: 254,
  nameMaxLength: 120,
  proposalTitleMaxLength: 200,
  /** GraphQL request hardening (HTTP and WebSocket transports). */
  graphqlMaxDepth: 10,
  graphqlMaxAliases: 15,
  graphqlMaxCost: 5000,
  graphqlMaxTokens: 2000,
  graphqlMaxDirectives: 20,
  graphqlMaxBodyBytes: 1024 * 1024,
} as const;

/** Name of the httpOnly cookie the web client authenticates with. */
export const SESSION_COOKIE = 'brieflock_session';
