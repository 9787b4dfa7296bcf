import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { Access, CurrentUser, type GraphQLContext } from "../graphql";
import { invalidField } from "../common/app-error";
import { User } from "../users/user.types";
import type { UserEntity } from "../users/user.entity";
import { ReminderRun } from "./reminder-run.type";
import type { RemindersService } from "./reminders.service";

@Resolver()
export class RemindersResolver {
  constructor(private readonly services: { reminders: RemindersService }) {}

  @Authorized(Access.USER)
  @Mutation(() => User, {
    description:
      "Sets how the caller is reminded to send the month's reading: by e-mail (to a confirmed " +
      "address), by web push, both or none.",
  })
  async updateReminderSettings(
    @Arg("email", { description: "Reminders by e-mail." }) email: boolean,
    @Arg("push", { description: "Reminders by web push." }) push: boolean,
    @CurrentUser() user: UserEntity,
  ): Promise<User> {
    return User.from(await this.services.reminders.updateSettings(user, email, push));
  }

  @Authorized(Access.OPERATOR)
  @Query(() => [ReminderRun], {
    description: "The last reminder days' runs, newest first (operators only).",
  })
  async reminderRuns(
    @Arg("last", () => Int, { defaultValue: 5, description: "How many, 1 to 50." }) last: number,
  ): Promise<ReminderRun[]> {
    if (!Number.isInteger(last) || last < 1 || last > 50) throw invalidField("last");
    return (await this.services.reminders.runs(last)).map((run) => ReminderRun.from(run));
  }

  @Authorized(Access.OPERATOR)
  @Mutation(() => ReminderRun, {
    description:
      "Runs today's reminders now (operators only; audited): only meters not yet reminded " +
      "today and still without a sending this month get one.",
  })
  async runRemindersNow(
    @CurrentUser() operator: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReminderRun> {
    return ReminderRun.from(await this.services.reminders.runNow(operator, ctx.meta));
  }
}
