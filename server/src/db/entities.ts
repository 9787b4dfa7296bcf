import { AccountLinkEntity } from "../accounts/account-link.entity";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { SessionEntity } from "../auth/session.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { UserEntity } from "../users/user.entity";

export const entities = [
  UserEntity,
  SessionEntity,
  AccountEntity,
  AccountLinkEntity,
  PaymentEntity,
  MeterEntity,
  ReadingEntity,
];
