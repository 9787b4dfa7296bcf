/** The lazily loaded data layer (see load.ts): the client and the documents the app's modules send. */
export { DefaultApolloClient } from "@vue/apollo-composable";
export { apolloClient } from "./client";
export { keepPersisted, noteSynced, restorePersisted, wipePersisted } from "./persisted-cache";
export { SubmitReadingMutation } from "../components/readings/submit-reading.mutation";
