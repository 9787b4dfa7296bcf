import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import {
  FEED,
  integratorClient,
  ISSUE_TOKEN,
  SUBMIT_FOR_ACCOUNT,
} from "../../test/integrator-operations";
import { LINK, LOGIN, registerAndLogin, UNLINK } from "../../test/operations";
import { startTestApp, startTestReplica, type TestApp } from "../../test/test-app";
import {
  DELETE_WEBHOOK,
  REGISTER_WEBHOOK,
  REPLAY_DELIVERY,
  startWebhookReceiver,
  WEBHOOK_DELIVERIES,
  WEBHOOKS,
} from "../../test/webhook-receiver";
import type { FixedClock } from "../core/clock";
import { AuditEventEntity } from "../audit/audit-event.entity";
import { WebhookDeliveryEntity } from "./webhook-delivery.entity";
import { WebhookEndpointEntity } from "./webhook-endpoint.entity";
import { verifySignature } from "./webhook-signature.rules";

const WEBHOOK_CONFIG = { webhookAllowLoopback: true, webhookTimeoutMs: 300 };
const HOUR = 3600_000;
const OPERATOR_UNLINK = `mutation($n: String!, $u: ID!) { operatorUnlinkUser(accountNumber: $n, userId: $u) }`;

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z", config: WEBHOOK_CONFIG });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
beforeEach(async () => {
  receiver.mode = "ok";
  receiver.received.length = 0;
  // Each test starts with no endpoint and nothing pending from the ones before.
  const db = t.db.dataSource;
  await db
    .createQueryBuilder()
    .update(WebhookEndpointEntity)
    .set({ deletedAt: t.clock.now() })
    .where("deleted_at IS NULL")
    .execute();
  await db.createQueryBuilder().delete().from(WebhookDeliveryEntity).execute();
  // With no endpoint the dispatcher's cursor moves to the feed's end.
  await dispatcher(t.app).flush();
});

let keys = 0;
const dispatcher = (app: TestApp["app"]) => app.services.webhookDispatcher;
const later = (clock: FixedClock, ms: number) => clock.set(new Date(clock.now().getTime() + ms));

/** A partner that sends readings and holds a webhook on the receiver. */
async function partnerWithWebhook(events = ["READING_SUBMITTED", "READING_CORRECTED"]) {
  const partner = await integratorClient(t, ["readings:read", "readings:submit"], "Bank");
  const registered = (await partner.client.ok(REGISTER_WEBHOOK, { url: receiver.url, events }))
    .registerWebhook;
  return { ...partner, webhook: registered.webhook, signingSecret: registered.secret as string };
}

async function meter() {
  const home = await createRegistryAccount(t.db.dataSource, {
    meters: [{ readings: [["1500", "2026-10-25T05:00:00Z"]] }],
  });
  return { accountNumber: home.account.number, meterSerial: home.meters[0].serialNumber };
}

const send = (client: GraphQLClient, target: object, value: string) =>
  client.request(SUBMIT_FOR_ACCOUNT, {
    input: { ...target, value, idempotencyKey: `webhook-test-${++keys}` },
  });

const bodies = () => receiver.received.map((r) => JSON.parse(r.body));
/** The bodies in the order of their readings: one pass sends its deliveries at once. */
const bodiesByReading = () =>
  bodies().sort((x, y) => Number(x.data.reading.id) - Number(y.data.reading.id));

/** The audit log's details of one kind of webhook event for one webhook. */
async function auditedWebhooks(type: string, webhookId: string): Promise<unknown[]> {
  const rows = await t.db.dataSource
    .getRepository(AuditEventEntity)
    .find({ where: { eventType: type }, order: { id: "ASC" } });
  return rows
    .map((row) => JSON.parse(row.detail ?? "{}"))
    .filter((detail) => detail.webhookId === Number(webhookId));
}

describe("registering", () => {
  it("answers the secret once, lists the webhook, and refuses addresses it must not call", async () => {
    const partner = await integratorClient(t, ["readings:read"], "Registrar");
    const registered = (
      await partner.client.ok(REGISTER_WEBHOOK, {
        url: receiver.url,
        events: ["READING_SUBMITTED"],
      })
    ).registerWebhook;
    expect(registered.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect((await partner.client.ok(WEBHOOKS)).webhooks).toEqual([
      { id: registered.webhook.id, url: receiver.url, events: ["READING_SUBMITTED"] },
    ]);
    const stored = await t.db.dataSource
      .getRepository(WebhookEndpointEntity)
      .findOneByOrFail({ id: Number(registered.webhook.id) });
    expect(stored.secretSealed).not.toContain(registered.secret);
    expect(await auditedWebhooks("WEBHOOK_REGISTERED", registered.webhook.id)).toEqual([
      {
        apiClientId: partner.clientId,
        webhookId: stored.id,
        host: stored.url.split("/")[2],
        events: "reading.submitted",
      },
    ]);

    const before = await t.db.dataSource.getRepository(WebhookEndpointEntity).count();
    for (const url of [
      "http://8.8.8.8/hooks", // plain http to a public address
      "https://10.0.0.1/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://[fd00:ec2::254]/",
      "https://100.100.100.200/",
      "https://user:pw@127.0.0.1/",
      "ftp://127.0.0.1/",
      "https://no-such-host.invalid/hooks",
    ]) {
      const response = await partner.client.request(REGISTER_WEBHOOK, {
        url,
        events: ["READING_SUBMITTED"],
      });
      expect([url, codeOf(response)]).toEqual([url, "WEBHOOK_URL_REFUSED"]);
    }
    expect(await t.db.dataSource.getRepository(WebhookEndpointEntity).count()).toBe(before);
  });

  it("needs the scope readings:read, and a client sees only its own", async () => {
    const submitter = await integratorClient(t, ["readings:submit"], "Submit only");
    const refused = await submitter.client.request(REGISTER_WEBHOOK, {
      url: receiver.url,
      events: ["READING_SUBMITTED"],
    });
    expect(codeOf(refused)).toBe("FORBIDDEN");
    const a = await partnerWithWebhook();
    const b = await integratorClient(t, ["readings:read"], "Other");
    expect((await b.client.ok(WEBHOOKS)).webhooks).toEqual([]);
    expect(codeOf(await b.client.request(DELETE_WEBHOOK, { id: a.webhook.id }))).toBe(
      "VALIDATION_FAILED",
    );
    expect((await a.client.ok(WEBHOOKS)).webhooks).toHaveLength(1);
  });
});

describe("delivering", () => {
  it("sends each committed reading, signed, with the feed cursor, once", async () => {
    const partner = await partnerWithWebhook();
    const target = await meter();
    expect((await send(partner.client, target, "1510")).errors).toBeUndefined();
    expect((await send(partner.client, target, "1512")).errors).toBeUndefined();
    const pass = await dispatcher(t.app).flush();
    expect(pass).toMatchObject({ fannedOut: 2, delivered: 2, failed: 0 });
    expect(await dispatcher(t.app).flush()).toMatchObject({ fannedOut: 0, delivered: 0 });

    const now = Math.floor(t.clock.now().getTime() / 1000);
    for (const r of receiver.received) {
      const header = String(r.headers["gas-signature"]);
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(partner.signingSecret, header, r.body, now)).toBe(true);
      expect(verifySignature("whsec_wrong", header, r.body, now)).toBe(false);
    }
    const feed = (await partner.client.ok(FEED, { first: 500 })).readingsFeed.edges;
    const [first, second] = feed.slice(-2);
    expect(bodiesByReading()).toEqual([
      {
        id: `evt_reading_${first.node.id}`,
        type: "reading.submitted",
        created: t.clock.now().toISOString(),
        cursor: first.cursor,
        data: { reading: first.node },
      },
      expect.objectContaining({
        type: "reading.corrected",
        cursor: second.cursor,
        data: { reading: expect.objectContaining({ value: "1512.000", isCorrection: true }) },
      }),
    ]);
    const deliveries = (await partner.client.ok(WEBHOOK_DELIVERIES, {})).webhookDeliveries;
    expect(deliveries.edges.map((e: any) => [e.node.status, e.node.attempts])).toEqual([
      ["DELIVERED", 1],
      ["DELIVERED", 1],
    ]);
  });

  it("sends only the events an endpoint chose", async () => {
    const partner = await partnerWithWebhook(["READING_CORRECTED"]);
    const target = await meter();
    await send(partner.client, target, "1510");
    await send(partner.client, target, "1511");
    await dispatcher(t.app).flush();
    expect(bodies().map((b) => b.type)).toEqual(["reading.corrected"]);
  });

  it("retries after a 500 and after a timeout, with backoff, and then delivers", async () => {
    const partner = await partnerWithWebhook();
    await send(partner.client, await meter(), "1510");
    receiver.mode = "fail";
    expect(await dispatcher(t.app).flush()).toMatchObject({ fannedOut: 1, failed: 1 });
    // The clock moves hours ahead below, past the token's life: the rows are read directly.
    const status = () =>
      t.db.dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({
        apiClientId: partner.id,
      });
    const failed = await status();
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(failed.lastError).toMatch(/^HTTP 500: receiver is down x+$/);
    expect(failed.lastError?.length).toBeLessThanOrEqual(500);
    // Not due yet: the backoff holds it.
    expect(await dispatcher(t.app).flush()).toMatchObject({ delivered: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);

    receiver.mode = "hang";
    later(t.clock, HOUR);
    expect(await dispatcher(t.app).flush()).toMatchObject({ failed: 1 });
    expect((await status()).lastError).toBe("No answer within 300 ms.");

    receiver.mode = "redirect";
    later(t.clock, HOUR);
    expect(await dispatcher(t.app).flush()).toMatchObject({ failed: 1 });
    expect((await status()).lastError).toMatch(/^HTTP 302 \(redirects are not followed\)/);

    receiver.mode = "ok";
    later(t.clock, 3 * HOUR);
    expect(await dispatcher(t.app).flush()).toMatchObject({ delivered: 1 });
    expect(await status()).toMatchObject({ status: "DELIVERED", attempts: 4, lastError: null });
    expect(new Set(receiver.received.map((r) => r.headers["gas-event-id"])).size).toBe(1);
    expect(receiver.received).toHaveLength(4);
  });

  it("sends nothing for a sending whose transaction rolled back", async () => {
    const partner = await partnerWithWebhook();
    const target = await meter();
    await dispatcher(t.app).flush();
    const spy = jest
      .spyOn(t.app.services.audit, "record")
      .mockRejectedValueOnce(new Error("the disk is full"));
    const lost = await send(partner.client, target, "1510");
    spy.mockRestore();
    expect(lost.errors).toBeDefined();
    const kept = await send(partner.client, target, "1520");
    expect(kept.errors).toBeUndefined();
    expect(await dispatcher(t.app).flush()).toMatchObject({ fannedOut: 1, delivered: 1 });
    expect(bodies().map((b) => [b.type, b.data.reading.value])).toEqual([
      ["reading.submitted", "1520.000"],
    ]);
  });

  it("replays a delivery with the same event id; a deleted webhook gets nothing more", async () => {
    const partner = await partnerWithWebhook();
    const target = await meter();
    await send(partner.client, target, "1510");
    await dispatcher(t.app).flush();
    const [delivery] = (await partner.client.ok(WEBHOOK_DELIVERIES, {})).webhookDeliveries.edges;
    const other = await integratorClient(t, ["readings:read"], "Other");
    expect(codeOf(await other.client.request(REPLAY_DELIVERY, { id: delivery.node.id }))).toBe(
      "VALIDATION_FAILED",
    );
    const replayed = (await partner.client.ok(REPLAY_DELIVERY, { id: delivery.node.id }))
      .replayWebhookDelivery;
    expect(replayed).toMatchObject({ status: "PENDING", attempts: 0 });
    await dispatcher(t.app).flush();
    expect(receiver.received.map((r) => r.headers["gas-event-id"])).toEqual([
      delivery.node.eventId,
      delivery.node.eventId,
    ]);

    receiver.mode = "fail";
    await send(partner.client, target, "1511");
    await dispatcher(t.app).flush();
    await partner.client.ok(DELETE_WEBHOOK, { id: partner.webhook.id });
    const pending = (await partner.client.ok(WEBHOOK_DELIVERIES, { status: "FAILED" }))
      .webhookDeliveries.edges;
    expect(pending.map((e: any) => e.node.lastError)).toEqual(["The webhook was deleted."]);
    expect(await auditedWebhooks("WEBHOOK_DELETED", partner.webhook.id)).toEqual([
      { apiClientId: partner.clientId, webhookId: Number(partner.webhook.id) },
    ]);
    later(t.clock, HOUR);
    receiver.received.length = 0;
    await send(partner.client, await meter(), "1510");
    await dispatcher(t.app).flush();
    expect(receiver.received).toEqual([]);
  });

  it("forgets finished deliveries after 30 days, and not before", async () => {
    const partner = await partnerWithWebhook();
    await send(partner.client, await meter(), "1510");
    await dispatcher(t.app).flush();
    const kept = () =>
      t.db.dataSource.getRepository(WebhookDeliveryEntity).countBy({ apiClientId: partner.id });
    later(t.clock, 29 * 24 * HOUR);
    await dispatcher(t.app).flush();
    expect(await kept()).toBe(1);
    later(t.clock, 2 * 24 * HOUR);
    await dispatcher(t.app).flush();
    expect(await kept()).toBe(0);
  });
});

describe("account events", () => {
  it("tell of links and unlinks that committed, with the account number and who made them", async () => {
    const partner = await partnerWithWebhook(["ACCOUNT_LINKED", "ACCOUNT_UNLINKED"]);
    const readingsOnly = await partnerWithWebhook(["READING_SUBMITTED"]);
    const home = await createRegistryAccount(t.db.dataSource);
    const cottage = await createRegistryAccount(t.db.dataSource);
    const spare = await createRegistryAccount(t.db.dataSource);
    const user = t.client();
    const { userId } = await registerAndLogin(user, registration(home));
    const proof = (a: typeof home) => ({
      input: { accountNumber: a.account.number, lastPaymentAmount: a.lastPayment },
    });
    await user.ok(LINK, proof(cottage));
    expect(codeOf(await user.request(LINK, proof(cottage)))).toBe("ACCOUNT_ALREADY_LINKED");
    // A link whose transaction rolls back after the insert tells nobody.
    const spy = jest.spyOn(t.app.services.audit, "record").mockRejectedValueOnce(new Error("disk"));
    expect((await user.request(LINK, proof(spare))).errors).toBeDefined();
    spy.mockRestore();
    await user.ok(UNLINK, { number: cottage.account.number });
    expect(codeOf(await user.request(UNLINK, { number: cottage.account.number }))).toBe(
      "ACCOUNT_NOT_LINKED",
    );
    // The support desk removes the user from his first account.
    const email = `op${Date.now()}@gazholding.kz`;
    await t.app.services.operators.createOperator(email, "Оператор-смены-2026", "Смена 1");
    const desk = t.client();
    desk.accessToken = (
      await desk.ok(LOGIN, { input: { email, password: "Оператор-смены-2026", rememberMe: false } })
    ).login.accessToken;
    await desk.ok(OPERATOR_UNLINK, { n: home.account.number, u: userId });

    expect(await dispatcher(t.app).flush()).toMatchObject({ delivered: 4, failed: 0 });
    const now = Math.floor(t.clock.now().getTime() / 1000);
    for (const r of receiver.received) {
      expect(
        verifySignature(partner.signingSecret, String(r.headers["gas-signature"]), r.body, now),
      ).toBe(true);
      expect(
        verifySignature(
          readingsOnly.signingSecret,
          String(r.headers["gas-signature"]),
          r.body,
          now,
        ),
      ).toBe(false);
    }
    const events = bodies()
      .map((b) => [b.type, b.data.account.number, b.data.account.by, b.cursor])
      .sort();
    expect(events).toEqual(
      [
        ["account.linked", home.account.number, "REGISTRATION", null],
        ["account.linked", cottage.account.number, "SUBSCRIBER", null],
        ["account.unlinked", cottage.account.number, "SUBSCRIBER", null],
        ["account.unlinked", home.account.number, "OPERATOR", null],
      ].sort(),
    );
    expect(bodies()[0].id).toMatch(/^evt_account_[0-9a-f]{24}$/);
  });
});

describe("restarts and replicas", () => {
  it("two servers fan each reading out once; a stopped server's work is taken over", async () => {
    const partner = await partnerWithWebhook();
    const replica = await startTestReplica(t);
    try {
      const client = replica.client();
      client.accessToken = (
        await client.ok(ISSUE_TOKEN, { clientId: partner.clientId, clientSecret: partner.secret })
      ).issueApiToken.accessToken;
      const both = () =>
        Promise.all([dispatcher(t.app).flush(), replica.app.services.webhookDispatcher.flush()]);

      // Both pass at once: one holds the lease and fans out, each delivery is sent once.
      await send(partner.client, await meter(), "1510");
      await send(client, await meter(), "1520");
      const passes = await both();
      expect(passes.reduce((n, p) => n + p.fannedOut, 0)).toBe(2);
      expect(passes.reduce((n, p) => n + p.delivered, 0)).toBe(2);
      expect(
        bodies()
          .map((b) => b.data.reading.value)
          .sort(),
      ).toEqual(["1510.000", "1520.000"]);

      // The receiver fails; the first server stops (handing its lease back) with a delivery due
      // and a sending not fanned out yet; the other server delivers both.
      receiver.mode = "fail";
      receiver.received.length = 0;
      await send(partner.client, await meter(), "1530");
      await dispatcher(t.app).flush();
      await send(partner.client, await meter(), "1540");
      await dispatcher(t.app).stop();
      receiver.mode = "ok";
      later(replica.app.services.clock as FixedClock, HOUR);
      expect(await replica.app.services.webhookDispatcher.flush()).toMatchObject({
        fannedOut: 1,
        delivered: 2,
      });
      // Sent at once, in no particular order.
      expect(
        bodies()
          .map((b) => b.data.reading.value)
          .sort(),
      ).toEqual(["1530.000", "1530.000", "1540.000"]);
      expect(
        await t.db.dataSource
          .getRepository(WebhookDeliveryEntity)
          .countBy({ status: "DELIVERED" as never }),
      ).toBe(4);
    } finally {
      await replica.close();
    }
  });
});
