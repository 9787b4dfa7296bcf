import { DefaultApolloClient } from "@vue/apollo-composable";
import type { ApolloClient, NormalizedCacheObject } from "@apollo/client/core";
import { createApolloClient } from "../apollo/client";
import { scriptedLink, type Script } from "./scripted-link";

export { offline, type Answer, type Script, type ScriptedServer, type Sent } from "./scripted-link";

/** `global.provide` for `mountRu`: the client `useQuery`/`useMutation` reach. */
export const provideClient = (client: ApolloClient<NormalizedCacheObject>) => ({
  [DefaultApolloClient as symbol]: client,
});

/**
 * A real Apollo Client (the app's links and cache) whose last link answers from a script
 * instead of the network: each operation takes the next answer for its name.
 */
export function scriptedClient(script: Script = {}) {
  const server = scriptedLink(script);
  const client = createApolloClient(server.link);
  return { client, server, sent: server.sent, named: server.named, provide: provideClient(client) };
}

/** For modules that import the app's one client, see `apollo-singleton.ts`. */
export { scriptedSingleton, singletonServer } from "./apollo-singleton";
