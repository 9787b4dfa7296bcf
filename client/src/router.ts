import {
  START_LOCATION,
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
} from "vue-router";
import type { Unmasked } from "@apollo/client/core";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { loadDataLayer, loadSessionLink } from "./apollo/load";
import { MyAccountsQuery } from "./pages/accounts-page.query";
import { AccountReadingsQuery } from "./pages/readings-page.query";
import { intlWorkerDone } from "./intl-prepare";
import { linkFromFragment } from "./link-fragment";
import { restoreSession, useSession } from "./composables/useSession";

declare module "vue-router" {
  interface RouteMeta {
    /** Only for a logged-in user; others go to the login page. */
    requiresAuth?: boolean;
    /** Only for visitors; a logged-in user goes to the accounts. */
    guestOnly?: boolean;
    /** Drawn before the data layer (Apollo) has loaded: it sends nothing through it at once. */
    drawsWithoutData?: boolean;
    /** i18n key of the page title. */
    titleKey: string;
    /** Starts the page's data query while its code loads (logged-in pages, and the submit link
     * page); resolves when its answer or failure has arrived. */
    prefetch?: (to: Pick<RouteLocationNormalized, "params" | "hash">) => Promise<void>;
    /** Its first screen formats dates and amounts: Intl is set up in a worker meanwhile. */
    formats?: boolean;
    /** Its work needs no login (a reminder's link): the offline banner does not speak of one. */
    sessionless?: boolean;
  }
}

/**
 * Asks the server for a page's data into the cache, where the page reads it; resolves (never
 * rejects) when the answer or the failure is in. Offline the page draws what the cache holds.
 * The question goes through the app's links alone, as soon as they are loaded, while the client
 * and its cache are still being evaluated; the answer is written into the cache once it is.
 * The first screen's data is asked for twice in a row (by main.ts as soon as the session is
 * back, and by the guard): the same question asked again this soon shares the first answer.
 */
const PREFETCH_FRESH_MS = 5_000;
const asked = new Map<string, { at: number; answer: Promise<void> }>();
function prefetch<Data, Variables extends Record<string, unknown>>(
  key: string,
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<void> {
  const earlier = asked.get(key);
  if (earlier && Date.now() - earlier.at < PREFETCH_FRESH_MS) return earlier.answer;
  const answer = (async () => {
    const { sendThroughLinks, withTypename } = await loadSessionLink();
    const data = await sendThroughLinks(withTypename(query), variables);
    const { apolloClient } = await loadDataLayer();
    apolloClient.writeQuery({ query, variables, data: data as Unmasked<Data> });
  })().then(
    () => undefined,
    () => undefined,
  );
  asked.set(key, { at: Date.now(), answer });
  return answer;
}

export const routes: RouteRecordRaw[] = [
  { path: "/", redirect: { name: "accounts" }, meta: { titleKey: "app.name" } },
  {
    path: "/login",
    name: "login",
    component: () => import("./pages/LoginPage.vue"),
    meta: { guestOnly: true, drawsWithoutData: true, titleKey: "login.title" },
  },
  {
    path: "/register",
    name: "register",
    component: () => import("./pages/RegisterPage.vue"),
    meta: { guestOnly: true, titleKey: "register.title" },
  },
  {
    path: "/agreement",
    name: "agreement",
    component: () => import("./pages/AgreementPage.vue"),
    meta: { drawsWithoutData: true, titleKey: "agreement.title" },
  },
  {
    path: "/forgot-password",
    name: "forgot-password",
    component: () => import("./pages/ForgotPasswordPage.vue"),
    meta: { guestOnly: true, titleKey: "forgot.title" },
  },
  {
    path: "/reset-password",
    name: "reset-password",
    component: () => import("./pages/ResetPasswordPage.vue"),
    meta: { titleKey: "reset.title" },
  },
  {
    path: "/confirm-email",
    name: "confirm-email",
    component: () => import("./pages/ConfirmEmailPage.vue"),
    meta: { titleKey: "confirm.title" },
  },
  {
    // A reminder's one-tap link: no session, and no Apollo client (it talks through the links).
    path: "/submit",
    name: "submit",
    component: () => import("./pages/SubmitPage.vue"),
    meta: {
      drawsWithoutData: true,
      formats: true,
      sessionless: true,
      titleKey: "submit.title",
      prefetch: async (to) => {
        const token = linkFromFragment(to.hash)?.token;
        if (!token) return;
        const { askLink } = await import("./components/submit-link/link-question");
        await askLink(token).catch(() => undefined);
      },
    },
  },
  {
    path: "/accounts",
    name: "accounts",
    component: () => import("./pages/AccountsPage.vue"),
    meta: {
      requiresAuth: true,
      titleKey: "accounts.title",
      prefetch: () => prefetch("accounts", MyAccountsQuery, {}),
    },
  },
  {
    path: "/accounts/:number",
    name: "readings",
    component: () => import("./pages/ReadingsPage.vue"),
    props: true,
    meta: {
      requiresAuth: true,
      titleKey: "readings.title",
      prefetch: (to) => {
        const number = String(to.params.number);
        return prefetch(`readings:${number}`, AccountReadingsQuery, { number });
      },
    },
  },
  {
    path: "/settings",
    name: "settings",
    component: () => import("./pages/SettingsPage.vue"),
    meta: { requiresAuth: true, titleKey: "settings.title" },
  },
  { path: "/:pathMatch(.*)*", redirect: { name: "accounts" }, meta: { titleKey: "app.name" } },
];

/** Where a subscriber goes once signed in: the page that sent them to log in, else the accounts. */
export function signedInTarget(route: RouteLocationNormalized): RouteLocationRaw {
  const next = route.query.next;
  return typeof next === "string" && next.startsWith("/") ? next : { name: "accounts" };
}

/**
 * The app's router. Made by main.ts in a task of its own rather than when this module is
 * evaluated: building the route matchers is a few milliseconds of a phone's first screen, and
 * the module's evaluation already holds the libraries' own start-up.
 */
export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    // The first page is at the top already; scrolling there would force a layout before it paints.
    scrollBehavior: (_to, from) => (from === START_LOCATION ? false : { top: 0 }),
  });

  router.beforeEach(async (to, from) => {
    const { isLoggedIn } = useSession();
    if (to.meta.requiresAuth || to.meta.guestOnly) await restoreSession();
    if (to.meta.requiresAuth && !isLoggedIn.value) {
      return { name: "login", query: to.fullPath === "/accounts" ? {} : { next: to.fullPath } };
    }
    if (to.meta.guestOnly && isLoggedIn.value) return { name: "accounts" };
    // Allowed: the page's data is asked for now, while the router loads the page's code. The
    // first page waits for it, to be drawn once, with its data, rather than empty and then filled
    // (and for the worker setting Intl up, so that the page does not set it up a second time).
    const data = isLoggedIn.value || !to.meta.requiresAuth ? to.meta.prefetch?.(to) : undefined;
    // Pages that use the data layer (useQuery, useMutation) find the client provided.
    const layer = to.meta.drawsWithoutData ? undefined : loadDataLayer();
    if (from === START_LOCATION) await Promise.all([data, layer, intlWorkerDone()]);
    else await layer;
    return true;
  });
  return router;
}

/**
 * Starts downloading the code of the page at `path` (and of the page it redirects to) without
 * waiting for the navigation: on a slow network the first screen's chunk then travels together
 * with the locale and the session check instead of after them.
 */
export function preloadPage(router: Router, path: string): void {
  let target = router.resolve(path);
  const redirect = target.matched[target.matched.length - 1]?.redirect;
  if (redirect && typeof redirect !== "function") {
    target = router.resolve(redirect as RouteLocationRaw);
  }
  for (const record of target.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // Lazy pages are `() => import(…)` (vue-router's own test for a component that is not
      // one); the router's import later finds the module already loaded.
      const lazy =
        typeof component === "function" &&
        !("displayName" in component || "props" in component || "__vccOpts" in component);
      if (lazy) {
        void (component as () => Promise<unknown>)().catch(() => undefined);
      }
    }
  }
}
