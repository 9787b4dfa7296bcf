export const REQUEST_RESET = /* GraphQL */ `
  mutation RequestReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`;

export const RESET_PASSWORD = /* GraphQL */ `
  mutation Reset($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`;

export const CONFIRM_EMAIL = /* GraphQL */ `
  mutation Confirm($token: String!) {
    confirmEmail(token: $token)
  }
`;

export const ME_VERIFIED = /* GraphQL */ `
  {
    me {
      id
      emailVerified
    }
  }
`;
