import { ApolloLink, Observable, type FetchResult, type Operation } from "@apollo/client/core";

/** What the scripted server answers an operation: data, a GraphQL refusal, or a transport error. */
export type Answer =
  | { data: Record<string, unknown> }
  | { refusal: { code: string; field?: string; [key: string]: unknown } }
  | { networkError: Error & { statusCode?: number; result?: unknown } };

/** Per operation name: the answers in order, or a function of the operation. */
export type Script = Record<string, Answer[] | ((op: Operation) => Answer)>;

/** One request as it left the app's links: name, variables and headers of that attempt. */
export interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  context: Record<string, unknown>;
}

/**
 * The last link of a chain, answering from a script instead of the network: each operation takes
 * the next answer for its name. An operation with no answer left fails loudly (not as NETWORK).
 */
export function scriptedLink(initial: Script = {}) {
  let script = initial;
  const sent: Sent[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((observer) => {
        const context = operation.getContext();
        sent.push({
          operationName: operation.operationName,
          variables: JSON.parse(JSON.stringify(operation.variables)) as Record<string, unknown>,
          headers: { ...((context.headers as Record<string, string> | undefined) ?? {}) },
          context,
        });
        const entry = script[operation.operationName];
        const answer = typeof entry === "function" ? entry(operation) : entry?.shift();
        if (!answer) {
          observer.error(new Error(`no scripted answer for ${operation.operationName}`));
        } else if ("data" in answer) {
          observer.next({ data: answer.data });
          observer.complete();
        } else if ("refusal" in answer) {
          const { code, ...rest } = answer.refusal;
          observer.next({
            data: null,
            errors: [{ message: code, extensions: { code, ...rest } }],
          } as unknown as FetchResult);
          observer.complete();
        } else {
          observer.error(answer.networkError);
        }
      }),
  );
  return {
    link,
    /** Every request that reached the server, in order (a retry is a second entry). */
    sent,
    named: (name: string): Sent[] => sent.filter((item) => item.operationName === name),
    /** What the server answers from now on; forgets the requests seen so far. */
    answer(next: Script): void {
      script = next;
      sent.length = 0;
    },
  };
}

export type ScriptedServer = ReturnType<typeof scriptedLink>;

/** A fetch that never reached the server (no signal). */
export const offline = (): Answer => ({ networkError: new TypeError("Failed to fetch") });
