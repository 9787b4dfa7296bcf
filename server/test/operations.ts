import type { GraphQLClient } from "./graphql-client";

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      user {
        id
        email
        personType
        bin
        canLinkAccounts
        language
        phone
      }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      expiresAt
      user {
        id
        email
      }
    }
  }
`;

export const REFRESH = /* GraphQL */ `
  mutation {
    refreshSession {
      accessToken
      expiresAt
      user {
        id
      }
    }
  }
`;

export const LOGOUT = /* GraphQL */ `
  mutation {
    logout
  }
`;

export const ME = /* GraphQL */ `
  {
    me {
      id
      email
      firstName
      lastName
      phone
      language
      canLinkAccounts
    }
  }
`;

export const ACCOUNTS_SCREEN = /* GraphQL */ `
  {
    me {
      accounts {
        number
        holderName
        address
        meters {
          id
          serialNumber
          lastReading {
            value
            takenAt
            source
          }
          submission {
            period
            used
            remaining
            minimumValue
            reopensAt
          }
        }
      }
    }
  }
`;

export const ACCOUNT = /* GraphQL */ `
  query Account($number: String!, $first: Int, $after: String) {
    account(number: $number) {
      number
      holderName
      address
      meters {
        id
        serialNumber
        submission {
          period
          used
          remaining
          minimumValue
          reopensAt
        }
        readings(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              id
              value
              takenAt
              source
              period
              isCorrection
            }
          }
        }
      }
    }
  }
`;

export const LINK = /* GraphQL */ `
  mutation Link($input: LinkAccountInput!) {
    linkAccount(input: $input) {
      number
      holderName
    }
  }
`;

export const UNLINK = /* GraphQL */ `
  mutation Unlink($number: String!) {
    unlinkAccount(number: $number)
  }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReadingInput!) {
    submitReading(input: $input) {
      id
      value
      takenAt
      source
      period
      isCorrection
    }
  }
`;

export const UPDATE_PROFILE = /* GraphQL */ `
  mutation Update($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      firstName
      lastName
      phone
      language
    }
  }
`;

export const CHANGE_PASSWORD = /* GraphQL */ `
  mutation Change($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

/** Registers and logs in; the client then holds the access token and the session cookie. */
export async function registerAndLogin(
  client: GraphQLClient,
  input: Record<string, unknown>,
  rememberMe = false,
): Promise<{ userId: string }> {
  const registered = await client.ok(REGISTER, { input });
  const loggedIn = await client.ok(LOGIN, {
    input: { email: input.email, password: input.password, rememberMe },
  });
  client.accessToken = loggedIn.login.accessToken;
  return { userId: registered.register.user.id };
}
