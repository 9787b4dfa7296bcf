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
  ],
  testTimeout: 60_000,
};

export default config;
