import { graphql } from "../gql";

/** Whether a reset link still works, asked when the page opens; the token is not spent. */
export const ResetTokenStatusQuery = graphql(`
  query ResetTokenStatus($token: String!) {
    passwordResetTokenStatus(token: $token)
  }
`);
