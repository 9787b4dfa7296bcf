import { Field, ObjectType, registerEnumType } from "type-graphql";
import { SenderKind } from "./reading-sender.rules";

registerEnumType(SenderKind, {
  name: "SenderKind",
  description: "Who sent a reading through this service.",
  valuesConfig: {
    SUBSCRIBER: { description: "The subscriber, in the app." },
    PARTNER: { description: "A partner's API client (`submitReadingForAccount`)." },
  },
});

@ObjectType({
  description: "Who sent a reading: the subscriber, or which partner's API client.",
  simpleResolvers: true,
})
export class ReadingSender {
  @Field(() => SenderKind, { description: "SUBSCRIBER or PARTNER." })
  kind: SenderKind;

  @Field(() => String, {
    nullable: true,
    description: "For PARTNER: the API client's public id (`gci_…`).",
  })
  apiClientId: string | null;

  @Field(() => String, { nullable: true, description: "For PARTNER: the API client's name." })
  apiClientName: string | null;

  static of(
    kind: SenderKind,
    client: { clientId: string; name: string | null } | null = null,
  ): ReadingSender {
    return Object.assign(new ReadingSender(), {
      kind,
      apiClientId: client?.clientId ?? null,
      apiClientName: client?.name ?? null,
    });
  }
}
