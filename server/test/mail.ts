import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as it arrived, decoded just enough for assertions (no mail parser needed). */
export interface ReceivedMail {
  raw: string;
  /** Envelope recipients. */
  to: string[];
  /** Header names in lower case; values unfolded, encoded words decoded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

export const SMTP_USER = "mailer";
export const SMTP_PASSWORD = "smtp-secret";

/**
 * A real SMTP server in the test process (the `smtp-server` package): it asks for the login of
 * SMTP_URL and keeps every message it receives. It can be stopped and started again on the same
 * port, to play a mail server that is down for a while.
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private waiters: Array<() => void> = [];

  private constructor(public port: number) {}

  /** Listening on a free port (or `port`). */
  static async start(port = 0): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(port);
    await smtp.listen();
    return smtp;
  }

  /** A free port with nothing listening on it yet: a mail server that is down. */
  static async down(): Promise<TestSmtpServer> {
    const smtp = await TestSmtpServer.start();
    await smtp.stop();
    return smtp;
  }

  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
          callback(null, { user: SMTP_USER });
        } else {
          callback(new Error("Invalid username or password"));
        }
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.messages.push(parseMail(Buffer.concat(chunks).toString("utf8"), to));
          this.waiters.splice(0).forEach((wake) => wake());
          callback();
        });
      },
    });
    server.listen(this.port, "127.0.0.1");
    await once(server.server, "listening");
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` messages arrived in total; fails after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} e-mails, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter(
      (m) => m.to.includes(address.toLowerCase()) || m.to.includes(address),
    );
  }
}

// --- minimal MIME decoding: what nodemailer produces for a text + HTML message ---------------

function decodeQuotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? "7bit").toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return decodeQuotedPrintable(body).toString("utf8");
    default:
      return body;
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")).toString("utf8"),
    );
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        decodeWords(line.slice(colon + 1).trim()),
      );
    }
  }
  return { headers, body };
}

export function parseMail(raw: string, to: string[] = []): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const mail: ReceivedMail = {
    raw,
    to,
    headers,
    subject: headers.get("subject") ?? "",
    text: "",
    html: "",
  };
  const contentType = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((part) => !part.startsWith("--"))
        .map((part) => splitHeaders(part.replace(/^\r?\n/, "")))
    : [{ headers, body }];
  for (const part of parts) {
    const type = part.headers.get("content-type") ?? "text/plain";
    const decoded = decodeBody(part.body, part.headers.get("content-transfer-encoding")).replace(
      /\r?\n$/,
      "",
    );
    if (type.startsWith("text/plain")) mail.text = decoded;
    if (type.startsWith("text/html")) mail.html = decoded;
  }
  return mail;
}

/** The token of a link in the message (`…/path#token=XYZ`), checked to start at `base + path`. */
export function linkIn(mail: ReceivedMail, base: string, path: string): string | undefined {
  const escaped = `${base}${path}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${escaped}#token=[A-Za-z0-9_-]{43}(?:&lang=[a-z]{2})?`).exec(mail.text)?.[0];
}

export const tokenOf = (link: string): string =>
  new URLSearchParams(link.slice(link.indexOf("#") + 1)).get("token") ?? "";
