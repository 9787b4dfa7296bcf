import { randomBytes } from "node:crypto";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import { linkIn, TestSmtpServer, tokenOf } from "../../test/mail";
import { REGISTER } from "../../test/operations";
import { REQUEST_RESET, RESET_PASSWORD } from "../../test/recovery-operations";
import { RELAXED_BUDGETS, startTestApp, type TestApp } from "../../test/test-app";
import { DEFAULT_BUDGETS } from "../rate-limit/budgets";
import { CONFIRM_PATH } from "./email-confirmation.service";
import { RESET_PATH } from "./password-reset.service";
import { UserTokenEntity } from "./user-token.entity";

const PUBLIC_URL = "https://gas.example.kz";
const STATUS = `query Status($token: String!) { passwordResetTokenStatus(token: $token) }`;

let t: TestApp;
let smtp: TestSmtpServer;
let account: RegistryAccount;
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  t = await startTestApp({
    config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL, trustProxy: ["127.0.0.1"] },
    // The number of RL-8's budget (docs/security.md); the others relaxed (many requests, one address).
    budgets: {
      ...RELAXED_BUDGETS,
      resetStatusPerIpHour: DEFAULT_BUDGETS.resetStatusPerIpHour,
    },
  });
  account = await createRegistryAccount(t.db.dataSource);
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});
afterEach(() => t.clock.set("2026-11-15T06:00:00Z"));

/** A client behind its own address (X-Forwarded-For from the trusted proxy). */
function clientAt(ip = freshIp()): GraphQLClient {
  const client = t.client();
  client.headers["x-forwarded-for"] = ip;
  return client;
}

async function newestLink(email: string, path: string): Promise<string> {
  await t.app.services.mail.flush();
  const mails = smtp.to(email);
  const link = linkIn(mails[mails.length - 1], PUBLIC_URL, path);
  expect(link).toBeDefined();
  return tokenOf(link!);
}

async function registered(): Promise<{ email: string; confirmToken: string }> {
  const input = registration(account);
  await clientAt().ok(REGISTER, { input });
  return { email: input.email, confirmToken: await newestLink(input.email, CONFIRM_PATH) };
}

async function resetToken(email: string): Promise<string> {
  await clientAt().ok(REQUEST_RESET, { input: { email } });
  return newestLink(email, RESET_PATH);
}

const status = async (token: string, client = clientAt()) =>
  (await client.ok(STATUS, { token })).passwordResetTokenStatus;

describe("passwordResetTokenStatus", () => {
  it("is VALID for a live link, however often asked, and the link still resets; then USED", async () => {
    const { email } = await registered();
    const token = await resetToken(email);
    const tokens = t.db.dataSource.getRepository(UserTokenEntity);
    const before = await tokens.find({ order: { id: "ASC" } });
    expect(await status(token)).toBe("VALID");
    expect(await status(token)).toBe("VALID");
    // Read only: no token row changed (nothing spent, nothing extended).
    expect(await tokens.find({ order: { id: "ASC" } })).toEqual(before);

    const reset = await clientAt().request(RESET_PASSWORD, {
      input: { token, newPassword: "Тау-самалы-2027!" },
    });
    expect(reset.data).toEqual({ resetPassword: true });
    expect(await status(token)).toBe("USED");
  });

  it("is EXPIRED after the 30 minutes: a check at minute 29 did not extend it", async () => {
    const { email } = await registered();
    const token = await resetToken(email);
    t.clock.set("2026-11-15T06:29:00Z");
    expect(await status(token)).toBe("VALID");
    t.clock.set("2026-11-15T06:31:00Z");
    expect(await status(token)).toBe("EXPIRED");
    const reset = await clientAt().request(RESET_PASSWORD, {
      input: { token, newPassword: "Тау-самалы-2027!" },
    });
    expect(codeOf(reset)).toBe("INVALID_RESET_TOKEN");
  });

  it("is USED for a link replaced by a newer one", async () => {
    const { email } = await registered();
    const older = await resetToken(email);
    const newer = await resetToken(email);
    expect(await status(older)).toBe("USED");
    expect(await status(newer)).toBe("VALID");
  });

  it("is INVALID for unknown, garbled and other kinds of tokens, with the same body", async () => {
    const { confirmToken } = await registered();
    const unknown = randomBytes(32).toString("base64url");
    const bodies = new Set<string>();
    for (const token of [unknown, "abc", "", "x".repeat(5000), confirmToken]) {
      const response = await clientAt().request(STATUS, { token });
      expect(response.data).toEqual({ passwordResetTokenStatus: "INVALID" });
      bodies.add(response.text);
    }
    expect(bodies.size).toBe(1);
  });

  it("is limited per client address: the 31st check in an hour is RATE_LIMITED", async () => {
    const { points } = DEFAULT_BUDGETS.resetStatusPerIpHour;
    const busy = clientAt();
    for (let i = 0; i < points; i++) expect(await status("abc", busy)).toBe("INVALID");
    const over = await busy.request(STATUS, { token: "abc" });
    expect(codeOf(over)).toBe("RATE_LIMITED");
    const retryAfter = over.errors![0].extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // A spoofed X-Forwarded-For behind the proxy does not reset it; another address is not held.
    const spoofed = await busy.request(
      STATUS,
      { token: "abc" },
      {
        headers: { "x-forwarded-for": `10.9.9.9, ${busy.headers["x-forwarded-for"]}` },
      },
    );
    expect(codeOf(spoofed)).toBe("RATE_LIMITED");
    expect(await status("abc")).toBe("INVALID");
  });

  it("must be the only field of its operation, without an alias (RL-8)", async () => {
    const response = await clientAt().request(
      `{ a: passwordResetTokenStatus(token: "abc") b: passwordResetTokenStatus(token: "abd") }`,
    );
    expect(codeOf(response)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
