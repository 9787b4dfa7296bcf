import { execute, type ApolloLink } from "@apollo/client/link/core";
import { addTypenameToDocument } from "@apollo/client/utilities";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { toFailure } from "./failure";
import { appLink, type AppContext } from "./links";

/**
 * A session operation (log in, resume, log out), or a first screen's query, sent through the app's links without the client: the
 * session check of a subscriber's first screen leaves once this small chunk is evaluated, while
 * the client and its cache are still loading. Nothing here touches the cache.
 */
export function createLinkSender(terminal?: ApolloLink) {
  const link = appLink(terminal);
  return <Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    context: AppContext = {},
  ): Promise<Data> =>
    new Promise<Data>((resolve, reject) => {
      let answered = false;
      execute(link, { query: document, variables, context }).subscribe({
        next(result) {
          if (answered) return;
          answered = true;
          if (result.data) resolve(result.data as Data);
          else reject(toFailure(new Error("empty answer")));
        },
        error: (error: unknown) => reject(toFailure(error)),
        complete: () => {
          if (!answered) reject(toFailure(new Error("no answer")));
        },
      });
    });
}

export const sendThroughLinks = createLinkSender();

/**
 * A query as the client would send it (each selection with its `__typename`), for an answer
 * fetched through the links and then written into the cache, which identifies objects by type.
 */
export const withTypename = <Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
): TypedDocumentNode<Data, Variables> => addTypenameToDocument(document);

export { LoginMutation, LogoutMutation, RefreshSessionMutation } from "../operations/session";
