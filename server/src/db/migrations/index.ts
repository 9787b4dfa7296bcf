import { InitialSchema1764100000000 } from "./1764100000000-initial-schema";
import { MailRecoveryAudit1764200000000 } from "./1764200000000-mail-recovery-audit";
import { RateLimits1764300000000 } from "./1764300000000-rate-limits";
import { Integrators1764400000000 } from "./1764400000000-integrators";
import { FeedStreams1764500000000 } from "./1764500000000-feed-streams";
import { Webhooks1764700000000 } from "./1764700000000-webhooks";
import { MeterVerification1764900000000 } from "./1764900000000-meter-verification";
import { PushSubscriptions1765100000000 } from "./1765100000000-push-subscriptions";
import { Reminders1765000000000 } from "./1765000000000-reminders";
import { RemindersPerSubscriber1765200000000 } from "./1765200000000-reminders-per-subscriber";

/** Every migration, in order; one set for MySQL/MariaDB and SQLite. */
export const migrations = [
  InitialSchema1764100000000,
  MailRecoveryAudit1764200000000,
  RateLimits1764300000000,
  Integrators1764400000000,
  FeedStreams1764500000000,
  Webhooks1764700000000,
  MeterVerification1764900000000,
  PushSubscriptions1765100000000,
  Reminders1765000000000,
  RemindersPerSubscriber1765200000000,
];
