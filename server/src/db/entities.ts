import { AccountLinkEntity } from "../accounts/account-link.entity";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { AuditEventEntity } from "../audit/audit-event.entity";
import { SessionEntity } from "../auth/session.entity";
import { ApiClientEntity } from "../integrators/api-client.entity";
import { MailOutboxEntity } from "../mail/mail-outbox.entity";
import { MeterEntity } from "../readings/meter.entity";
import { PushSubscriptionEntity } from "../push/push-subscription.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { ReminderRunEntity } from "../reminders/reminder-run.entity";
import { ReminderEntity } from "../reminders/reminder.entity";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import { UserTokenEntity } from "../recovery/user-token.entity";
import { UserEntity } from "../users/user.entity";
import { WebhookDeliveryEntity } from "../webhooks/webhook-delivery.entity";
import { WebhookDispatchEntity } from "../webhooks/webhook-dispatch.entity";
import { WebhookEndpointEntity } from "../webhooks/webhook-endpoint.entity";

export const entities = [
  UserEntity,
  SessionEntity,
  AccountEntity,
  AccountLinkEntity,
  PaymentEntity,
  MeterEntity,
  ReadingEntity,
  UserTokenEntity,
  MailOutboxEntity,
  AuditEventEntity,
  ApiClientEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookDispatchEntity,
  PushSubscriptionEntity,
  SubmitLinkEntity,
  ReminderEntity,
  ReminderRunEntity,
];
