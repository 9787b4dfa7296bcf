import { randomBytes } from "node:crypto";
import { codeOf } from "../../test/graphql-client";
import { ACCOUNT, CHANGE_PASSWORD, SUBMIT, UNLINK } from "../../test/operations";
import { issueLink, SUBMIT_BY_LINK, SUBMIT_LINK, subscriber } from "../../test/reminder-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";

const NOW = "2026-12-20T06:00:00Z";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: NOW });
});
afterAll(() => t.close());
afterEach(() => t.clock.set(NOW));

let keys = 0;
const key = () => `link-key-${Date.now()}-${++keys}`;
const send = (token: string, value: string, idempotencyKey = key()) =>
  t.client().request(SUBMIT_BY_LINK, { input: { token, value, idempotencyKey } });

describe("submitLink", () => {
  it("shows the meter, the account, the masked holder, the last reading and the window; nothing else", async () => {
    const who = await subscriber(t, { account: { holderName: "Сарыбали Айгерим Нурлановна" } });
    const token = await issueLink(t, who, 0, "KK" as never);
    const view = await t.client().ok(SUBMIT_LINK, { token });
    expect(view.submitLink).toEqual({
      meterSerial: who.serials[0],
      accountNumber: who.accountNumber,
      holderNameMasked: "С***ли А. Н.",
      lastReading: { value: "1500.000", takenAt: "2026-10-25T05:00:00.000Z" },
      submission: {
        period: "2026-12",
        used: 0,
        remaining: 2,
        minimumValue: "1500.000",
        reopensAt: null,
      },
      language: "KK",
    });
    const type = await t.client().ok(`{ __type(name: "SubmitLinkView") { fields { name } } }`);
    expect(type.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(
      [
        "accountNumber",
        "holderNameMasked",
        "language",
        "lastReading",
        "meterSerial",
        "submission",
      ].sort(),
    );
  });
});

describe("submitReadingByLink", () => {
  it("sends under the two-a-month rule, recorded as REMINDER_LINK, audited, in the history", async () => {
    const who = await subscriber(t);
    const token = await issueLink(t, who);

    const below = await send(token, "1499.999");
    expect(codeOf(below)).toBe("READING_BELOW_PREVIOUS");
    expect(below.errors![0].extensions!.minimumValue).toBe("1500.000");

    const first = await t.client().ok(SUBMIT_BY_LINK, {
      input: { token, value: "1510.5", idempotencyKey: "first-key-1" },
    });
    expect(first.submitReadingByLink).toEqual({
      value: "1510.500",
      period: "2026-12",
      isCorrection: false,
      submission: { used: 1, remaining: 1, minimumValue: "1500.000" },
    });
    // A retry with the same key answers the same sending.
    const retry = await t.client().ok(SUBMIT_BY_LINK, {
      input: { token, value: "1510.5", idempotencyKey: "first-key-1" },
    });
    expect(retry.submitReadingByLink.submission.used).toBe(1);

    const second = await t.client().ok(SUBMIT_BY_LINK, {
      input: { token, value: "1511", idempotencyKey: key() },
    });
    expect(second.submitReadingByLink).toMatchObject({ isCorrection: true });
    expect(codeOf(await send(token, "1512"))).toBe("MONTHLY_LIMIT_REACHED");

    const history = await who.client.ok(ACCOUNT, { number: who.accountNumber });
    const nodes = history.account.meters[0].readings.edges.map((e: any) => e.node);
    expect(nodes.slice(0, 2).map((n: any) => [n.value, n.source])).toEqual([
      ["1511.000", "REMINDER_LINK"],
      ["1510.500", "REMINDER_LINK"],
    ]);
    const audited = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ userId: who.userId, eventType: "READING_SUBMITTED" });
    expect(audited).toHaveLength(2);
    expect(JSON.parse(audited[0].detail!)).toMatchObject({ oneTapId: expect.any(Number) });
  });

  it("a link sending and the subscriber's own at the same instant: still two a month", async () => {
    const who = await subscriber(t);
    const token = await issueLink(t, who);
    const results = await Promise.all([
      send(token, "1600"),
      send(token, "1601"),
      who.client.request(SUBMIT, {
        input: { meterId: String(who.meterIds[0]), value: "1602", idempotencyKey: key() },
      }),
      who.client.request(SUBMIT, {
        input: { meterId: String(who.meterIds[0]), value: "1603", idempotencyKey: key() },
      }),
    ]);
    const codes = results.map((r) => (r.errors ? codeOf(r) : "OK"));
    expect(codes.filter((c) => c === "OK")).toHaveLength(2);
    // The others lost to the limit, or (a lower value after a higher one) to the minimum.
    for (const code of codes.filter((c) => c !== "OK")) {
      expect(["MONTHLY_LIMIT_REACHED", "READING_BELOW_PREVIOUS"]).toContain(code);
    }
    const sent = await t.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM readings WHERE meter_id = ? AND period = '2026-12'",
      [who.meterIds[0]],
    );
    expect(Number(sent[0].n)).toBe(2);
  });
});

describe("every refusal answers INVALID_LINK and tells nothing more", () => {
  const expectInvalid = async (token: string) => {
    for (const response of [
      await t.client().request(SUBMIT_LINK, { token }),
      await send(token, "9999"),
    ]) {
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].message).toBe(
        "This reading link is invalid or has expired; log in to send the reading.",
      );
      expect(response.errors![0].extensions).toEqual({ code: "INVALID_LINK", field: "token" });
      expect(response.data).toBeNull();
    }
  };

  it("garbled or unknown", async () => {
    await expectInvalid("");
    await expectInvalid("not a token");
    await expectInvalid("x".repeat(500));
    await expectInvalid(randomBytes(32).toString("base64url"));
  });

  it("expired at the end of the Almaty month", async () => {
    const who = await subscriber(t);
    const token = await issueLink(t, who);
    t.clock.set("2026-12-31T18:59:59Z"); // 23:59:59 in Almaty
    expect((await t.client().request(SUBMIT_LINK, { token })).errors).toBeUndefined();
    t.clock.set("2026-12-31T19:00:00Z"); // midnight: January
    await expectInvalid(token);
  });

  it("revoked by a password change, logoutEverywhere, unlinking the account", async () => {
    const a = await subscriber(t);
    const tokenA = await issueLink(t, a);
    await a.client.ok(CHANGE_PASSWORD, {
      input: { currentPassword: a.password, newPassword: "Новый-пароль-2027!" },
    });
    await expectInvalid(tokenA);

    const b = await subscriber(t);
    const tokenB = await issueLink(t, b);
    await b.client.ok(`mutation { logoutEverywhere }`);
    await expectInvalid(tokenB);

    const c = await subscriber(t);
    const tokenC = await issueLink(t, c);
    await c.client.ok(UNLINK, { number: c.accountNumber });
    await expectInvalid(tokenC);
  });

  it("a link of one subscriber's meter never reaches another meter", async () => {
    const who = await subscriber(t, { account: { meters: [{}, {}] } });
    const token = await issueLink(t, who, 1);
    const view = await t.client().ok(SUBMIT_LINK, { token });
    expect(view.submitLink.meterSerial).toBe(who.serials[1]);
    await t.client().ok(SUBMIT_BY_LINK, { input: { token, value: "1", idempotencyKey: key() } });
    const rows = await t.db.dataSource.query(
      "SELECT meter_id FROM readings WHERE source = 'REMINDER_LINK' AND meter_id IN (?, ?)",
      who.meterIds,
    );
    expect(rows.map((r: { meter_id: unknown }) => Number(r.meter_id))).toEqual([who.meterIds[1]]);
  });
});

describe("limits", () => {
  it("per token: RATE_LIMITED once the hour's uses are spent", async () => {
    const limited = await startTestApp({
      now: NOW,
      budgets: { linkPerTokenHour: { points: 3 }, costPerMinute: { points: 100_000 } },
    });
    try {
      const who = await subscriber(limited);
      const token = await issueLink(limited, who);
      for (let i = 0; i < 3; i++) {
        expect((await limited.client().request(SUBMIT_LINK, { token })).errors).toBeUndefined();
      }
      expect(codeOf(await limited.client().request(SUBMIT_LINK, { token }))).toBe("RATE_LIMITED");
      // Another token from the same address still works.
      const other = await issueLink(limited, who);
      expect(
        (await limited.client().request(SUBMIT_LINK, { token: other })).errors,
      ).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
