import type { Config } from "jest";

const config: Config = {
  projects: [
    {
      displayName: "server",
      testEnvironment: "node",
      roots: ["<rootDir>/server"],
      testMatch: ["**/*.spec.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
      setupFiles: ["reflect-metadata"],
    },
    {
      displayName: "bench",
      testEnvironment: "node",
      roots: ["<rootDir>/bench"],
      testMatch: ["**/*.spec.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    },
    {
      displayName: "client",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/client/src"],
      testMatch: ["**/*.spec.ts"],
      moduleFileExtensions: ["ts", "js", "json", "vue"],
      transform: {
        "^.+\\.vue$": "@vue/vue3-jest",
        "^.+\\.ts$": [
          "ts-jest",
          {
            tsconfig: {
              module: "commonjs",
              target: "ES2022",
              esModuleInterop: true,
              resolveJsonModule: true,
              isolatedModules: true,
            },
          },
        ],
      },
      moduleNameMapper: {
        "^@core/(.*)$": "<rootDir>/server/src/core/$1",
        "^@/(.*)$": "<rootDir>/client/src/$1",
        // @vue/apollo-composable's CommonJS build requires Apollo's ES module entry.
        "^@apollo/client/core/index\\.js$": "<rootDir>/node_modules/@apollo/client/core/core.cjs",
      },
      // Vue and vue-i18n resolve to their Node builds under jsdom. Jest runs no Vite plugin, so
      // the locale JSON arrives as plain strings (not precompiled as in the build), and
      // vue-i18n's Node build, which includes the message compiler, compiles them here.
      testEnvironmentOptions: { customExportConditions: ["node", "node-addons"] },
    },
  ],
  testTimeout: 60_000,
};

export default config;
