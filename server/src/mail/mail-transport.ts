import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";

/** A message ready for the wire. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 tag (ru, kk, en). */
  language: string;
  /** Stable across retries, so a receiver can drop a duplicate. */
  messageId: string;
  date: Date;
}

export interface MailTransport {
  /** Where mail goes, for the start-up log (never the SMTP password). */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

const messageOptions = (from: string, mail: OutgoingMail) => ({
  from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  date: mail.date,
  headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated" },
});

/** nodemailer over SMTP; `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://`. */
export class SmtpMailTransport implements MailTransport {
  readonly description: string;
  private readonly transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.description = `SMTP ${url.protocol}//${url.host}`;
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      // Fail fast when the server is down: the outbox retries later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(messageOptions(this.from, mail));
  }

  close(): void {
    this.transporter.close();
  }
}

/** The embedded default without SMTP_URL: each message becomes an `.eml` file in a folder. */
export class FileMailTransport implements MailTransport {
  readonly description: string;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

  constructor(
    readonly directory: string,
    private readonly from: string,
    private readonly log?: Logger,
  ) {
    this.description = `files in ${directory} (SMTP_URL is not set)`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.composer.sendMail(messageOptions(this.from, mail));
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const stamp = mail.date.toISOString().replace(/[:.]/g, "-");
    const id = mail.messageId.replace(/[^A-Za-z0-9.-]/g, "");
    const file = join(this.directory, `${stamp}-${id}.eml`);
    // The file holds live links: readable by the owner only.
    await writeFile(file, info.message as Buffer, { mode: 0o600 });
    this.log?.info({ file }, "e-mail written to the outbox folder");
  }

  close(): void {
    this.composer.close();
  }
}

export function createMailTransport(
  settings: { smtpUrl: string | null; mailFrom: string; dataDir: string },
  log?: Logger,
): MailTransport {
  return settings.smtpUrl
    ? new SmtpMailTransport(settings.smtpUrl, settings.mailFrom)
    : new FileMailTransport(join(settings.dataDir, "outbox"), settings.mailFrom, log);
}
