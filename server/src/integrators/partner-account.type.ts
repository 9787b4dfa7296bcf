import { Field, ObjectType } from "type-graphql";
import type { AccountEntity } from "../accounts/account.entity";
import type { MeterEntity } from "../readings/meter.entity";
import { LocalDateScalar } from "../common/scalars/local-date.scalar";

@ObjectType({
  description:
    "A meter as a partner sees it before sending: no history, only what the next sending needs.",
  simpleResolvers: true,
})
export class PartnerMeter {
  @Field({ description: "The serial number (`PartnerReadingInput.meterSerial`)." })
  serialNumber: string;

  @Field(() => Date, { description: "When the meter was installed." })
  installedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When it was replaced; a replaced meter takes no sendings.",
  })
  removedAt: Date | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The next verification (поверка) is due by the end of this day; null: unknown.",
  })
  verificationDue: string | null;

  entity: MeterEntity;

  static from(entity: MeterEntity): PartnerMeter {
    return Object.assign(new PartnerMeter(), {
      serialNumber: entity.serialNumber,
      installedAt: entity.installedAt,
      removedAt: entity.removedAt,
      verificationDue: entity.verificationDue,
      entity,
    });
  }
}

@ObjectType({
  description:
    "An account as a partner sees it (scope readings:submit): the number and the name on the " +
    "bill, and its meters. No address, payments or users.",
  simpleResolvers: true,
})
export class PartnerAccount {
  @Field({ description: "The account number, as on the bill." })
  number: string;

  @Field({ description: "The holder's name, as on the bill." })
  holderName: string;

  @Field(() => [PartnerMeter], {
    description: "The account's meters, in order of installation, replaced ones included.",
  })
  meters: PartnerMeter[];

  static from(account: AccountEntity, meters: MeterEntity[]): PartnerAccount {
    return Object.assign(new PartnerAccount(), {
      number: account.number,
      holderName: account.holderName,
      meters: meters.map((meter) => PartnerMeter.from(meter)),
    });
  }
}
