import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Matches } from "class-validator";
import { ReadingSource } from "../core/enums";
import { DecimalScalar } from "../common/scalars/decimal.scalar";
import { type ItemOutcome, ItemStatus } from "../registry/registry-sync.service";

registerEnumType(ItemStatus, {
  name: "ItemStatus",
  description: "What a registry sync did with one item.",
  valuesConfig: {
    CREATED: { description: "The item was new and has been stored." },
    UPDATED: { description: "The item was known and has been changed." },
    UNCHANGED: { description: "The item was known with these values: nothing was written." },
    REJECTED: { description: "The item was refused (see `code`); the other items went on." },
  },
});

@ObjectType({ description: "A short-lived access token of an API client.", simpleResolvers: true })
export class ApiToken {
  @Field({ description: "Send as `Authorization: Bearer <accessToken>`." })
  accessToken: string;

  @Field(() => Date, {
    description:
      "When the token stops working (5 minutes after issue; there is no refresh token: take " +
      "a new one with `issueApiToken` shortly before, e.g. 30 s).",
  })
  expiresAt: Date;

  @Field(() => Int, {
    description: "Seconds from issue to `expiresAt` (300), for clients that do not trust clocks.",
  })
  expiresIn: number;

  @Field(() => [String], { description: "The scopes the token bears." })
  scopes: string[];
}

@ObjectType({
  description: "The answer for one item of a registry sync batch.",
  simpleResolvers: true,
})
export class ItemResult {
  @Field(() => Int, { description: "The item's position in the batch, from 0." })
  index: number;

  @Field({ description: "The item's natural key (account number, serial, external id)." })
  key: string;

  @Field(() => ItemStatus, { description: "What was done." })
  status: ItemStatus;

  @Field(() => String, {
    nullable: true,
    description: "For REJECTED: the error code, e.g. VALIDATION_FAILED, ACCOUNT_NOT_FOUND.",
  })
  code: string | null;

  @Field(() => String, { nullable: true, description: "For REJECTED: the offending field." })
  field: string | null;

  @Field(() => String, { nullable: true, description: "For REJECTED: what is wrong, in English." })
  message: string | null;
}

@ObjectType({
  description: "The answer to a registry sync batch: one result per item, in order.",
  simpleResolvers: true,
})
export class SyncResult {
  @Field(() => [ItemResult], { description: "One result per item, in the batch's order." })
  items: ItemResult[];

  @Field(() => Int, { description: "How many items were created." })
  created: number;

  @Field(() => Int, { description: "How many items were updated." })
  updated: number;

  @Field(() => Int, { description: "How many items were already up to date." })
  unchanged: number;

  @Field(() => Int, { description: "How many items were rejected." })
  rejected: number;

  static from(keys: string[], outcomes: ItemOutcome[]): SyncResult {
    const items = outcomes.map((outcome, index) =>
      Object.assign(new ItemResult(), {
        index,
        key: keys[index],
        status: outcome.status,
        code: outcome.code ?? null,
        field: outcome.field ?? null,
        message: outcome.message ?? null,
      }),
    );
    const count = (status: ItemStatus) => outcomes.filter((o) => o.status === status).length;
    return Object.assign(new SyncResult(), {
      items,
      created: count(ItemStatus.CREATED),
      updated: count(ItemStatus.UPDATED),
      unchanged: count(ItemStatus.UNCHANGED),
      rejected: count(ItemStatus.REJECTED),
    });
  }
}

@InputType({ description: "A registry account, keyed by its number." })
export class AccountSyncInput {
  @Field({ description: "The account number (up to 32 letters, digits, dashes)." })
  number: string;

  @Field({ description: "The account holder's full name." })
  holderName: string;

  @Field({ description: "The supply address." })
  address: string;

  @Field(() => String, {
    nullable: true,
    description: "The owning legal entity's BIN; null or empty for an individual.",
  })
  ownerBin?: string | null;
}

@InputType({ description: "A meter, keyed by its serial number." })
export class MeterSyncInput {
  @Field({ description: "The account the meter is installed on." })
  accountNumber: string;

  @Field({ description: "The meter's serial number (unique)." })
  serialNumber: string;

  @Field({ description: "Installation time, ISO 8601 (without offset: Almaty time)." })
  installedAt: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The next verification (поверка) date, YYYY-MM-DD, not before installation. Left out: " +
      "the stored date stays; null: the meter has no date.",
  })
  verificationDue?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The serial of the meter of the same account that this one replaces: it is closed at " +
      "`installedAt` and keeps its history.",
  })
  replaces?: string | null;
}

@InputType({ description: "A payment, keyed by the integrator's external id." })
export class PaymentSyncInput {
  @Field({ description: "The integrator's id of the payment (1 to 160 visible characters)." })
  externalId: string;

  @Field({ description: "The account paid for." })
  accountNumber: string;

  @Field({ description: 'The amount in tenge, e.g. "4215.37".' })
  amount: string;

  @Field({ description: "When it was paid, ISO 8601 (without offset: Almaty time)." })
  paidAt: string;
}

@InputType({ description: "An inspector, operator or estimate reading, keyed by external id." })
export class ReadingSyncInput {
  @Field({ description: "The integrator's id of the reading (1 to 160 visible characters)." })
  externalId: string;

  @Field({ description: "The meter's serial number." })
  meterSerial: string;

  @Field({ description: 'The value in m³, up to 3 decimals, e.g. "1402.5".' })
  value: string;

  @Field({ description: "When it was taken, ISO 8601 (without offset: Almaty time)." })
  takenAt: string;

  @Field(() => ReadingSource, { description: "INSPECTOR, OPERATOR or ESTIMATE." })
  source: ReadingSource;
}

@InputType({ description: "A reading a partner sends on behalf of a subscriber." })
export class PartnerReadingInput {
  @Field({ description: "The subscriber's account number." })
  accountNumber: string;

  @Field({ description: "The meter's serial number on that account." })
  meterSerial: string;

  @Field(() => DecimalScalar, { description: "The value in m³, up to 3 decimals." })
  value: string;

  @Field({
    description:
      "The partner's key of this sending (8 to 64 of A-Z a-z 0-9 _ -): a retry with the same " +
      "key returns the first reading and never uses the correction.",
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  idempotencyKey: string;
}
