import { graphql } from "../gql";

export const AccountCardFragment = graphql(`
  fragment AccountCard on Account {
    number
    holderName
    address
  }
`);

export const MyAccountsQuery = graphql(`
  query MyAccounts {
    me {
      id
      canLinkAccounts
      accounts {
        ...AccountCard
      }
    }
  }
`);

export const LinkAccountMutation = graphql(`
  mutation LinkAccount($input: LinkAccountInput!) {
    linkAccount(input: $input) {
      ...AccountCard
    }
  }
`);
