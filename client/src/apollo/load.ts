import type { App } from "vue";

type DataLayer = typeof import("./data-layer");
type SessionLink = typeof import("./session-link");

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
  if (!loading) {
    loading = import("./data-layer").then((module) => {
      loaded = module;
      provide();
      return module;
    });
    void loadSessionLink();
  }
  return loading;
}

let sessionLink: Promise<SessionLink> | null = null;

/**
 * The links alone (part of the data layer's code, evaluated first): what the session check
 * needs, so it leaves while the client and its cache are still being evaluated. Asked for with
 * the data layer, so both download at once.
 */
export function loadSessionLink(): Promise<SessionLink> {
  if (!sessionLink) {
    sessionLink = import("./session-link");
    void loadDataLayer();
  }
  return sessionLink;
}

/** The app whose components get the client (`useQuery`, `useMutation`) once it is loaded. */
export function hostDataLayer(host: App): void {
  app = host;
  provide();
}
