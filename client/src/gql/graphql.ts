/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends " $fragmentName" | "__typename" ? T[P] : never };
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
/** A password change; the current password proves it is the owner. */
export type ChangePasswordInput = {
  /** The current password. */
  currentPassword: string;
  /** The new password, 8 to 128 characters. */
  newPassword: string;
};

/** The language of the app and of e-mails. */
export type Language =
  /** English. */
  | "EN"
  /** Kazakh. */
  | "KK"
  /** Russian. */
  | "RU";

/** Proof of holding an account: its number and the exact last payment. */
export type LinkAccountInput = {
  /** The personal account number. */
  accountNumber: string;
  /** The exact amount of the account's last payment. */
  lastPaymentAmount: string;
};

/** E-mail and password. */
export type LoginInput = {
  /** The registered e-mail address (any case). */
  email: string;
  /** The password, exactly as typed. */
  password: string;
  /** Keep the session for 30 days (renewed on use) instead of until the browser closes. */
  rememberMe: boolean;
};

/** Whether the subscriber is a person or a company. */
export type PersonType =
  /** An individual (физическое лицо). */
  | "INDIVIDUAL"
  /** A legal entity (юридическое лицо), identified by its BIN. */
  | "LEGAL_ENTITY";

/** Who took a reading. */
export type ReadingSource =
  /** An estimate by the billing system. */
  | "ESTIMATE"
  /** The utility's inspector. */
  | "INSPECTOR"
  /** An operator of the utility. */
  | "OPERATOR"
  /** A partner channel (bank, payment app). */
  | "PARTNER"
  /** The subscriber, in this app. */
  | "SUBSCRIBER";

/** Everything the registration form asks; all fields required. */
export type RegisterInput = {
  /** True when the user agreement is accepted. */
  acceptTerms: boolean;
  /** The personal account number. */
  accountNumber: string;
  /** 12-digit BIN; required for a legal entity. */
  bin?: string | null | undefined;
  /** E-mail address: the login, unique regardless of case. */
  email: string;
  /** First name. */
  firstName: string;
  /** Language of the app and e-mails (default RU). */
  language?: Language | null | undefined;
  /** Last name. */
  lastName: string;
  /** The exact amount of the account's last payment, tenge with tiyn. */
  lastPaymentAmount: string;
  /** 8 to 128 characters of any kind; common passwords are refused. */
  password: string;
  /** The password again. */
  passwordConfirmation: string;
  /** Individual (default in the app) or legal entity. */
  personType: PersonType;
  /** Kazakhstan mobile number as typed: `8 701 123 45 67`, `+7 (701) 123-45-67`. */
  phone: string;
};

/** Asks for a password reset link by e-mail. */
export type RequestPasswordResetInput = {
  /** The registered e-mail address (any case). */
  email: string;
};

/** A new password, with the token from the reset e-mail. */
export type ResetPasswordInput = {
  /** The new password, 8 to 128 characters; common passwords are refused. */
  newPassword: string;
  /** The token from the reset link (after `#token=`). */
  token: string;
};

/** A meter reading to send. */
export type SubmitReadingInput = {
  /** Client-made key (a UUID): a retried sending with the same key returns the first result and never uses up the correction. */
  idempotencyKey?: string | null | undefined;
  /** The meter (`Meter.id`). */
  meterId: string | number;
  /** The value in m³, up to 3 decimals. */
  value: string;
};

/** Personal data to change; omitted fields stay as they are. */
export type UpdateProfileInput = {
  /** First name. */
  firstName?: string | null | undefined;
  /** Language of the app and e-mails. */
  language?: Language | null | undefined;
  /** Last name. */
  lastName?: string | null | undefined;
  /** Kazakhstan mobile number as typed. */
  phone?: string | null | undefined;
};

export type AccountCardFragment = { number: string; holderName: string; address: string };

export type MyAccountsQueryVariables = Exact<{ [key: string]: never }>;

export type MyAccountsQuery = {
  me: {
    id: string;
    canLinkAccounts: boolean;
    accounts: Array<{ number: string; holderName: string; address: string }>;
  } | null;
};

export type LinkAccountMutationVariables = Exact<{
  input: LinkAccountInput;
}>;

export type LinkAccountMutation = {
  linkAccount: { number: string; holderName: string; address: string };
};

export type RequestPasswordResetMutationVariables = Exact<{
  input: RequestPasswordResetInput;
}>;

export type RequestPasswordResetMutation = { requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;

export type ResetPasswordMutation = { resetPassword: boolean };

export type ConfirmEmailMutationVariables = Exact<{
  token: string;
}>;

export type ConfirmEmailMutation = { confirmEmail: boolean };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;

export type UpdateProfileMutation = {
  updateProfile: {
    id: string;
    email: string;
    lastName: string;
    firstName: string;
    phone: string;
    personType: PersonType;
    bin: string | null;
    language: Language;
    canLinkAccounts: boolean;
  };
};

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;

export type ChangePasswordMutation = { changePassword: boolean };

export type ReadingFieldsFragment = {
  id: string;
  value: string;
  takenAt: string;
  source: ReadingSource;
  period: string;
  isCorrection: boolean;
};

export type SubmissionFieldsFragment = {
  period: string;
  used: number;
  remaining: number;
  minimumValue: string;
  reopensAt: string | null;
};

export type MeterFieldsFragment = {
  id: string;
  serialNumber: string;
  removedAt: string | null;
  submission: {
    period: string;
    used: number;
    remaining: number;
    minimumValue: string;
    reopensAt: string | null;
  };
  readings: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        value: string;
        takenAt: string;
        source: ReadingSource;
        period: string;
        isCorrection: boolean;
      };
    }>;
  };
};

export type AccountReadingsQueryVariables = Exact<{
  number: string;
}>;

export type AccountReadingsQuery = {
  account: {
    number: string;
    holderName: string;
    address: string;
    meters: Array<{
      id: string;
      serialNumber: string;
      removedAt: string | null;
      submission: {
        period: string;
        used: number;
        remaining: number;
        minimumValue: string;
        reopensAt: string | null;
      };
      readings: {
        totalCount: number;
        edges: Array<{
          node: {
            id: string;
            value: string;
            takenAt: string;
            source: ReadingSource;
            period: string;
            isCorrection: boolean;
          };
        }>;
      };
    }>;
  } | null;
};

export type SubmitReadingMutationVariables = Exact<{
  input: SubmitReadingInput;
}>;

export type SubmitReadingMutation = {
  submitReading: {
    id: string;
    value: string;
    takenAt: string;
    source: ReadingSource;
    period: string;
    isCorrection: boolean;
  };
};

export type AccountSubmissionsQueryVariables = Exact<{
  number: string;
}>;

export type AccountSubmissionsQuery = {
  account: {
    number: string;
    meters: Array<{
      id: string;
      submission: {
        period: string;
        used: number;
        remaining: number;
        minimumValue: string;
        reopensAt: string | null;
      };
    }>;
  } | null;
};

export type UserFieldsFragment = {
  id: string;
  email: string;
  lastName: string;
  firstName: string;
  phone: string;
  personType: PersonType;
  bin: string | null;
  language: Language;
  canLinkAccounts: boolean;
};

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;

export type LoginMutation = {
  login: {
    accessToken: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      lastName: string;
      firstName: string;
      phone: string;
      personType: PersonType;
      bin: string | null;
      language: Language;
      canLinkAccounts: boolean;
    };
  };
};

export type RefreshSessionMutationVariables = Exact<{ [key: string]: never }>;

export type RefreshSessionMutation = {
  refreshSession: {
    accessToken: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      lastName: string;
      firstName: string;
      phone: string;
      personType: PersonType;
      bin: string | null;
      language: Language;
      canLinkAccounts: boolean;
    };
  };
};

export type LogoutMutationVariables = Exact<{ [key: string]: never }>;

export type LogoutMutation = { logout: boolean };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;

export type RegisterMutation = { register: { user: { id: string; email: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>["__apiType"]>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccountCardFragmentDoc = new TypedDocumentString(
  `
    fragment AccountCard on Account {
  number
  holderName
  address
}
    `,
  { fragmentName: "AccountCard" },
) as unknown as TypedDocumentString<AccountCardFragment, unknown>;
export const SubmissionFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment SubmissionFields on SubmissionWindow {
  period
  used
  remaining
  minimumValue
  reopensAt
}
    `,
  { fragmentName: "SubmissionFields" },
) as unknown as TypedDocumentString<SubmissionFieldsFragment, unknown>;
export const ReadingFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ReadingFields on Reading {
  id
  value
  takenAt
  source
  period
  isCorrection
}
    `,
  { fragmentName: "ReadingFields" },
) as unknown as TypedDocumentString<ReadingFieldsFragment, unknown>;
export const MeterFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment MeterFields on Meter {
  id
  serialNumber
  removedAt
  submission {
    ...SubmissionFields
  }
  readings(first: 16) {
    totalCount
    edges {
      node {
        ...ReadingFields
      }
    }
  }
}
    fragment ReadingFields on Reading {
  id
  value
  takenAt
  source
  period
  isCorrection
}
fragment SubmissionFields on SubmissionWindow {
  period
  used
  remaining
  minimumValue
  reopensAt
}`,
  { fragmentName: "MeterFields" },
) as unknown as TypedDocumentString<MeterFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment UserFields on User {
  id
  email
  lastName
  firstName
  phone
  personType
  bin
  language
  canLinkAccounts
}
    `,
  { fragmentName: "UserFields" },
) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const MyAccountsDocument = new TypedDocumentString(`
    query MyAccounts {
  me {
    id
    canLinkAccounts
    accounts {
      ...AccountCard
    }
  }
}
    fragment AccountCard on Account {
  number
  holderName
  address
}`) as unknown as TypedDocumentString<MyAccountsQuery, MyAccountsQueryVariables>;
export const LinkAccountDocument = new TypedDocumentString(`
    mutation LinkAccount($input: LinkAccountInput!) {
  linkAccount(input: $input) {
    ...AccountCard
  }
}
    fragment AccountCard on Account {
  number
  holderName
  address
}`) as unknown as TypedDocumentString<LinkAccountMutation, LinkAccountMutationVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
  requestPasswordReset(input: $input)
}
    `) as unknown as TypedDocumentString<
  RequestPasswordResetMutation,
  RequestPasswordResetMutationVariables
>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input)
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ConfirmEmailDocument = new TypedDocumentString(`
    mutation ConfirmEmail($token: String!) {
  confirmEmail(token: $token)
}
    `) as unknown as TypedDocumentString<ConfirmEmailMutation, ConfirmEmailMutationVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  email
  lastName
  firstName
  phone
  personType
  bin
  language
  canLinkAccounts
}`) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const AccountReadingsDocument = new TypedDocumentString(`
    query AccountReadings($number: String!) {
  account(number: $number) {
    ...AccountCard
    meters {
      ...MeterFields
    }
  }
}
    fragment AccountCard on Account {
  number
  holderName
  address
}
fragment ReadingFields on Reading {
  id
  value
  takenAt
  source
  period
  isCorrection
}
fragment SubmissionFields on SubmissionWindow {
  period
  used
  remaining
  minimumValue
  reopensAt
}
fragment MeterFields on Meter {
  id
  serialNumber
  removedAt
  submission {
    ...SubmissionFields
  }
  readings(first: 16) {
    totalCount
    edges {
      node {
        ...ReadingFields
      }
    }
  }
}`) as unknown as TypedDocumentString<AccountReadingsQuery, AccountReadingsQueryVariables>;
export const SubmitReadingDocument = new TypedDocumentString(`
    mutation SubmitReading($input: SubmitReadingInput!) {
  submitReading(input: $input) {
    ...ReadingFields
  }
}
    fragment ReadingFields on Reading {
  id
  value
  takenAt
  source
  period
  isCorrection
}`) as unknown as TypedDocumentString<SubmitReadingMutation, SubmitReadingMutationVariables>;
export const AccountSubmissionsDocument = new TypedDocumentString(`
    query AccountSubmissions($number: String!) {
  account(number: $number) {
    number
    meters {
      id
      submission {
        ...SubmissionFields
      }
    }
  }
}
    fragment SubmissionFields on SubmissionWindow {
  period
  used
  remaining
  minimumValue
  reopensAt
}`) as unknown as TypedDocumentString<AccountSubmissionsQuery, AccountSubmissionsQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    accessToken
    expiresAt
    user {
      ...UserFields
    }
  }
}
    fragment UserFields on User {
  id
  email
  lastName
  firstName
  phone
  personType
  bin
  language
  canLinkAccounts
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession {
  refreshSession {
    accessToken
    expiresAt
    user {
      ...UserFields
    }
  }
}
    fragment UserFields on User {
  id
  email
  lastName
  firstName
  phone
  personType
  bin
  language
  canLinkAccounts
}`) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
