/**
 * lighthouse, chrome-launcher, puppeteer-core and client/scripts/bundle-size.mjs are ES modules;
 * TypeScript compiles `import()` to `require()` under CommonJS, so the real dynamic import is
 * kept out of its sight.
 */
export const importEsm = new Function("specifier", "return import(specifier)") as <T>(
  specifier: string,
) => Promise<T>;
