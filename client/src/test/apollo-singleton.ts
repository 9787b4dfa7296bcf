import type * as ClientModule from "../apollo/client";
import type * as SessionLinkModule from "../apollo/session-link";
import { scriptedLink, type ScriptedServer } from "./scripted-link";

/**
 * A stand-in for `apollo/client` whose `apolloClient` (the app's one client, with the app's
 * links and cache) answers from a script. Use as
 * `jest.mock("../apollo/client", () => jest.requireActual("../test/apollo-singleton").scriptedSingleton())`
 * (the path relative to the spec), then script it with `singletonServer().answer({...})`.
 */
export function scriptedSingleton() {
  const actual = jest.requireActual<typeof ClientModule>("../apollo/client");
  const server = scriptedLink();
  return { ...actual, apolloClient: actual.createApolloClient(server.link), server };
}

/** The script of the mocked singleton (only in a spec that mocks `apollo/client` as above). */
export function singletonServer(): ScriptedServer {
  return jest.requireMock<{ server: ScriptedServer }>("../apollo/client").server;
}

/**
 * A stand-in for `apollo/session-link` that sends through the mocked singleton's script (mock
 * `apollo/client` as above too):
 * `jest.mock("../apollo/session-link", () => jest.requireActual("../test/apollo-singleton").scriptedSessionLink())`.
 */
export function scriptedSessionLink() {
  const actual = jest.requireActual<typeof SessionLinkModule>("../apollo/session-link");
  const sendThroughLinks: typeof actual.sendThroughLinks = (...args) =>
    actual.createLinkSender(singletonServer().link)(...args);
  return { ...actual, sendThroughLinks };
}
