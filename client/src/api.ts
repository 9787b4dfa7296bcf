import type { TypedDocumentString } from "./gql/graphql";

/** A refusal or failure in the app's terms: the contract code and, for input errors, the field. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "ApiFailure";
  }
}

/** The code the app uses when the server cannot be reached at all. */
export const NETWORK_ERROR = "NETWORK";

let accessToken: string | null = null;
export const setAccessToken = (token: string | null): void => {
  accessToken = token;
  if (token === null) prefetched.clear();
};
export const hasAccessToken = (): boolean => accessToken !== null;

/** An operation: the typed document string that codegen makes of each `graphql(…)`. */
export type Operation<TData, TVars> = TypedDocumentString<TData, TVars>;

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
}

const operationName = (query: string): string | undefined =>
  /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];

/**
 * GraphQL over HTTP: one `POST /graphql` per operation, nothing cached (every screen shows the
 * server's state). A plain fetch: the app needs no client-side cache, so no GraphQL client
 * library is loaded on a phone before the first screen. `content-type: application/json` is what
 * the server's CSRF prevention requires; the session cookie goes along (same origin).
 */
export const transport = {
  async request<TData, TVars>(
    operation: Operation<TData, TVars>,
    variables?: TVars,
  ): Promise<TData> {
    const query = operation.toString();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let response: Response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        credentials: "same-origin",
        headers,
        body: JSON.stringify({
          operationName: operationName(query),
          query,
          variables: variables ?? {},
        }),
      });
    } catch {
      throw new ApiFailure(NETWORK_ERROR);
    }
    let body: GraphQLResponse<TData> | null = null;
    try {
      body = (await response.json()) as GraphQLResponse<TData>;
    } catch {
      body = null; // not JSON: a proxy's error page, a cut connection
    }
    const first = body?.errors?.[0];
    if (first) {
      const extensions = first.extensions ?? {};
      const code = typeof extensions.code === "string" ? extensions.code : "INTERNAL";
      const field = typeof extensions.field === "string" ? extensions.field : undefined;
      throw new ApiFailure(code, field, extensions);
    }
    if (response.status === 429) throw new ApiFailure("RATE_LIMITED");
    if (response.status >= 500) throw new ApiFailure("SERVICE_UNAVAILABLE");
    if (!response.ok) throw new ApiFailure(NETWORK_ERROR);
    if (!body?.data) throw new ApiFailure("INTERNAL");
    return body.data;
  },
};

export function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure(NETWORK_ERROR);
}

type Refresher = () => Promise<boolean>;
type Expired = () => void;
let refresher: Refresher = async () => false;
let onExpired: Expired = () => undefined;

/** The session composable plugs in how to refresh once, and what to do when that fails. */
export function configureSessionRecovery(refresh: Refresher, expired: Expired): void {
  refresher = refresh;
  onExpired = expired;
}

async function withRecovery<T>(run: () => Promise<T>, recover: boolean): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const failure = toFailure(error);
    if (failure.code !== "UNAUTHENTICATED" || !recover) throw failure;
    if (!(await refresher())) {
      onExpired();
      throw failure;
    }
    try {
      return await run();
    } catch (retryError) {
      const retryFailure = toFailure(retryError);
      if (retryFailure.code === "UNAUTHENTICATED") onExpired();
      throw retryFailure;
    }
  }
}

export interface CallOptions {
  /** Refresh the session once on UNAUTHENTICATED and retry (default true). */
  recover?: boolean;
}

/** A prefetched answer is handed over once, and only this soon after it was asked for. */
const PREFETCH_FRESH_MS = 10_000;
interface Prefetch {
  at: number;
  result: Promise<unknown>;
  /** Resolves (never rejects) once the answer or the failure is here. */
  settled: Promise<void>;
  /** Set once the answer is here, so that a page can draw it in its first render. */
  arrived?: { data: unknown };
}
const prefetched = new Map<string, Prefetch>();
const prefetchKey = (query: { toString(): string }, variables: unknown) =>
  `${query.toString()}\n${JSON.stringify(variables ?? {})}`;

/**
 * The prefetched answer if it has already arrived (handed over once, like `runQuery`'s), so a
 * page draws its first screen complete instead of empty and then filled in.
 */
export function takeArrived<TData, TVars>(
  query: Operation<TData, TVars>,
  variables?: TVars,
): TData | undefined {
  const key = prefetchKey(query, variables);
  const early = prefetched.get(key);
  if (!early?.arrived || Date.now() - early.at >= PREFETCH_FRESH_MS) return undefined;
  prefetched.delete(key);
  return early.arrived.data as TData;
}

export function runQuery<TData, TVars>(
  query: Operation<TData, TVars>,
  variables?: TVars,
  options: CallOptions = {},
): Promise<TData> {
  const key = prefetchKey(query, variables);
  const early = prefetched.get(key);
  prefetched.delete(key);
  if (early && Date.now() - early.at < PREFETCH_FRESH_MS) return early.result as Promise<TData>;
  return withRecovery(() => transport.request(query, variables), options.recover ?? true);
}

/**
 * Starts a page's query while the page's code is still on its way (the router does this when a
 * navigation is allowed); the page's own `runQuery` with the same variables then takes this
 * answer instead of asking again, so the two downloads overlap instead of following each other.
 * Resolves when the answer (or the failure) has arrived.
 */
export function prefetchQuery<TData, TVars>(
  query: Operation<TData, TVars>,
  variables?: TVars,
): Promise<void> {
  const key = prefetchKey(query, variables);
  const asked = prefetched.get(key);
  if (asked && Date.now() - asked.at < PREFETCH_FRESH_MS) return asked.settled; // on its way
  prefetched.delete(key);
  const result = runQuery(query, variables);
  const prefetch: Prefetch = {
    at: Date.now(),
    result,
    settled: result.then(
      (data) => void (prefetch.arrived = { data }),
      () => undefined, // the page sees the failure when it takes the answer
    ),
  };
  prefetched.set(key, prefetch);
  return prefetch.settled;
}

export function runMutation<TData, TVars>(
  mutation: Operation<TData, TVars>,
  variables?: TVars,
  options: CallOptions = {},
): Promise<TData> {
  return withRecovery(() => transport.request(mutation, variables), options.recover ?? true);
}
