import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Public, type GraphQLContext } from "../graphql";
import { LinkSending, SubmitLinkView, SubmitReadingByLinkInput } from "./submit-link.type";
import type { SubmitLinksService } from "./submit-links.service";

/** The one-tap link of a reminder: the token is the credential; no session is made. */
@Resolver()
export class SubmitLinksResolver {
  constructor(private readonly services: { submitLinks: SubmitLinksService }) {}

  @Public()
  @Query(() => SubmitLinkView, {
    description:
      "The meter a one-tap submit link is for, and this month's window. Any link that cannot " +
      "be used (garbled, unknown, expired, revoked, the account unlinked) is INVALID_LINK. " +
      "Limited per token and per address (RATE_LIMITED).",
  })
  async submitLink(
    @Arg("token", { description: "The token from the link (after `#token=`)." }) token: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SubmitLinkView> {
    return SubmitLinkView.from(await this.services.submitLinks.view(token, ctx.meta));
  }

  @Public()
  @Mutation(() => LinkSending, {
    description:
      "Sends this month's reading of the link's meter, under the same rules as `submitReading` " +
      "(two a month, never below the previous: READING_BELOW_PREVIOUS with minimumValue, " +
      "MONTHLY_LIMIT_REACHED); recorded with source REMINDER_LINK and audited.",
  })
  async submitReadingByLink(
    @Arg("input", { description: "The token, the value and the idempotency key." })
    input: SubmitReadingByLinkInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LinkSending> {
    return LinkSending.from(await this.services.submitLinks.submit(input, ctx.meta));
  }
}
