import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from "typeorm";
import { LessThanOrEqual } from "typeorm";
import type { Logger } from "pino";
import { withTransaction } from "../db/transaction";
import type { Clock } from "../core/clock";
import type { Language } from "../core/enums";
import type { MailRequest, RenderedMail } from "./mail-content";
import { MailOutboxEntity, OutboxStatus } from "./mail-outbox.entity";
import { renderMail } from "./mail-templates";
import type { MailTransport } from "./mail-transport";
import { OutboxSeal } from "./outbox-seal";

/** How many due messages one pass sends. */
const BATCH = 20;
/** While a message is being sent, other dispatchers (replicas) leave it alone this long. */
const LEASE_MS = 2 * 60_000;
/** After this many failed attempts (about ten hours of backoff) a message is given up. */
export const MAX_ATTEMPTS = 15;
const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 60 * 60_000;
export const DISPATCH_INTERVAL_MS = 5_000;

/** 15 s, 30 s, 1 min, … doubling up to an hour. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

export interface Recipient {
  email: string;
  language: Language;
}

export interface FlushResult {
  sent: number;
  failed: number;
}

/**
 * E-mail through an outbox (SECURITY FT-8): a message is a row written in the same transaction
 * as the action that sends it, and a dispatcher delivers due rows with retries and backoff, so
 * registration and password reset work while the mail server is down.
 */
export class MailService {
  private readonly seal: OutboxSeal;
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private running = false;
  private lastPassFull = false;
  /** Send-time checks by the prefix of a message's `ref`: false cancels the message. */
  private readonly checks = new Map<string, (ref: string) => Promise<boolean>>();
  /** Transactions that queued mail: their commit wakes the dispatcher. */
  private readonly queuedIn = new WeakSet<QueryRunner>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: { publicUrl: string; sealSecret: string },
    readonly transport: MailTransport,
    private readonly log?: Logger,
  ) {
    this.seal = new OutboxSeal(settings.sealSecret);
    const wakeOnCommit: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        if (this.queuedIn.delete(queryRunner)) this.nudge();
      },
    };
    dataSource.subscribers.push(wakeOnCommit);
  }

  /**
   * A link into the app, always from PUBLIC_URL (never the request's Host: REC-4). The token
   * goes in the fragment, which browsers send to no server and put in no Referer; so does the
   * language the page opens in, when the link says it (`#token=…&lang=kk`).
   */
  link(path: string, token: string, language?: Language): string {
    const lang = language ? `&lang=${language.toLowerCase()}` : "";
    return `${this.settings.publicUrl}${path}#token=${token}${lang}`;
  }

  appUrl(path = "/"): string {
    return `${this.settings.publicUrl}${path}`;
  }

  /**
   * Queues a message in the caller's transaction: nothing is sent if it rolls back, and its
   * commit wakes the dispatcher.
   */
  async enqueue(manager: EntityManager, to: Recipient, request: MailRequest): Promise<void> {
    if (manager.queryRunner) this.queuedIn.add(manager.queryRunner);
    await manager.getRepository(MailOutboxEntity).insert(this.outboxRow(to, request));
  }

  /**
   * A message's outbox row, rendered and sealed, for a caller that writes many in one INSERT
   * (reminders); it calls `nudge` after its commit.
   */
  outboxRow(to: Recipient, request: MailRequest, ref: string | null = null) {
    const now = this.clock.now();
    return {
      kind: request.kind,
      recipient: to.email,
      ref,
      payload: this.seal.seal(renderMail(request, to.language)),
      status: OutboxStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
    };
  }

  /** Registers a send-time check for messages whose `ref` starts with `prefix:`. */
  checkBeforeSending(prefix: string, check: (ref: string) => Promise<boolean>): void {
    this.checks.set(prefix, check);
  }

  /** Sends every due message once; passes never overlap (tests call this directly). */
  flush(): Promise<FlushResult> {
    const pass = this.queue.catch(() => undefined).then(() => this.sendDue());
    this.queue = pass;
    return pass;
  }

  /** Starts the dispatcher: a pass every few seconds, and soon after each `nudge`. */
  start(intervalMs = DISPATCH_INTERVAL_MS): void {
    if (this.running) return;
    this.running = true;
    this.log?.info(`e-mail goes to ${this.transport.description}`);
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Asks the dispatcher, if it runs, for a pass now. */
  nudge(): void {
    if (this.running) setImmediate(() => this.tick());
  }

  /** Stops the dispatcher and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    this.transport.close();
  }

  private tick(): void {
    if (!this.running) return;
    this.flush()
      // A full pass leaves more due (a reminder day queues thousands): the next one at once.
      .then(() => this.lastPassFull && this.nudge())
      .catch((error: unknown) =>
        this.log?.warn({ err: (error as Error).message }, "mail dispatch pass failed"),
      );
  }

  private async sendDue(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0 };
    const due = await this.dataSource.getRepository(MailOutboxEntity).find({
      where: { status: OutboxStatus.PENDING, nextAttemptAt: LessThanOrEqual(this.clock.now()) },
      order: { id: "ASC" },
      take: BATCH,
    });
    this.lastPassFull = due.length === BATCH;
    for (const row of due) {
      const outcome = await this.deliver(row);
      if (outcome) result[outcome] += 1;
    }
    return result;
  }

  private async deliver(row: MailOutboxEntity): Promise<"sent" | "failed" | null> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    // Claim it: of two dispatchers that read the same row, one changes it.
    const claimed = await withTransaction(this.dataSource, (m) =>
      m
        .getRepository(MailOutboxEntity)
        .update(
          { id: row.id, status: OutboxStatus.PENDING, attempts: row.attempts },
          { attempts, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
        ),
    );
    if (claimed.affected !== 1 || row.payload === null) return null;
    const check = row.ref === null ? undefined : this.checks.get(row.ref.split(":")[0]);
    if (check && !(await check(row.ref!))) {
      await this.update(row.id, { status: OutboxStatus.CANCELLED, payload: null, lastError: null });
      return null;
    }

    try {
      const mail = this.seal.open<RenderedMail>(row.payload);
      await this.transport.send({
        to: row.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        language: mail.language,
        messageId: `<outbox.${row.id}.${row.createdAt.getTime()}@${new URL(this.settings.publicUrl).hostname}>`,
        date: now,
      });
    } catch (error) {
      const giveUp = attempts >= MAX_ATTEMPTS;
      const reason = String((error as Error)?.message ?? error).slice(0, 500);
      await this.update(row.id, {
        status: giveUp ? OutboxStatus.FAILED : OutboxStatus.PENDING,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        lastError: reason,
        ...(giveUp ? { payload: null } : {}),
      });
      this.log?.warn({ outboxId: row.id, attempts, giveUp, err: reason }, "e-mail not sent");
      return "failed";
    }
    // Sent: the sealed copy (with its link) is no longer needed.
    await this.update(row.id, {
      status: OutboxStatus.SENT,
      sentAt: now,
      payload: null,
      lastError: null,
    });
    return "sent";
  }

  private async update(id: number, changes: Partial<MailOutboxEntity>): Promise<void> {
    await withTransaction(this.dataSource, (m) =>
      m.getRepository(MailOutboxEntity).update({ id }, changes),
    );
  }
}
