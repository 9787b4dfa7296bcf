import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Public, type GraphQLContext } from "../graphql";
import type { EmailConfirmationService } from "./email-confirmation.service";
import type { PasswordResetService } from "./password-reset.service";
import { RequestPasswordResetInput } from "./dto/request-password-reset.input";
import { ResetPasswordInput } from "./dto/reset-password.input";
import { PasswordResetTokenStatus } from "./reset-token-status";

@Resolver()
export class RecoveryResolver {
  constructor(
    private readonly services: {
      passwordReset: PasswordResetService;
      emailConfirmation: EmailConfirmationService;
    },
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      "Sends a password reset link if the address is registered; always true, whether or not it is.",
  })
  async requestPasswordReset(
    @Arg("input", { description: "The input of this operation." })
    input: RequestPasswordResetInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.passwordReset.request(input.email, ctx.meta);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      "Sets a new password with a reset token (single use, 30 minutes); ends every session of " +
      "the user and does not log in.",
  })
  async resetPassword(
    @Arg("input", { description: "The input of this operation." }) input: ResetPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.passwordReset.reset(input.token, input.newPassword, ctx.meta);
    return true;
  }

  @Public()
  @Query(() => PasswordResetTokenStatus, {
    description:
      "Whether a reset token can still set a password, without spending or extending it; names " +
      "no account. Limited per client address (RATE_LIMITED with retryAfterSeconds).",
  })
  async passwordResetTokenStatus(
    @Arg("token", { description: "The token from the reset link (after `#token=`)." })
    token: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PasswordResetTokenStatus> {
    return this.services.passwordReset.tokenStatus(token, ctx.meta);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: "Confirms the e-mail address with the token from the confirmation link.",
  })
  async confirmEmail(
    @Arg("token", { description: "The token from the confirmation link (after `#token=`)." })
    token: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.emailConfirmation.confirm(token, ctx.meta);
    return true;
  }
}
