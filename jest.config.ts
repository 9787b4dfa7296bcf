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
        "^@shared/(.*)$": "<rootDir>/server/src/shared/$1",
        "^@/(.*)$": "<rootDir>/client/src/$1",
      },
      // Vue, vue-i18n and Apollo resolve to their Node builds under jsdom.
      testEnvironmentOptions: { customExportConditions: ["node", "node-addons"] },
    },
  ],
  testTimeout: 60_000,
};

export default config;
