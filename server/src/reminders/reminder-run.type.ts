import { Field, Int, ObjectType } from "type-graphql";
import type { ReminderRunView } from "./reminders.service";

@ObjectType({ description: "One reminder day's run, as operators see it.", simpleResolvers: true })
export class ReminderRun {
  @Field({ description: "The Almaty date of the reminder day, YYYY-MM-DD." })
  day: string;

  @Field(() => Date, { description: "When the first run of that day started." })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it finished; null while it runs." })
  finishedAt: Date | null;

  @Field(() => Int, { description: "Reminders queued (one per meter; e-mails list them)." })
  queued: number;

  @Field(() => Int, { description: "Reminder e-mails delivered so far." })
  delivered: number;

  @Field(() => Int, { description: "Reminder e-mails given up after their last retry." })
  failed: number;

  @Field(() => Int, { description: "Push reminders sent so far (one per subscriber)." })
  pushesSent: number;

  @Field(() => Int, {
    description: "Push reminders no device took after the last try (one per subscriber).",
  })
  pushesFailed: number;

  static from(view: ReminderRunView): ReminderRun {
    return Object.assign(new ReminderRun(), view);
  }
}
