import { MaxLength } from "class-validator";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import type { PushOutcome } from "./push.service";

@InputType({
  description: "The keys of a browser's push subscription (`PushSubscription.toJSON().keys`).",
})
export class PushKeysInput {
  @Field({ description: "The browser's P-256 public key, base64url." })
  @MaxLength(100)
  p256dh: string;

  @Field({ description: "The browser's auth secret, base64url." })
  @MaxLength(32)
  auth: string;
}

@InputType({
  description: "A browser's push subscription, as `PushSubscription.toJSON()` gives it.",
})
export class PushSubscriptionInput {
  @Field({ description: "The push service's URL: https, on a host with public addresses only." })
  @MaxLength(500)
  endpoint: string;

  @Field(() => PushKeysInput, { description: "The subscription's keys." })
  keys: PushKeysInput;

  @Field(() => String, {
    nullable: true,
    description: "A name for the device, shown to no one else (at most 100 characters).",
  })
  @MaxLength(100)
  device?: string | null;
}

@ObjectType({ description: "What became of a push message to the caller's devices." })
export class PushResult {
  @Field(() => Int, { description: "Devices the push service accepted it for." })
  sent: number;

  @Field(() => Int, { description: "Subscriptions the push service said are gone; now removed." })
  removed: number;

  @Field(() => Int, { description: "Devices not reached this time (kept)." })
  failed: number;

  static from(outcome: PushOutcome): PushResult {
    return Object.assign(new PushResult(), outcome);
  }
}
