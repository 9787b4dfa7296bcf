import webPush from "web-push";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, fieldOf, GraphQLClient } from "../../test/graphql-client";
import { CHANGE_PASSWORD, LOGIN, LOGOUT, registerAndLogin } from "../../test/operations";
import {
  browserKeys,
  PUSH_PUBLIC_KEY,
  SEND_TEST_PUSH,
  startPushReceiver,
  SUBSCRIBE_PUSH,
  UNSUBSCRIBE_PUSH,
  verifiedVapidClaims,
} from "../../test/push-receiver";
import { RELAXED_BUDGETS, startTestApp, type TestApp } from "../../test/test-app";
import { PushSubscriptionEntity } from "./push-subscription.entity";

const vapid = { ...webPush.generateVAPIDKeys(), subject: "mailto:support@gas.example.kz" };
const LOGOUT_EVERYWHERE = `mutation { logoutEverywhere }`;

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startPushReceiver>>;
beforeAll(async () => {
  t = await startTestApp({
    config: { vapid, pushAllowLoopback: true },
    budgets: { ...RELAXED_BUDGETS, testPushPerUserHour: { points: 3 } },
  });
  receiver = await startPushReceiver();
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.status = 201;
  receiver.received.length = 0;
});

const rows = () => t.db.dataSource.getRepository(PushSubscriptionEntity);
let devices = 0;

/** A subscriber logged in on a new client (a device). */
async function subscriber() {
  const home = await createRegistryAccount(t.db.dataSource);
  const input = registration(home);
  const client = t.client();
  const { userId } = await registerAndLogin(client, input);
  return { client, userId: Number(userId), input };
}

/** The same subscriber on another device: a new login, so a new session. */
async function anotherDevice(input: Record<string, unknown>) {
  const client = t.client();
  const loggedIn = await client.ok(LOGIN, {
    input: { email: input.email, password: input.password, rememberMe: true },
  });
  client.accessToken = loggedIn.login.accessToken;
  return client;
}

/** Subscribes `client` with fresh browser keys at an endpoint on the receiver. */
async function subscribe(client: GraphQLClient) {
  const keys = browserKeys();
  const endpoint = `${receiver.origin}/push/device-${++devices}`;
  const input = { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, device: "Phone" };
  expect((await client.ok(SUBSCRIBE_PUSH, { input })).subscribePush).toBe(true);
  return { ...keys, endpoint };
}

it("answers the VAPID public key to anyone", async () => {
  expect((await new GraphQLClient(`${t.url}/graphql`).ok(PUSH_PUBLIC_KEY)).pushPublicKey).toBe(
    vapid.publicKey,
  );
});

it("delivers a message the browser's key decrypts, signed with the VAPID key", async () => {
  const { client, userId } = await subscriber();
  const device = await subscribe(client);
  const message = { title: "Показания", body: "Передайте показания до 25-го", url: "/accounts/1" };

  expect(await t.app.services.push.send(userId, message)).toEqual({
    sent: 1,
    removed: 0,
    failed: 0,
  });

  expect(receiver.received).toHaveLength(1);
  const [push] = receiver.received;
  expect(`${receiver.origin}${push.path}`).toBe(device.endpoint);
  expect(push.headers["content-encoding"]).toBe("aes128gcm");
  expect(Number(push.headers.ttl)).toBeGreaterThan(0);
  expect(JSON.parse(device.decrypt(push.body))).toEqual(message);
  // Another browser's keys do not open it.
  expect(() => browserKeys().decrypt(push.body)).toThrow();

  const claims = verifiedVapidClaims(push.headers.authorization, vapid.publicKey);
  expect(claims.aud).toBe(receiver.origin);
  expect(claims.sub).toBe(vapid.subject);
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(() =>
    verifiedVapidClaims(push.headers.authorization, webPush.generateVAPIDKeys().publicKey),
  ).toThrow();

  const [row] = await rows().findBy({ userId });
  expect(row.lastSuccessAt).not.toBeNull();
  expect(row.device).toBe("Phone");
});

it("removes a subscription the push service answers 410 or 404 for, and keeps it on a 500", async () => {
  const { client, userId } = await subscriber();
  await subscribe(client);
  const message = { title: "T", body: "B", url: "/" };

  receiver.status = 500;
  expect(await t.app.services.push.send(userId, message)).toEqual({
    sent: 0,
    removed: 0,
    failed: 1,
  });
  expect(await rows().countBy({ userId })).toBe(1);

  receiver.status = 410;
  expect(await t.app.services.push.send(userId, message)).toEqual({
    sent: 0,
    removed: 1,
    failed: 0,
  });
  expect(await rows().countBy({ userId })).toBe(0);

  await subscribe(client);
  receiver.status = 404;
  expect((await t.app.services.push.send(userId, message)).removed).toBe(1);
  expect(await rows().countBy({ userId })).toBe(0);
});

it("refuses endpoints it must not call and keys that are not keys, storing nothing", async () => {
  const { client, userId } = await subscriber();
  const keys = browserKeys();
  const good = { p256dh: keys.p256dh, auth: keys.auth };
  const refusals: Array<[Record<string, unknown>, string]> = [
    [{ endpoint: "http://push.example.com/x", keys: good }, "endpoint"],
    [{ endpoint: "https://10.0.0.1/push", keys: good }, "endpoint"],
    [{ endpoint: "https://169.254.169.254/latest", keys: good }, "endpoint"],
    [{ endpoint: "https://[fd00:ec2::254]/push", keys: good }, "endpoint"],
    [{ endpoint: "not a url", keys: good }, "endpoint"],
    [{ endpoint: `${receiver.origin}/p`, keys: { ...good, p256dh: "AAAA" } }, "keys.p256dh"],
    [{ endpoint: `${receiver.origin}/p`, keys: { ...good, auth: "short" } }, "keys.auth"],
  ];
  for (const [input, field] of refusals) {
    const answer = await client.request(SUBSCRIBE_PUSH, { input });
    expect([JSON.stringify(input), codeOf(answer), fieldOf(answer)]).toEqual([
      JSON.stringify(input),
      "VALIDATION_FAILED",
      field,
    ]);
  }
  expect(await rows().countBy({ userId })).toBe(0);
  // Anonymous callers may not subscribe.
  const anonymous = new GraphQLClient(`${t.url}/graphql`);
  const answer = await anonymous.request(SUBSCRIBE_PUSH, {
    input: { endpoint: `${receiver.origin}/p`, keys: good },
  });
  expect(codeOf(answer)).toBe("UNAUTHENTICATED");
});

it("keeps one row per endpoint, and unsubscribes only the caller's own", async () => {
  const first = await subscriber();
  const second = await subscriber();
  const device = await subscribe(first.client);
  // The same browser, now used by someone else, subscribes again: the endpoint moves to them.
  await second.client.ok(SUBSCRIBE_PUSH, {
    input: { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
  });
  expect(await rows().countBy({ endpoint: device.endpoint })).toBe(1);
  expect(await rows().countBy({ userId: first.userId })).toBe(0);

  const unsubscribe = (client: GraphQLClient) =>
    client.ok(UNSUBSCRIBE_PUSH, { endpoint: device.endpoint });
  expect((await unsubscribe(first.client)).unsubscribePush).toBe(false);
  expect(await rows().countBy({ userId: second.userId })).toBe(1);
  expect((await unsubscribe(second.client)).unsubscribePush).toBe(true);
  expect(await rows().countBy({ userId: second.userId })).toBe(0);
});

it("keeps the newest 10 devices of a subscriber", async () => {
  const { client, userId } = await subscriber();
  const first = await subscribe(client);
  for (let i = 0; i < 10; i++) await subscribe(client);
  expect(await rows().countBy({ userId })).toBe(10);
  expect(await rows().countBy({ endpoint: first.endpoint })).toBe(0);
});

it("forgets this device's subscription at logout and every device's at logoutEverywhere", async () => {
  const { client, userId, input } = await subscriber();
  const phone = await anotherDevice(input);
  const laptop = await anotherDevice(input);
  await subscribe(client);
  const phoneEndpoint = (await subscribe(phone)).endpoint;
  await subscribe(laptop);
  expect(await rows().countBy({ userId })).toBe(3);

  await phone.ok(LOGOUT);
  expect(await rows().countBy({ userId })).toBe(2);
  expect(await rows().countBy({ endpoint: phoneEndpoint })).toBe(0);

  await laptop.ok(LOGOUT_EVERYWHERE);
  expect(await rows().countBy({ userId })).toBe(0);
});

it("drops the subscriptions of sessions a password change ended, at the next sending", async () => {
  const { client, userId, input } = await subscriber();
  const phone = await anotherDevice(input);
  await subscribe(client);
  const phoneEndpoint = (await subscribe(phone)).endpoint;
  await client.ok(CHANGE_PASSWORD, {
    input: { currentPassword: input.password, newPassword: "Жаңа-құпия-сөз-2026" },
  });
  expect(await t.app.services.push.send(userId, { title: "T", body: "B", url: "/" })).toEqual({
    sent: 1,
    removed: 1,
    failed: 0,
  });
  expect(receiver.received).toHaveLength(1);
  expect(await rows().countBy({ endpoint: phoneEndpoint })).toBe(0);
  expect(await rows().countBy({ userId })).toBe(1);
});

it("sends a test notification in the subscriber's language, a few an hour", async () => {
  const { client, userId } = await subscriber();
  const device = await subscribe(client);
  expect((await client.ok(SEND_TEST_PUSH)).sendTestPush).toEqual({
    sent: 1,
    removed: 0,
    failed: 0,
  });
  expect(JSON.parse(device.decrypt(receiver.received[0].body))).toEqual({
    title: "Уведомления включены",
    body: "Напоминания о показаниях счётчика будут приходить на это устройство.",
    url: "/settings",
  });
  await client.ok(SEND_TEST_PUSH);
  await client.ok(SEND_TEST_PUSH);
  expect(codeOf(await client.request(SEND_TEST_PUSH))).toBe("RATE_LIMITED");
  expect(receiver.received).toHaveLength(3);
  expect(await rows().countBy({ userId })).toBe(1);
});
