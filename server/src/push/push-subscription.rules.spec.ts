import { createECDH, randomBytes } from "node:crypto";
import { Language } from "../core/enums";
import {
  checkSubscription,
  MAX_PAYLOAD_BYTES,
  pushPayload,
  readingsScreenUrl,
  subscriptionGone,
  testMessage,
} from "./push-subscription.rules";

const ecdh = createECDH("prime256v1");
ecdh.generateKeys();
const p256dh = ecdh.getPublicKey().toString("base64url");
const auth = randomBytes(16).toString("base64url");
const good = { endpoint: "https://fcm.googleapis.com/fcm/send/abc", p256dh, auth };

describe("checkSubscription", () => {
  it("accepts a browser's subscription and trims the device name", () => {
    const checked = checkSubscription({ ...good, device: "  Pixel 7 " }, false);
    expect(checked).toEqual({
      ok: true,
      value: { endpoint: new URL(good.endpoint), p256dh, auth, device: "Pixel 7" },
    });
  });

  it.each([
    [{ endpoint: "http://fcm.googleapis.com/x" }, "endpoint"],
    [{ endpoint: "https://user:pw@push.example.com/x" }, "endpoint"],
    [{ endpoint: "nonsense" }, "endpoint"],
    // 490 characters as sent, 517 in punycode as stored.
    [
      {
        endpoint: `https://жарықжарық.газсервисгазсервис.есептегішесептегіш.kz/${"p".repeat(430)}`,
      },
      "endpoint",
    ],
    [{ p256dh: ecdh.getPublicKey(undefined, "compressed").toString("base64url") }, "keys.p256dh"],
    [{ p256dh: randomBytes(65).fill(5, 0, 1).toString("base64url") }, "keys.p256dh"],
    [{ p256dh: "not base64!" }, "keys.p256dh"],
    [{ auth: randomBytes(8).toString("base64url") }, "keys.auth"],
    [{ device: "x".repeat(101) }, "device"],
  ])("refuses %j (%s)", (change, field) => {
    const checked = checkSubscription({ ...good, ...change }, false);
    expect(checked.ok ? null : checked.field).toBe(field);
  });

  it("lets an http loopback receiver through only when tests allow it", () => {
    const local = { ...good, endpoint: "http://127.0.0.1:9000/push" };
    expect(checkSubscription(local, true).ok).toBe(true);
    expect(checkSubscription(local, false).ok).toBe(false);
  });
});

describe("pushPayload", () => {
  it("is the message as JSON, and a url that is not a path of the app opens its start", () => {
    expect(JSON.parse(pushPayload({ title: "T", body: "B", url: "/accounts/1" }))).toEqual({
      title: "T",
      body: "B",
      url: "/accounts/1",
    });
    for (const url of ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]) {
      expect(JSON.parse(pushPayload({ title: "T", body: "B", url })).url).toBe("/");
    }
  });

  it("refuses a message the push services would not carry", () => {
    const body = "я".repeat(MAX_PAYLOAD_BYTES);
    expect(() => pushPayload({ title: "T", body, url: "/" })).toThrow();
  });
});

it("links a reminder to the readings screen of the meter's account", () => {
  expect(readingsScreenUrl("1234567890")).toBe("/accounts/1234567890");
  expect(
    JSON.parse(pushPayload({ title: "T", body: "B", url: readingsScreenUrl("12/3") })).url,
  ).toBe("/accounts/12%2F3");
});

it("reads 404 and 410 as a subscription gone for good", () => {
  expect([404, 410, 201, 429, 500].map(subscriptionGone)).toEqual([
    true,
    true,
    false,
    false,
    false,
  ]);
});

it("has the test notification in every language", () => {
  for (const language of Object.values(Language)) {
    expect(testMessage(language).title).not.toBe("");
  }
  expect(testMessage(Language.KK).title).toBe("Хабарландырулар қосулы");
});
