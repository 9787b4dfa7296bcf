import type { Config } from "jest";

/**
 * The replica suite (server/test/replicas/*.int.ts): two built servers behind HAProxy on
 * MariaDB. Not part of `npm test`; run it with scripts/replicas.sh.
 */
const config: Config = {
  displayName: "replicas",
  testEnvironment: "node",
  roots: ["<rootDir>/server/test/replicas"],
  testMatch: ["**/*.int.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
  setupFiles: ["reflect-metadata"],
  // One file at a time: the replicas, HAProxy and the load share a small machine.
  maxWorkers: 1,
  testTimeout: 180_000,
};

export default config;
