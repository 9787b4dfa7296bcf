import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig, parseCorsOrigins, parseTrustProxy } from "../config";

// The settings of the hardening work: TRUST_PROXY (RL-4), CORS_ORIGINS (GQL-4) and
// GRAPHQL_INTROSPECTION (GQL-3).
describe("TRUST_PROXY", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["127.0.0.1", ["127.0.0.1"]],
    ["10.0.0.5, 10.1.0.0/16", ["10.0.0.5", "10.1.0.0/16"]],
    ["::1,fd00::/8", ["::1", "fd00::/8"]],
  ])("%p → %p", (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(["true", "1", "*", "10.0.0.300", "10.0.0.0/33", "proxy.local", "10.0.0.1/8/2"])(
    "refuses %p with a clear message",
    (raw) => {
      expect(() => parseTrustProxy(raw)).toThrow(ConfigError);
      expect(() => parseTrustProxy(raw)).toThrow(/TRUST_PROXY must list proxy addresses/);
    },
  );
});

describe("CORS_ORIGINS", () => {
  it.each([
    [undefined, []],
    ["https://gas.example.kz", ["https://gas.example.kz"]],
    ["https://a.kz, http://localhost:5173", ["https://a.kz", "http://localhost:5173"]],
  ])("%p → %p", (raw, expected) => {
    expect(parseCorsOrigins(raw)).toEqual(expected);
  });

  it.each([
    "*",
    "https://gas.example.kz/",
    "https://gas.example.kz/app",
    "gas.example.kz",
    "ftp://a.kz",
  ])("refuses %p", (raw) => {
    expect(() => parseCorsOrigins(raw)).toThrow(/CORS_ORIGINS must list origins/);
  });
});

describe("GRAPHQL_INTROSPECTION", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "mysql://gas:gas@db.internal:3306/gas",
    JWT_SECRET: "j".repeat(40),
    PASSWORD_PEPPER: "p".repeat(40),
    INTEGRATOR_JWT_SECRET: "i".repeat(40),
    PUBLIC_URL: "https://gas.example.kz",
  };

  it("is off in production unless turned on", () => {
    expect(loadConfig(production).graphqlIntrospection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: "true" }).graphqlIntrospection).toBe(
      true,
    );
    expect(() => loadConfig({ ...production, GRAPHQL_INTROSPECTION: "maybe" })).toThrow(
      /GRAPHQL_INTROSPECTION must be true or false/,
    );
  });

  it("keeps GRAPHQL_EXPLORER off in production unless turned on, on elsewhere", () => {
    expect(loadConfig(production).graphqlExplorer).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_EXPLORER: "on" }).graphqlExplorer).toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), "gas-settings-"));
    const development = { DATABASE_URL: `sqlite:${join(dataDir, "gas.sqlite")}` };
    expect(loadConfig(development).graphqlExplorer).toBe(true);
    expect(loadConfig({ ...development, GRAPHQL_EXPLORER: "off" }).graphqlExplorer).toBe(false);
    expect(() => loadConfig({ ...production, GRAPHQL_EXPLORER: "maybe" })).toThrow(
      /GRAPHQL_EXPLORER must be true or false \(on or off\)/,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads TRUST_PROXY and CORS_ORIGINS, empty by default", () => {
    const config = loadConfig(production);
    expect(config.trustProxy).toEqual([]);
    expect(config.corsOrigins).toEqual([]);
    const set = loadConfig({
      ...production,
      TRUST_PROXY: "10.0.0.5",
      CORS_ORIGINS: "https://a.kz",
    });
    expect(set.trustProxy).toEqual(["10.0.0.5"]);
    expect(set.corsOrigins).toEqual(["https://a.kz"]);
  });
});
