import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "pino";
import type { RequestMeta } from "../audit/request-meta";
import type { Budgets } from "./budgets";
import { CostBudget } from "./cost-budget";
import { hashedKey, type LimiterStore } from "./limiter-store";
import {
  type Charge,
  charged,
  consumeAll,
  ipOf,
  rateLimited,
  refundAll,
  type TripRecorder,
} from "./refusal";

/**
 * Generic budgets in the shared store, so that N replicas hold one budget between them: login
 * (RL-3), registration (RL-5), reset requests (RL-6) and operation cost (RL-7, issue 17 item 4:
 * it was per replica). Each falls back to a per-process memory limiter if the store fails.
 */
export class RequestLimits {
  private readonly loginPerEmailIp: RateLimiterAbstract;
  private readonly loginPerIpDay: RateLimiterAbstract;
  private readonly loginPerEmailHour: RateLimiterAbstract;
  private readonly registerPerIp: RateLimiterAbstract;
  private readonly resetPerEmail: RateLimiterAbstract;
  private readonly resetPerIp: RateLimiterAbstract;
  private readonly resetStatusPerIp: RateLimiterAbstract;
  private readonly tokenPerClient: RateLimiterAbstract;
  private readonly testPushPerUser: RateLimiterAbstract;
  private readonly linkPerToken: RateLimiterAbstract;
  private readonly linkPerIp: RateLimiterAbstract;
  readonly costBudget: CostBudget;

  constructor(
    private readonly store: LimiterStore,
    private readonly budgets: Budgets,
    private readonly log: Logger,
    private readonly recordTrip?: TripRecorder,
  ) {
    const insured = { insured: true };
    this.loginPerEmailIp = store.create("login_email_ip", budgets.loginPerEmailIp, insured);
    this.loginPerIpDay = store.create("login_ip_d", budgets.loginPerIpDay, insured);
    this.loginPerEmailHour = store.create("login_email_h", budgets.loginPerEmailHour, insured);
    this.registerPerIp = store.create("register_ip_h", budgets.registerPerIpHour, insured);
    this.resetPerEmail = store.create("reset_email_h", budgets.resetPerEmailHour, insured);
    this.resetPerIp = store.create("reset_ip_h", budgets.resetPerIpHour, insured);
    this.resetStatusPerIp = store.create(
      "reset_status_ip_h",
      budgets.resetStatusPerIpHour,
      insured,
    );
    this.tokenPerClient = store.create("token_m", budgets.tokenPerClientMinute, insured);
    this.testPushPerUser = store.create("test_push_h", budgets.testPushPerUserHour, insured);
    this.linkPerToken = store.create("link_token_h", budgets.linkPerTokenHour, insured);
    this.linkPerIp = store.create("link_ip_h", budgets.linkPerIpHour, insured);
    this.costBudget = new CostBudget(store, budgets.costPerMinute, log);
  }

  private charge(charges: Charge[], action: string, meta: RequestMeta, userId?: number) {
    return charged(
      (work) => this.store.run(work),
      async () => {
        await consumeAll(charges, this.log, { ip: meta.ip, requestId: meta.requestId, action });
      },
      this.recordTrip,
      { action, meta, userId },
      this.log,
    );
  }

  private loginCharges(normalizedEmail: string, meta: RequestMeta): Charge[] {
    const ip = ipOf(meta);
    return [
      {
        budget: "loginPerEmailIp",
        limiter: this.loginPerEmailIp,
        key: hashedKey(normalizedEmail, ip),
      },
      { budget: "loginPerIpDay", limiter: this.loginPerIpDay, key: hashedKey(ip) },
      {
        budget: "loginPerEmailHour",
        limiter: this.loginPerEmailHour,
        key: hashedKey(normalizedEmail),
      },
    ];
  }

  /** Before any hashing: a point per (e-mail, IP), per IP and per e-mail; refuses when over. */
  async beforeLogin(normalizedEmail: string, meta: RequestMeta): Promise<void> {
    await this.charge(this.loginCharges(normalizedEmail, meta), "login", meta);
  }

  /** A success clears the (e-mail, IP) failures and gives back its other points. */
  async loginSucceeded(normalizedEmail: string, meta: RequestMeta): Promise<void> {
    const [emailIp, ...others] = this.loginCharges(normalizedEmail, meta);
    await this.store.run(async () => {
      await emailIp.limiter.delete(emailIp.key).catch(() => false);
      await refundAll(others, this.log);
    });
  }

  /** RL-5: every registration attempt counts, EMAIL_TAKEN answers included. */
  async beforeRegistration(meta: RequestMeta): Promise<void> {
    const key = hashedKey(ipOf(meta));
    await this.charge(
      [{ budget: "registerPerIpHour", limiter: this.registerPerIp, key }],
      "register",
      meta,
    );
  }

  /**
   * RL-6 (the reset service's hook): whether a reset request may send mail, ≤ 3 per e-mail
   * string and 20 per address an hour. Beyond, the caller still answers `true`, sending nothing.
   */
  async mayRequestReset(emailString: string, meta: RequestMeta): Promise<boolean> {
    const charges: Charge[] = [
      {
        budget: "resetPerEmailHour",
        limiter: this.resetPerEmail,
        key: hashedKey(emailString.trim().toLowerCase()),
      },
      { budget: "resetPerIpHour", limiter: this.resetPerIp, key: hashedKey(ipOf(meta)) },
    ];
    try {
      await this.charge(charges, "requestPasswordReset", meta);
      return true;
    } catch {
      return false;
    }
  }

  /** A reset link's status check: a point per address; RATE_LIMITED once the hour's are spent. */
  async beforeResetTokenCheck(meta: RequestMeta): Promise<void> {
    const key = hashedKey(ipOf(meta));
    await this.charge(
      [{ budget: "resetStatusPerIpHour", limiter: this.resetStatusPerIp, key }],
      "passwordResetTokenStatus",
      meta,
    );
  }

  /**
   * An API token request: a point per API client (`client` when its id and secret were right),
   * otherwise per address, so that clients behind one NAT do not share a budget.
   */
  async beforeTokenIssue(client: number | null, meta: RequestMeta): Promise<void> {
    const key = client === null ? hashedKey("ip", ipOf(meta)) : hashedKey("client", client);
    await this.charge(
      [{ budget: "tokenPerClientMinute", limiter: this.tokenPerClient, key }],
      "issueApiToken",
      meta,
    );
  }

  /** `sendTestPush`: a point per user; RATE_LIMITED once the hour's are spent. */
  async beforeTestPush(userId: number, meta: RequestMeta): Promise<void> {
    const key = hashedKey("user", userId);
    await this.charge(
      [{ budget: "testPushPerUserHour", limiter: this.testPushPerUser, key }],
      "sendTestPush",
      meta,
      userId,
    );
  }

  /** A one-tap link's use (its page or a sending): a point per token and per address. */
  async beforeSubmitLink(tokenHash: string, meta: RequestMeta): Promise<void> {
    await this.charge(
      [
        { budget: "linkPerTokenHour", limiter: this.linkPerToken, key: hashedKey(tokenHash) },
        { budget: "linkPerIpHour", limiter: this.linkPerIp, key: hashedKey(ipOf(meta)) },
      ],
      "submitLink",
      meta,
    );
  }

  /**
   * RL-7: charges an operation's cost to its caller (`user:<id>` or `ip:<address>`, kept
   * hashed); RATE_LIMITED once the minute is spent on any replica.
   */
  async chargeCost(callerKey: string, cost: number, now = Date.now()): Promise<void> {
    if (cost <= 0) return;
    const waitMs = await this.costBudget.charge(`cost_m:${hashedKey(callerKey)}`, cost, now);
    if (waitMs === null) return;
    this.log.warn({ event: "limiter_trip", budgets: ["costPerMinute"] }, "cost budget spent");
    throw rateLimited(new RateLimiterRes(0, waitMs, this.budgets.costPerMinute.points + 1, false));
  }
}
