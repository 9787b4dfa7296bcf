import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { restoreSession, useSession } from "./composables/useSession";

declare module "vue-router" {
  interface RouteMeta {
    /** Only for a logged-in user; others go to the login page. */
    requiresAuth?: boolean;
    /** Only for visitors; a logged-in user goes to the accounts. */
    guestOnly?: boolean;
    /** i18n key of the page title. */
    titleKey: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: "/", redirect: { name: "accounts" }, meta: { titleKey: "app.name" } },
  {
    path: "/login",
    name: "login",
    component: () => import("./pages/LoginPage.vue"),
    meta: { guestOnly: true, titleKey: "login.title" },
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
    meta: { titleKey: "agreement.title" },
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
    path: "/accounts",
    name: "accounts",
    component: () => import("./pages/AccountsPage.vue"),
    meta: { requiresAuth: true, titleKey: "accounts.title" },
  },
  {
    path: "/accounts/:number",
    name: "readings",
    component: () => import("./pages/ReadingsPage.vue"),
    props: true,
    meta: { requiresAuth: true, titleKey: "readings.title" },
  },
  {
    path: "/settings",
    name: "settings",
    component: () => import("./pages/SettingsPage.vue"),
    meta: { requiresAuth: true, titleKey: "settings.title" },
  },
  { path: "/:pathMatch(.*)*", redirect: { name: "accounts" }, meta: { titleKey: "app.name" } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  const { isLoggedIn } = useSession();
  if (to.meta.requiresAuth || to.meta.guestOnly) await restoreSession();
  if (to.meta.requiresAuth && !isLoggedIn.value) {
    return { name: "login", query: to.fullPath === "/accounts" ? {} : { next: to.fullPath } };
  }
  if (to.meta.guestOnly && isLoggedIn.value) return { name: "accounts" };
  return true;
});
