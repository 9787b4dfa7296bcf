import { graphql } from "../gql";

/*
 * The security work's recovery operations. A server without them answers
 * GRAPHQL_VALIDATION_FAILED, which the pages show as "not available yet" (never a fake success).
 */
export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

export const ConfirmEmailMutation = graphql(`
  mutation ConfirmEmail($token: String!) {
    confirmEmail(token: $token)
  }
`);

/** The one-time token of an e-mail link: `#token=…` (or `?token=…`). */
export function tokenFrom(hash: string, query: unknown): string {
  const fromHash = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return fromHash ?? (typeof query === "string" ? query : "");
}
