import { graphql } from "../../gql";

export const UnlinkAccountMutation = graphql(`
  mutation UnlinkAccount($number: String!) {
    unlinkAccount(number: $number)
  }
`);
