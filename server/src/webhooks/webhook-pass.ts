import { In, LessThanOrEqual, type DataSource } from "typeorm";
import type { Logger } from "pino";
import type { Clock } from "../core/clock";
import { AddressRefused, checkPublicUrl, resolvePublicAddress } from "../common/public-address";
import { withTransaction } from "../db/transaction";
import { ApiClientEntity } from "../integrators/api-client.entity";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { WebhookEndpointEntity } from "./webhook-endpoint.entity";
import { MAX_ATTEMPTS, retryDelayMs } from "./webhook-event.rules";
import { sendWebhook, type SendResult } from "./webhook-sender";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.rules";
import type { WebhooksService } from "./webhooks.service";

/** Due deliveries sent at once (one slow receiver does not hold up the rest). */
const BATCH = 20;
/** Batches one pass sends at most while a backlog lasts, before the next fan-out. */
const BATCHES_PER_PASS = 50;
/** While a delivery is being sent, other replicas leave it alone this long. */
const SENDING_LEASE_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 500;

export interface PassResult {
  fannedOut: number;
  delivered: number;
  failed: number;
}

interface PassOptions {
  allowLoopback: boolean;
  timeoutMs: number;
  random: () => number;
  log?: Logger;
}

/** Sends due deliveries a batch at a time while a full batch was due (a backlog drains at once). */
export async function webhookPass(
  dataSource: DataSource,
  clock: Clock,
  webhooks: WebhooksService,
  options: PassOptions,
): Promise<Omit<PassResult, "fannedOut">> {
  const total = { delivered: 0, failed: 0 };
  for (let i = 0; i < BATCHES_PER_PASS; i++) {
    const sent = await sendBatch(dataSource, clock, webhooks, options);
    total.delivered += sent.delivered;
    total.failed += sent.failed;
    if (sent.due < BATCH) break;
  }
  return total;
}

/** Sends each of the oldest due deliveries once: claimed, sent, and its outcome recorded. */
async function sendBatch(
  dataSource: DataSource,
  clock: Clock,
  webhooks: WebhooksService,
  options: PassOptions,
): Promise<{ due: number; delivered: number; failed: number }> {
  const due = await dataSource.getRepository(WebhookDeliveryEntity).find({
    where: { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(clock.now()) },
    order: { id: "ASC" },
    take: BATCH,
  });
  if (due.length === 0) return { due: 0, delivered: 0, failed: 0 };
  const endpoints = new Map(
    (
      await dataSource
        .getRepository(WebhookEndpointEntity)
        .find({ where: { id: In([...new Set(due.map((d) => d.endpointId))]) } })
    ).map((endpoint) => [endpoint.id, endpoint]),
  );
  const clients = new Map(
    (
      await dataSource
        .getRepository(ApiClientEntity)
        .find({ where: { id: In([...new Set(due.map((d) => d.apiClientId))]) } })
    ).map((client) => [client.id, client]),
  );
  const outcomes = await Promise.all(
    due.map((delivery) => {
      const endpoint = endpoints.get(delivery.endpointId);
      const gone = whyNot(endpoint, clients.get(delivery.apiClientId));
      return deliver(dataSource, clock, webhooks, options, delivery, gone ? gone : endpoint!);
    }),
  );
  return {
    due: due.length,
    delivered: outcomes.filter((o) => o === "delivered").length,
    failed: outcomes.filter((o) => o === "failed").length,
  };
}

/** Why a delivery can no longer be sent: its webhook deleted, its client revoked or unscoped. */
function whyNot(
  endpoint: WebhookEndpointEntity | undefined,
  client: ApiClientEntity | undefined,
): string | null {
  if (!endpoint || endpoint.deletedAt) return "The webhook was deleted.";
  if (!client || client.revokedAt) return "The API client was revoked.";
  if (!client.scopes.split(",").includes("readings:read")) {
    return "The API client no longer has the scope readings:read.";
  }
  return null;
}

async function deliver(
  dataSource: DataSource,
  clock: Clock,
  webhooks: WebhooksService,
  options: PassOptions,
  row: WebhookDeliveryEntity,
  /** Where to send it, or why it cannot be sent any more (then it is given up). */
  endpoint: WebhookEndpointEntity | string,
): Promise<"delivered" | "failed" | null> {
  const now = clock.now();
  const attempts = row.attempts + 1;
  const update = (changes: Partial<WebhookDeliveryEntity>, expectedAttempts: number) =>
    withTransaction(dataSource, (m) =>
      m
        .getRepository(WebhookDeliveryEntity)
        .update(
          { id: row.id, status: WebhookDeliveryStatus.PENDING, attempts: expectedAttempts },
          changes,
        ),
    );
  // Claim it: of two replicas that read the same row, one changes it.
  const claimed = await update(
    { attempts, nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_MS) },
    row.attempts,
  );
  if (claimed.affected !== 1) return null;

  const result =
    typeof endpoint === "string"
      ? { ok: false, error: endpoint }
      : await attempt(webhooks, options, endpoint, row, now).catch((error: unknown) => ({
          ok: false,
          error: `Not sent: ${(error as Error)?.message ?? String(error)}`,
        }));
  // The outcome is recorded only if nobody replayed the delivery in the meantime.
  if (result.ok) {
    await update(
      { status: WebhookDeliveryStatus.DELIVERED, deliveredAt: clock.now(), lastError: null },
      attempts,
    );
    return "delivered";
  }
  const giveUp = attempts >= MAX_ATTEMPTS || typeof endpoint === "string";
  const lastError = (result.error ?? "failed").slice(0, MAX_ERROR_LENGTH);
  await update(
    {
      status: giveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, options.random())),
      lastError,
    },
    attempts,
  );
  options.log?.warn(
    { deliveryId: row.id, attempts, giveUp, err: lastError },
    "webhook not delivered",
  );
  return "failed";
}

/** One HTTP attempt: the URL and its addresses checked again (DNS may have changed), signed, sent. */
async function attempt(
  webhooks: WebhooksService,
  options: PassOptions,
  endpoint: WebhookEndpointEntity,
  row: WebhookDeliveryEntity,
  now: Date,
): Promise<SendResult> {
  const checked = checkPublicUrl(endpoint.url, options.allowLoopback);
  if (!checked.ok) return { ok: false, error: `Refused: ${checked.reason}` };
  let address: string;
  try {
    address = await resolvePublicAddress(checked.url, options.allowLoopback);
  } catch (error) {
    if (error instanceof AddressRefused) return { ok: false, error: `Refused: ${error.message}` };
    throw error;
  }
  let secret: string;
  try {
    secret = webhooks.secretOf(endpoint);
  } catch {
    // Sealed under another PASSWORD_PEPPER: only a new registration gives a usable secret.
    return { ok: false, error: "The signing secret cannot be read; register the webhook again." };
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  return sendWebhook({
    url: checked.url,
    address,
    body: row.payload,
    timeoutMs: options.timeoutMs,
    headers: {
      [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, row.payload),
      "Gas-Event-Id": row.eventId,
      "Gas-Event-Type": row.eventType,
      "Gas-Delivery-Id": String(row.id),
    },
  });
}
