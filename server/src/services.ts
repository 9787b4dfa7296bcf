import pino, { type Logger } from "pino";
import type { DataSource } from "typeorm";
import { AccountsService } from "./accounts/accounts.service";
import { AccessTokens } from "./auth/access-token";
import { AuditService } from "./audit/audit.service";
import { AuthService } from "./auth/auth.service";
import { PasswordHasher } from "./auth/password-hasher.service";
import { SessionCookie } from "./auth/session-cookie";
import { SessionsService } from "./auth/sessions.service";
import type { Config } from "./config";
import { MailService } from "./mail/mail.service";
import { createMailTransport } from "./mail/mail-transport";
import { ApiClientsService } from "./integrators/api-clients.service";
import { IntegratorTokens } from "./integrators/integrator-token";
import { IntegratorsService } from "./integrators/integrators.service";
import { PartnerAccountsService } from "./integrators/partner-accounts.service";
import { OperatorsService } from "./operators/operators.service";
import type { BudgetOverrides } from "./rate-limit/budgets";
import { createRateLimits } from "./rate-limit/rate-limits";
import { PushService } from "./push/push.service";
import { MeterStateService } from "./readings/meter-state.service";
import { ReadingsFeedService } from "./readings/readings-feed.service";
import { ReadingsService } from "./readings/readings.service";
import { EmailConfirmationService } from "./recovery/email-confirmation.service";
import { PasswordResetService } from "./recovery/password-reset.service";
import type { Clock } from "./core/clock";
import { ReminderScheduler } from "./reminders/reminder-scheduler";
import { RemindersService } from "./reminders/reminders.service";
import { SubmitLinkIssuer } from "./submit-links/link-issuer.service";
import { SubmitLinksService } from "./submit-links/submit-links.service";
import { UsersService } from "./users/users.service";
import { WebhookDispatcher } from "./webhooks/webhook-dispatcher.service";
import { WebhookEventsService } from "./webhooks/webhook-events.service";
import { WebhooksService } from "./webhooks/webhooks.service";

/** The composition root of the feature services. */
export function createServices(
  dataSource: DataSource,
  config: Config,
  clock: Clock,
  options: { log?: Logger; budgets?: BudgetOverrides } = {},
) {
  const log = options.log ?? pino({ level: "silent" });
  const hasher = new PasswordHasher(config.passwordPepper, config.bcryptCost);
  const tokens = new AccessTokens(config.jwtSecret);
  const audit = new AuditService(dataSource, clock);
  const sessions = new SessionsService(dataSource, clock, audit);
  const mail = new MailService(
    dataSource,
    clock,
    // The outbox seals pending messages (live links) with a key derived from the pepper.
    { publicUrl: config.publicUrl, sealSecret: config.passwordPepper },
    createMailTransport(config, log),
    log,
  );
  const emailConfirmation = new EmailConfirmationService(dataSource, clock, mail, audit);
  const limits = createRateLimits(dataSource, log, audit, options.budgets);
  const webhookEvents = new WebhookEventsService(clock);
  const accounts = new AccountsService(dataSource, clock, limits.guesses, audit, webhookEvents);
  const readingsFeed = new ReadingsFeedService(dataSource);
  // Signing secrets are sealed under a key derived from the pepper, as the mail outbox is.
  const webhooks = new WebhooksService(
    dataSource,
    clock,
    {
      sealSecret: config.passwordPepper,
      allowLoopback: config.webhookAllowLoopback,
    },
    readingsFeed,
    audit,
  );
  const push = new PushService(
    dataSource,
    clock,
    { vapid: config.vapid, allowLoopback: config.pushAllowLoopback },
    limits.requests,
    log,
  );
  const readings = new ReadingsService(dataSource, clock, accounts, audit);
  const submitLinks = new SubmitLinksService(
    dataSource,
    clock,
    readings,
    limits.requests,
    new MeterStateService(dataSource, clock),
  );
  const linkIssuer = new SubmitLinkIssuer(clock);
  const reminders = new RemindersService(
    dataSource,
    clock,
    { mail, links: linkIssuer, push, audit },
    log,
  );
  return {
    dataSource,
    clock,
    tokens,
    sessions,
    sessionCookie: new SessionCookie(config.isProduction),
    hasher,
    audit,
    limits,
    auth: new AuthService(dataSource, clock, hasher, tokens, sessions, limits.requests, audit),
    accounts,
    users: new UsersService(dataSource, clock, hasher, accounts, sessions, limits.requests, {
      audit,
      emailConfirmation,
      mail,
    }),
    readings,
    submitLinks,
    linkIssuer,
    reminders,
    reminderScheduler: new ReminderScheduler(reminders, clock, config, log),
    readingsFeed,
    webhooks,
    push,
    webhookDispatcher: new WebhookDispatcher(
      dataSource,
      clock,
      readingsFeed,
      webhooks,
      { allowLoopback: config.webhookAllowLoopback, timeoutMs: config.webhookTimeoutMs },
      log,
    ),
    mail,
    emailConfirmation,
    // REC-5 / RL-6: reset e-mails are throttled by the request limits.
    passwordReset: new PasswordResetService(
      dataSource,
      clock,
      hasher,
      sessions,
      mail,
      audit,
      limits.requests,
    ),
    apiClients: new ApiClientsService(
      dataSource,
      clock,
      new IntegratorTokens(config.integratorJwtSecret, config.integratorJwtPreviousSecret),
      limits.requests,
    ),
    integrators: new IntegratorsService(dataSource, clock),
    partnerAccounts: new PartnerAccountsService(dataSource),
    operators: new OperatorsService(
      dataSource,
      clock,
      limits.guesses,
      audit,
      hasher,
      webhookEvents,
    ),
  };
}

export type Services = ReturnType<typeof createServices>;
