import type { Config } from "jest";

/**
 * The Galera suite (server/test/galera/*.int.ts): three built servers, each on its own node of a
 * three-node MariaDB Galera cluster, behind HAProxy; node faults. Not part of `npm test`; run it
 * with scripts/galera-suite.sh.
 */
const config: Config = {
  displayName: "galera",
  testEnvironment: "node",
  roots: ["<rootDir>/server/test/galera"],
  testMatch: ["**/*.int.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
  setupFiles: ["reflect-metadata"],
  maxWorkers: 1,
  testTimeout: 300_000,
};

export default config;
