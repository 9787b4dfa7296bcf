import { randomUUID } from "node:crypto";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** The raw body, to check that nothing secret is echoed. */
  text: string;
  headers: Headers;
  /** SQL statements the request ran (x-sql-statements). */
  statements: number;
}

/** A browser-like client: keeps cookies between calls and the access token in memory. */
export class GraphQLClient {
  readonly cookies = new Map<string, string>();
  accessToken?: string;
  lastSetCookies: string[] = [];
  /** Sent with every request (e.g. `x-forwarded-for` to play another address behind TRUST_PROXY). */
  headers: Record<string, string> = {};

  constructor(readonly endpoint: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    init: { headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...this.headers,
      ...init.headers,
    };
    if (this.accessToken && !headers.authorization)
      headers.authorization = `Bearer ${this.accessToken}`;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetch(this.endpoint, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables: withIdempotencyKey(query, variables) }),
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const cookie of this.lastSetCookies) this.storeCookie(cookie);
    const text = await response.text();
    const body = JSON.parse(text) as { data?: T | null; errors?: GraphQLResponse["errors"] };
    return {
      status: response.status,
      data: body.data,
      errors: body.errors,
      text,
      headers: response.headers,
      statements: Number(response.headers.get("x-sql-statements") ?? NaN),
    };
  }

  /** Like `request`, but fails the test on any GraphQL error. */
  async ok<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const response = await this.request<T>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  private storeCookie(header: string): void {
    const [pair, ...attributes] = header.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attributes.some(
      (a) =>
        /^max-age=0$/i.test(a) ||
        (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()),
    );
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The first error's code, for `expect(codeOf(r)).toBe(...)`. */
export const codeOf = (response: GraphQLResponse<unknown>): unknown =>
  response.errors?.[0]?.extensions?.code;
export const fieldOf = (response: GraphQLResponse<unknown>): unknown =>
  response.errors?.[0]?.extensions?.field;

/**
 * Like the app, a fresh idempotency key for every sending (`submitReading`, where it is
 * required) unless the test gives one; `idempotencyKey: null` sends none on purpose.
 */
function withIdempotencyKey(
  query: string,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const input = variables?.input;
  if (!/\bsubmitReading\s*\(/.test(query) || typeof input !== "object" || input === null) {
    return variables;
  }
  if ("idempotencyKey" in input) return variables;
  return { ...variables, input: { ...input, idempotencyKey: randomUUID() } };
}
