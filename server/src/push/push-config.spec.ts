import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webPush from "web-push";
import { loadConfig } from "../config";

const secret = "s".repeat(40);
const sqliteIn = (dir: string) => `sqlite:${join(dir, "gas.sqlite")}`;
const production = (dir: string) => ({
  NODE_ENV: "production",
  DATABASE_URL: sqliteIn(dir),
  JWT_SECRET: secret,
  PASSWORD_PEPPER: secret,
  INTEGRATOR_JWT_SECRET: secret,
  PUBLIC_URL: "https://gas.example.kz",
});
const newDir = () => mkdtempSync(join(tmpdir(), "gas-push-config-"));

it("generates a VAPID key pair once and keeps it beside the other secrets", () => {
  const dir = newDir();
  const first = loadConfig({ DATABASE_URL: sqliteIn(dir) }).vapid;
  expect(first?.publicKey).toMatch(/^[\w-]{87}$/);
  expect(Buffer.from(first!.privateKey, "base64url")).toHaveLength(32);
  expect(first?.subject).toBe("mailto:no-reply@localhost");
  expect(loadConfig({ DATABASE_URL: sqliteIn(dir) }).vapid).toEqual(first);
  expect(readFileSync(join(dir, "secrets", "vapid_keys.txt"), "utf8")).toContain(first!.publicKey);
});

it("takes the keys and subject from VAPID_*, and refuses half a pair or a bad subject", () => {
  const dir = newDir();
  const keys = webPush.generateVAPIDKeys();
  const env = {
    ...production(dir),
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
  };
  expect(loadConfig(env).vapid).toEqual({ ...keys, subject: "mailto:no-reply@gas.example.kz" });
  expect(loadConfig({ ...env, VAPID_SUBJECT: "https://gas.example.kz/" }).vapid?.subject).toBe(
    "https://gas.example.kz/",
  );
  expect(() => loadConfig({ ...env, VAPID_PRIVATE_KEY: "" })).toThrow(/VAPID_PUBLIC_KEY and/);
  expect(() => loadConfig({ ...env, VAPID_SUBJECT: "support" })).toThrow(/VAPID_SUBJECT/);
});

it("turns push off in production without keys, and refuses PUSH_ALLOW_LOOPBACK there", () => {
  const dir = newDir();
  expect(loadConfig(production(dir)).vapid).toBeNull();
  expect(() => loadConfig({ ...production(dir), PUSH_ALLOW_LOOPBACK: "true" })).toThrow(
    /PUSH_ALLOW_LOOPBACK is for tests/,
  );
  expect(
    loadConfig({ DATABASE_URL: sqliteIn(dir), PUSH_ALLOW_LOOPBACK: "true" }).pushAllowLoopback,
  ).toBe(true);
});
