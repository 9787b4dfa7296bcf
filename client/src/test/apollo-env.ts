/**
 * What the Apollo modules need under jest's jsdom. A spec that loads them (directly, or through a
 * component or composable) imports this module FIRST, before anything that imports Apollo:
 *
 * - jsdom has no `fetch`, and the app's `HttpLink` (apollo/links.ts) looks for one as soon as it
 *   is created: a stub that fails the way a phone with no signal does. The specs answer through
 *   a scripted last link instead, or replace `globalThis.fetch` themselves.
 * - @vue/apollo-composable's CommonJS build requires "@apollo/client/core/index.js", the ES module
 *   build, which jest does not transform: it gets the CommonJS build, the one the app's own
 *   `@apollo/client/core` imports resolve to (so `instanceof ApolloError` holds across both).
 */
if (typeof globalThis.fetch !== "function") {
  globalThis.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
}
jest.mock("@apollo/client/core/index.js", () => jest.requireActual("@apollo/client/core"));
