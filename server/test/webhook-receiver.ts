import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export type ReceiverMode = "ok" | "fail" | "hang" | "redirect";

/** A real HTTP receiver for webhooks on a free loopback port; `mode` says how it answers. */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  const receiver = {
    url: "",
    mode: "ok" as ReceiverMode,
    received,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (receiver.mode === "hang") return; // never answers: the sender's timeout cuts it
      if (receiver.mode === "redirect") {
        res.writeHead(302, { location: "http://169.254.169.254/" }).end();
      } else if (receiver.mode === "fail") {
        res.writeHead(500).end("receiver is down " + "x".repeat(10_000));
      } else {
        res.writeHead(200).end("ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

export const REGISTER_WEBHOOK = `mutation($url: String!, $events: [WebhookEvent!]!) { registerWebhook(url: $url, events: $events) { secret webhook { id url events createdAt } } }`;
export const WEBHOOKS = `query { webhooks { id url events } }`;
export const DELETE_WEBHOOK = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
export const WEBHOOK_DELIVERIES = `query($first: Int, $after: String, $status: WebhookDeliveryStatus) { webhookDeliveries(first: $first, after: $after, status: $status) { pageInfo { hasNextPage endCursor } edges { cursor node { id webhookId eventId event status attempts lastError nextAttemptAt deliveredAt payload } } } }`;
export const REPLAY_DELIVERY = `mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status attempts eventId } }`;
