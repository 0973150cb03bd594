export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

// biome-ignore lint/suspicious/noExplicitAny: tests read the fields their own query asked for
export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: GraphQLErrorBody[] | undefined;
  /** The first error's code, if any. */
  code: string | undefined;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface Api {
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the fields their own query asked for
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResult<T>>;
}

/** A plain GraphQL-over-HTTP client for tests (what any outside client would send). */
export function createApi(baseUrl: string): Api {
  return {
    url: baseUrl,
    async gql(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      // biome-ignore lint/suspicious/noExplicitAny: tests read the fields their own query asked for
      let body: { data?: any; errors?: GraphQLErrorBody[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
      }
      return {
        status: response.status,
        headers: response.headers,
        data: body.data,
        errors: body.errors,
        code: body.errors?.[0]?.extensions?.code,
      };
    },
  };
}
