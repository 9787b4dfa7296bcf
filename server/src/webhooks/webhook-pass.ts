import { In, LessThanOrEqual, type DataSource } from "typeorm";
import type { Logger } from "pino";
import type { Clock } from "../core/clock";
import { withTransaction } from "../db/transaction";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { WebhookEndpointEntity } from "./webhook-endpoint.entity";
import { MAX_ATTEMPTS, retryDelayMs } from "./webhook-event.rules";
import {
  AddressRefused,
  resolveWebhookAddress,
  sendWebhook,
  type SendResult,
} from "./webhook-sender";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.rules";
import { checkWebhookUrl } from "./webhook-url.rules";
import type { WebhooksService } from "./webhooks.service";

/** Due deliveries one pass sends, all at once (one slow receiver does not hold up the rest). */
const BATCH = 20;
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

/** Sends every due delivery once: claimed, sent, and its outcome recorded. */
export async function webhookPass(
  dataSource: DataSource,
  clock: Clock,
  webhooks: WebhooksService,
  options: PassOptions,
): Promise<Omit<PassResult, "fannedOut">> {
  const due = await dataSource.getRepository(WebhookDeliveryEntity).find({
    where: { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(clock.now()) },
    order: { id: "ASC" },
    take: BATCH,
  });
  if (due.length === 0) return { delivered: 0, failed: 0 };
  const endpoints = new Map(
    (
      await dataSource
        .getRepository(WebhookEndpointEntity)
        .find({ where: { id: In([...new Set(due.map((d) => d.endpointId))]) } })
    ).map((endpoint) => [endpoint.id, endpoint]),
  );
  const outcomes = await Promise.all(
    due.map((delivery) =>
      deliver(dataSource, clock, webhooks, options, delivery, endpoints.get(delivery.endpointId)),
    ),
  );
  return {
    delivered: outcomes.filter((o) => o === "delivered").length,
    failed: outcomes.filter((o) => o === "failed").length,
  };
}

async function deliver(
  dataSource: DataSource,
  clock: Clock,
  webhooks: WebhooksService,
  options: PassOptions,
  row: WebhookDeliveryEntity,
  endpoint: WebhookEndpointEntity | undefined,
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

  const result = endpoint?.deletedAt
    ? { ok: false, error: "The webhook was deleted." }
    : endpoint
      ? await attempt(webhooks, options, endpoint, row, now)
      : { ok: false, error: "The webhook is gone." };
  // The outcome is recorded only if nobody replayed the delivery in the meantime.
  if (result.ok) {
    await update(
      { status: WebhookDeliveryStatus.DELIVERED, deliveredAt: clock.now(), lastError: null },
      attempts,
    );
    return "delivered";
  }
  const giveUp = attempts >= MAX_ATTEMPTS || !endpoint || endpoint.deletedAt !== null;
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
  const checked = checkWebhookUrl(endpoint.url, options.allowLoopback);
  if (!checked.ok) return { ok: false, error: `Refused: ${checked.reason}` };
  let address: string;
  try {
    address = await resolveWebhookAddress(checked.url, options.allowLoopback);
  } catch (error) {
    if (error instanceof AddressRefused) return { ok: false, error: `Refused: ${error.message}` };
    throw error;
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  return sendWebhook({
    url: checked.url,
    address,
    body: row.payload,
    timeoutMs: options.timeoutMs,
    headers: {
      [SIGNATURE_HEADER]: signatureHeader(webhooks.secretOf(endpoint), timestamp, row.payload),
      "Gas-Event-Id": row.eventId,
      "Gas-Event-Type": row.eventType,
      "Gas-Delivery-Id": String(row.id),
    },
  });
}
