import type { App } from "vue";

type DataLayer = typeof import("./data-layer");

let app: App | null = null;
let loaded: DataLayer | null = null;
let loading: Promise<DataLayer> | null = null;

const provide = () => {
  if (app && loaded) app.provide(loaded.DefaultApolloClient, loaded.apolloClient);
};

/**
 * Apollo Client and the app's operations are a chunk of their own, loaded the way the router
 * loads pages: the login screen of a visitor is drawn without them; every screen with data, and
 * every sending, waits for them (they are on their way from the app's start).
 */
export function loadDataLayer(): Promise<DataLayer> {
  loading ??= import("./data-layer").then((module) => {
    loaded = module;
    provide();
    return module;
  });
  return loading;
}

/** The app whose components get the client (`useQuery`, `useMutation`) once it is loaded. */
export function hostDataLayer(host: App): void {
  app = host;
  provide();
}
