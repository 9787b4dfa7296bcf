import { Field, ObjectType } from "type-graphql";
import type { AccountEntity } from "./account.entity";

@ObjectType({
  description: "A personal account (лицевой счёт) of the utility's registry.",
  simpleResolvers: true,
})
export class Account {
  @Field({ description: "The account number, leading zeros kept." })
  number: string;

  @Field({ description: "The subscriber's full name as the registry holds it." })
  holderName: string;

  @Field({ description: "The address of the supplied premises." })
  address: string;

  entity: AccountEntity;

  static from(entity: AccountEntity): Account {
    return Object.assign(new Account(), {
      number: entity.number,
      holderName: entity.holderName,
      address: entity.address,
      entity,
    });
  }
}
