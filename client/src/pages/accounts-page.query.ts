import { graphql } from "../gql";

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
