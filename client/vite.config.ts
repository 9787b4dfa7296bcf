import { resolve } from "node:path";
import { fileURLToPath, URL } from "node:url";
import VueI18nPlugin from "@intlify/unplugin-vue-i18n/vite";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { describe, precompress } from "./scripts/precompress.mjs";

const apiPort = process.env.API_PORT ?? "4000";
const apiTarget = `http://localhost:${apiPort}`;
const SRC = fileURLToPath(new URL("./src/", import.meta.url));
const PAGE = /\/src\/pages\/[^/]+\.vue$/;
const VUE_CORE = /\/node_modules\/@vue\/(runtime-core|reactivity|shared)\//;
const VUE_LIBRARIES = /\/node_modules\/(@vue\/runtime-dom|vue-router|@intlify\/[^/]+|vue-i18n)\//;
const APOLLO_LINKS =
  /(\/node_modules\/(tslib|graphql|zen-observable-ts|symbol-observable|ts-invariant)\/|\/node_modules\/@apollo\/client\/(link|utilities|errors)\/|\/src\/apollo\/(links|session-link|failure)\.ts$|\/src\/operations\/session\.ts$)/;
const FORMAT =
  /\/(composables\/useFormat|kazakh-dates|local-format|intl-formatters|core\/almaty-time)\.ts$/;

/**
 * Brotli and gzip copies of the built text files, written once at build time and sent as they
 * are by the server (static-client.ts): a phone on a slow network downloads a third of the bytes.
 * Runs after every other plugin's closeBundle, so the service worker files are included.
 */
const precompressed = (): Plugin => {
  let outDir = "";
  return {
    name: "gas:precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        this.info(describe(precompress(outDir)));
      },
    },
  };
};

/**
 * V8's explicit compile hint on the chunks a subscriber's first screen runs: their functions are
 * compiled while the file streams in, on a background thread, instead of on the main thread at
 * each function's first call (with the answer already there and the screen waiting).
 */
const COMPILED_ON_LOAD =
  /^(index|vue-core|vue-libraries|apollo-links|data-layer|format|ru|kk|en|ReadingsPage|AccountsPage|SubmitPage|link-question)-/;
const compileHints = (): Plugin => ({
  name: "gas:compile-hints",
  apply: "build",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      const name = chunk.fileName.replace(/^assets\//, "");
      if (chunk.type === "chunk" && COMPILED_ON_LOAD.test(name)) {
        chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    }
  },
});

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: {
      "@core": fileURLToPath(new URL("../server/src/core", import.meta.url)),
      "@": fileURLToPath(new URL("./src", import.meta.url)),
    },
  },
  define: {
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    // Apollo Client's development checks and warnings are left out of the build.
    "globalThis.__DEV__": false,
  },
  server: {
    port: Number(process.env.CLIENT_PORT ?? 5173),
    proxy: {
      "/graphql": apiTarget,
      "/healthz": apiTarget,
      "/readyz": apiTarget,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    reportCompressedSize: false,
    manifest: true,
    rollupOptions: {
      output: {
        // Each page is one request. By default every helper or small component that several
        // lazy pages share (form errors, validation, text fields, the header…) is a chunk of its
        // own, and the first screen waited for half a dozen requests over HTTP/1.1's six
        // connections. They are small (about 3 kB compressed), so they join the entry chunk.
        // Exceptions: the libraries (two chunks), Almaty-time formatting and the phone rule.
        manualChunks(id, { getModuleInfo }) {
          const importersOf = (moduleId: string) => getModuleInfo(moduleId)?.importers ?? [];
          const inEntry = (moduleId: string, seen = new Set<string>()): boolean => {
            if (seen.has(moduleId)) return false;
            seen.add(moduleId);
            return (
              getModuleInfo(moduleId)?.isEntry === true ||
              importersOf(moduleId).some((importer) => inEntry(importer, seen))
            );
          };
          const pagesUsing = (moduleId: string, pages = new Set<string>(), seen = new Set()) => {
            if (seen.has(moduleId)) return pages;
            seen.add(moduleId);
            if (PAGE.test(moduleId)) return pages.add(moduleId);
            for (const importer of importersOf(moduleId)) pagesUsing(importer, pages, seen);
            return pages;
          };
          // The libraries, in two chunks of about 60 kB beside the app's own 30 kB: a phone
          // compiles each module as it arrives, so three short tasks rather than one long one.
          if (VUE_CORE.test(id)) return "vue-core";
          if (VUE_LIBRARIES.test(id)) return "vue-libraries";
          if (inEntry(id)) return "index";
          // The session's requests go through Apollo's links before the client has loaded
          // (apollo/session-link.ts): the links, with what they need, are a chunk of their own.
          if (APOLLO_LINKS.test(id)) return "apollo-links";
          // The composables pages call (useQuery…) with the client they wrap: the shell's first
          // requests stay within the browser's six connections.
          if (
            /\/node_modules\/(@vue\/apollo-composable|throttle-debounce)\/|\/src\/apollo\/data-layer\.ts$/.test(
              id,
            )
          )
            return "data-layer";
          // A page's query or the reading's mutation is a few hundred bytes that a page and the
          // data layer both import: not a request of its own.
          const forDataLayer = importersOf(id).some((by) => by.endsWith("/apollo/data-layer.ts"));
          if (forDataLayer && /\.(query|mutation)\.ts$/.test(id)) return "index";
          // Exact decimals: the form rules in the entry chunk need them, so the Almaty-time
          // chunk below is not loaded with the first screen for them.
          if (id.endsWith("/core/decimal.ts")) return "index";
          // Dates and amounts in Almaty time: loading it sets up Intl's time-zone data, which
          // only the screens that show readings and payments need (not the login screen).
          if (FORMAT.test(id)) return "format";
          // A component that pages share and that formats (the month's window) goes with the
          // formatting: in the entry chunk it would load Almaty time on the login screen too.
          // (A .vue file's imports are those of its script part, a module of its own.)
          const formats = (moduleId: string): boolean =>
            (getModuleInfo(moduleId)?.importedIds ?? []).some(
              (imported) =>
                FORMAT.test(imported) ||
                (imported.startsWith(`${moduleId}?vue`) && formats(imported)),
            );
          if (id.startsWith(SRC) && formats(id) && pagesUsing(id).size > 1) return "format";
          // The phone rule (libphonenumber's metadata, 190 kB) stays a chunk of its own.
          const own = PAGE.test(id) || id.endsWith("/phone-rule.ts");
          if (id.startsWith(SRC) && !own && pagesUsing(id).size > 1) return "index";
          return undefined;
        },
      },
    },
  },
  plugins: [
    vue(),
    // The locale files are compiled here, at build time, so the phone never compiles a message.
    // vue-i18n 11's runtime build still registers the message compiler; dropMessageCompiler is
    // what leaves it out of the bundle. Components import I18nT, so no global components or v-t.
    VueI18nPlugin({
      include: [fileURLToPath(new URL("./src/locales/*.json", import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      dropMessageCompiler: true,
      fullInstall: false,
    }),
    VitePWA({
      // A new version waits until the subscriber chooses to reload (UpdateOffer): never mid-form.
      registerType: "prompt",
      // main.ts registers the service worker after the load event (no extra script request).
      injectRegister: false,
      manifest: {
        id: "/",
        name: "Газ: показания счётчика · Газ есептегіш көрсеткіштері",
        short_name: "Газ көрсеткіш",
        description: "Передача показаний газовых счётчиков · Газ есептегіш көрсеткіштерін беру",
        lang: "ru",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: "#0b4f9c",
        background_color: "#ffffff",
        // PNG only, as is index.html's icon: Chromium draws an SVG icon as a small document of its
        // own on the page's main thread, a 30-70 ms task in the middle of the first screen's load.
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/graphql/, /^\/healthz/, /^\/readyz/],
        cleanupOutdatedCaches: true,
        // Web push: shows the server's notifications, a tap opens the meter (public/push-sw.js).
        importScripts: ["/push-sw.js"],
      },
    }),
    compileHints(),
    precompressed(),
  ],
});
