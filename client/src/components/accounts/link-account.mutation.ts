import { graphql } from "../../gql";

export const LinkAccountMutation = graphql(`
  mutation LinkAccount($input: LinkAccountInput!) {
    linkAccount(input: $input) {
      ...AccountCard
    }
  }
`);
