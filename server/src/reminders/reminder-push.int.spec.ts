import webPush from "web-push";
import { makeBin } from "../core/bin";
import { createRegistryAccount, registration } from "../../test/factories";
import type { GraphQLClient } from "../../test/graphql-client";
import { LOGIN, REGISTER, SUBMIT } from "../../test/operations";
import { browserKeys, startPushReceiver, SUBSCRIBE_PUSH } from "../../test/push-receiver";
import { subscriber, UPDATE_REMINDERS } from "../../test/reminder-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { MeterEntity } from "../readings/meter.entity";
import { UserEntity } from "../users/user.entity";
import { PushReminderStatus, ReminderChannel, ReminderEntity } from "./reminder.entity";
import { ReminderPushes } from "./reminder-pushes";

const vapid = { ...webPush.generateVAPIDKeys(), subject: "mailto:support@gas.example.kz" };
/** 11:00 in Almaty on the 20th. */
const NOW = "2026-12-20T06:00:00Z";

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startPushReceiver>>;
beforeAll(async () => {
  receiver = await startPushReceiver();
  t = await startTestApp({ now: NOW, config: { vapid, pushAllowLoopback: true } });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.status = 201;
  receiver.received.length = 0;
  t.clock.set(NOW);
});

// Each test runs its own day of December: runs of one day are one run.
let dayNumber = 0;
const nextDay = () => `2026-12-${String(++dayNumber).padStart(2, "0")}`;
let devices = 0;

/** Turns push reminders on (e-mail off) and subscribes the client's device. */
async function pushOn(client: GraphQLClient) {
  await client.ok(UPDATE_REMINDERS, { email: false, push: true });
  const keys = browserKeys();
  const endpoint = `${receiver.origin}/push/reminder-${++devices}`;
  await client.ok(SUBSCRIBE_PUSH, {
    input: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } },
  });
  return { ...keys, endpoint };
}

/** The pushes the receiver got for a device, decrypted. */
function pushesTo(device: Awaited<ReturnType<typeof pushOn>>) {
  return receiver.received
    .filter((push) => `${receiver.origin}${push.path}` === device.endpoint)
    .map((push) => ({ topic: push.headers.topic, ...JSON.parse(device.decrypt(push.body)) }));
}

/** The day's run queues, claims, and dies in the push service's call (as a kill -9 would). */
async function runDayDyingWhileSending(day: string): Promise<void> {
  const reminders = t.app.services.reminders;
  const pushes = reminders.pushes;
  const dying = new ReminderPushes(t.db.dataSource, t.clock, {
    send: () => Promise.reject(new Error("killed while sending")),
  });
  Object.assign(reminders, { pushes: dying });
  try {
    await expect(reminders.runDay(day)).rejects.toThrow("killed while sending");
  } finally {
    Object.assign(reminders, { pushes });
  }
}

const pushRows = (userId: number, day: string) =>
  t.db.dataSource
    .getRepository(ReminderEntity)
    .findBy({ userId, day, channel: ReminderChannel.PUSH });

it("sends one push in the subscriber's language that opens the meter's readings screen, once a day", async () => {
  const who = await subscriber(t, { language: "KK" });
  const device = await pushOn(who.client);
  await t.db.dataSource
    .getRepository(MeterEntity)
    .update({ id: who.meterIds[0] }, { verificationDue: "2027-01-15" });
  const day = nextDay();

  await t.app.services.reminders.runDay(day);
  expect(pushesTo(device)).toEqual([
    {
      topic: `reminder-${day}`,
      tag: `reminder-${day}`,
      title: "Газ есептегішінің желтоқсан 2026 айындағы көрсеткішін беріңіз",
      body:
        `${who.serials[0]} есептегішінің (дербес шот ${who.accountNumber}) осы айдағы ` +
        "көрсеткіші әлі берілген жоқ. " +
        `${who.serials[0]} есептегішін салыстырып тексеру мерзімі: 15.01.2027 дейін; ` +
        "алдын ала өтінім беріңіз.",
      url: `/accounts/${who.accountNumber}`,
    },
  ]);
  const [row] = await pushRows(who.userId, day);
  expect(row).toMatchObject({ status: PushReminderStatus.SENT, attempts: 1 });
  expect(row.sentAt).not.toBeNull();

  // The operator's second run, the scheduler's later passes: nothing more.
  await t.app.services.reminders.runDay(day, { again: true });
  await t.app.services.reminders.pushes.sendDue(day);
  expect(pushesTo(device)).toHaveLength(1);
  expect(await pushRows(who.userId, day)).toHaveLength(1);
  const run = (await t.app.services.reminders.runs(40)).find((r) => r.day === day);
  expect(run).toMatchObject({ pushesSent: 1, pushesFailed: 0 });
});

it("sends nothing after a sending, with push off or without a device", async () => {
  const sentAlready = await subscriber(t);
  const sentDevice = await pushOn(sentAlready.client);
  await sentAlready.client.ok(SUBMIT, {
    input: {
      meterId: String(sentAlready.meterIds[0]),
      value: "1600",
      idempotencyKey: "push-sent-1",
    },
  });
  const noDevice = await subscriber(t);
  await noDevice.client.ok(UPDATE_REMINDERS, { email: false, push: true });
  const pushOff = await subscriber(t);
  const offDevice = await pushOn(pushOff.client);
  await pushOff.client.ok(UPDATE_REMINDERS, { email: true, push: false });
  const day = nextDay();

  await t.app.services.reminders.runDay(day);
  expect(pushesTo(sentDevice)).toHaveLength(0);
  expect(pushesTo(offDevice)).toHaveLength(0);
  for (const who of [sentAlready, noDevice, pushOff]) {
    expect(await pushRows(who.userId, day)).toHaveLength(0);
  }
});

it("cancels a queued push when the reading comes before it is sent", async () => {
  const who = await subscriber(t);
  const device = await pushOn(who.client);
  const day = nextDay();
  await runDayDyingWhileSending(day);
  await who.client.ok(SUBMIT, {
    input: { meterId: String(who.meterIds[0]), value: "1600", idempotencyKey: "push-after-1" },
  });
  t.clock.set(new Date(new Date(NOW).getTime() + 3 * 60_000));
  await t.app.services.reminders.pushes.sendDue(day);
  expect(pushesTo(device)).toHaveLength(0);
  expect((await pushRows(who.userId, day))[0].status).toBe(PushReminderStatus.CANCELLED);
});

it("a sender that dies after claiming: sent once after the claim runs out, not before", async () => {
  const who = await subscriber(t, { language: "EN" });
  const device = await pushOn(who.client);
  const day = nextDay();
  const pushes = t.app.services.reminders.pushes;
  await runDayDyingWhileSending(day);
  // Claimed by the dead sender: another pass leaves it alone while the claim lasts.
  await pushes.sendDue(day);
  expect(pushesTo(device)).toHaveLength(0);
  t.clock.set(new Date(new Date(NOW).getTime() + 3 * 60_000));
  await pushes.sendDue(day);
  const [push, ...more] = pushesTo(device);
  expect(more).toHaveLength(0);
  expect(push).toMatchObject({
    title: "Send your gas meter reading for December 2026",
    url: `/accounts/${who.accountNumber}`,
  });
  expect((await pushRows(who.userId, day))[0]).toMatchObject({
    status: PushReminderStatus.SENT,
    attempts: 2,
  });
});

it("tries a push no device took again later, and gives up after the third time", async () => {
  const who = await subscriber(t);
  const device = await pushOn(who.client);
  const day = nextDay();
  receiver.status = 500;
  await t.app.services.reminders.runDay(day);
  expect(pushesTo(device)).toHaveLength(1);
  for (const minutes of [11, 22]) {
    t.clock.set(new Date(new Date(NOW).getTime() + minutes * 60_000));
    await t.app.services.reminders.pushes.sendDue(day);
  }
  expect(pushesTo(device)).toHaveLength(3);
  expect((await pushRows(who.userId, day))[0]).toMatchObject({
    status: PushReminderStatus.FAILED,
    attempts: 3,
  });
  // Earlier tests' subscribers still have push on: their pushes failed on this day too.
  const failed = await t.db.dataSource.getRepository(ReminderEntity).findBy({
    day,
    channel: ReminderChannel.PUSH,
    status: PushReminderStatus.FAILED,
  });
  const run = (await t.app.services.reminders.runs(40)).find((r) => r.day === day);
  expect(run).toMatchObject({
    pushesSent: 0,
    pushesFailed: new Set(failed.map((row) => row.userId)).size,
  });
  expect(run!.pushesFailed).toBeGreaterThanOrEqual(1);
  t.clock.set(new Date(new Date(NOW).getTime() + 60 * 60_000));
  await t.app.services.reminders.pushes.sendDue(day);
  expect(pushesTo(device)).toHaveLength(3);
});

it("a legal entity gets one push saying how many accounts miss a reading", async () => {
  const bin = makeBin("15054000345")!;
  const accounts = [];
  for (const number of ["6610000001", "6610000002", "6610000003"]) {
    accounts.push(
      await createRegistryAccount(t.db.dataSource, {
        number,
        ownerBin: bin,
        holderName: 'ТОО "Жел Газ"',
        meters: [{ serialNumber: `LP-${number}`, readings: [["10", "2026-10-25T05:00:00Z"]] }],
      }),
    );
  }
  const input = registration(accounts[0], { personType: "LEGAL_ENTITY", bin, language: "RU" });
  const registered = await t.client().ok(REGISTER, { input });
  const client = t.client();
  const login = await client.ok(LOGIN, {
    input: { email: input.email, password: input.password, rememberMe: true },
  });
  client.accessToken = login.login.accessToken;
  const device = await pushOn(client);
  const day = nextDay();

  await t.app.services.reminders.runDay(day);
  const pushes = pushesTo(device);
  expect(pushes).toHaveLength(1);
  expect(pushes[0]).toMatchObject({
    body: "Показания за этот месяц не переданы по 3 лицевым счетам.",
    url: "/accounts",
  });
  const userId = Number(registered.register.user.id);
  expect(await pushRows(userId, day)).toHaveLength(3);
  expect(await t.db.dataSource.getRepository(UserEntity).countBy({ id: userId })).toBe(1);
});
