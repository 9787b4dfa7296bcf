import { ApolloClient, type ApolloLink, type NormalizedCacheObject } from "@apollo/client/core";
import { createCache } from "./cache";
import { appLink } from "./links";

export function createApolloClient(terminal?: ApolloLink): ApolloClient<NormalizedCacheObject> {
  return new ApolloClient({
    link: appLink(terminal),
    cache: createCache(),
    // Pages draw what the cache holds at once and then what the server says.
    defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
    devtools: { enabled: false },
  });
}

/** The app's one client: pages reach it through @vue/apollo-composable, modules import it. */
export const apolloClient = createApolloClient();
