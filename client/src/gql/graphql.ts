/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends " $fragmentName" | "__typename" ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from "@graphql-typed-document-node/core";
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

/** What a password reset link can still do. */
export type PasswordResetTokenStatus =
  /** Unused, but its 30 minutes are over. */
  | "EXPIRED"
  /** Not a reset token of this service (unknown or garbled). */
  | "INVALID"
  /** Spent, or replaced by a newer link or a completed reset. */
  | "USED"
  /** Unused and unexpired: it can set a new password. */
  | "VALID";

/** Whether the subscriber is a person or a company. */
export type PersonType =
  /** An individual (физическое лицо). */
  | "INDIVIDUAL"
  /** A legal entity (юридическое лицо), identified by its BIN. */
  | "LEGAL_ENTITY";

/** The keys of a browser's push subscription (`PushSubscription.toJSON().keys`). */
export type PushKeysInput = {
  /** The browser's auth secret, base64url. */
  auth: string;
  /** The browser's P-256 public key, base64url. */
  p256dh: string;
};

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
export type PushSubscriptionInput = {
  /** A name for the device, shown to no one else (at most 100 characters). */
  device?: string | null | undefined;
  /** The push service's URL: https, on a host with public addresses only. */
  endpoint: string;
  /** The subscription's keys. */
  keys: PushKeysInput;
};

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
  /** The subscriber, through the one-tap link of a reminder. */
  | "REMINDER_LINK"
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

/** A reading sent with a one-tap link. */
export type SubmitReadingByLinkInput = {
  /** Client-made key (8 to 64 of A-Z a-z 0-9 _ -): a retry with it returns the first result. */
  idempotencyKey: string;
  /** The token from the link (after `#token=`). */
  token: string;
  /** The value in m³, up to 3 decimals. */
  value: string;
};

/** A meter reading to send. */
export type SubmitReadingInput = {
  /** Client-made key (a UUID; 8 to 64 of A-Z a-z 0-9 _ -): a retried sending with the same key returns the first result and never uses up the correction. Required: an answer that cannot say whether the sending was stored (OUTCOME_UNKNOWN) is settled by sending it again with the same key. */
  idempotencyKey: string;
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

/** Where a meter stands against its next verification date (поверка). */
export type VerificationStatus =
  /** 60 days or fewer left (the due date itself included). */
  | "DUE_SOON"
  /** More than 60 days left. */
  | "OK"
  /** The due date has passed; readings are still accepted. */
  | "OVERDUE";

export type AccountCardFragment = {
  number: string;
  holderName: string;
  address: string;
  meters: Array<{
    id: string;
    removedAt: string | null;
    submission: { period: string; used: number };
    lastReading: { id: string; takenAt: string; period: string; isCorrection: boolean } | null;
  }>;
};

export type LinkAccountMutationVariables = Exact<{
  input: LinkAccountInput;
}>;

export type LinkAccountMutation = {
  linkAccount: {
    number: string;
    holderName: string;
    address: string;
    meters: Array<{
      id: string;
      removedAt: string | null;
      submission: { period: string; used: number };
      lastReading: { id: string; takenAt: string; period: string; isCorrection: boolean } | null;
    }>;
  };
};

export type UnlinkAccountMutationVariables = Exact<{
  number: string;
}>;

export type UnlinkAccountMutation = { unlinkAccount: boolean };

export type MeterFieldsFragment = {
  id: string;
  serialNumber: string;
  removedAt: string | null;
  verification: { due: string; status: VerificationStatus; daysLeft: number } | null;
  submission: {
    period: string;
    used: number;
    remaining: number;
    minimumValue: string;
    reopensAt: string | null;
  };
  lastReading: {
    id: string;
    value: string;
    takenAt: string;
    source: ReadingSource;
    period: string;
    isCorrection: boolean;
  } | null;
  readings: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        value: string;
        takenAt: string;
        source: ReadingSource;
        period: string;
        isCorrection: boolean;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

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
    meter: {
      id: string;
      serialNumber: string;
      removedAt: string | null;
      verification: { due: string; status: VerificationStatus; daysLeft: number } | null;
      submission: {
        period: string;
        used: number;
        remaining: number;
        minimumValue: string;
        reopensAt: string | null;
      };
      lastReading: {
        id: string;
        value: string;
        takenAt: string;
        source: ReadingSource;
        period: string;
        isCorrection: boolean;
      } | null;
      readings: {
        totalCount: number;
        edges: Array<{
          cursor: string;
          node: {
            id: string;
            value: string;
            takenAt: string;
            source: ReadingSource;
            period: string;
            isCorrection: boolean;
          };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  };
};

export type MeterVerificationFieldsFragment = {
  due: string;
  status: VerificationStatus;
  daysLeft: number;
};

export type LogoutEverywhereMutationVariables = Exact<{ [key: string]: never }>;

export type LogoutEverywhereMutation = { logoutEverywhere: boolean };

export type PushPublicKeyQueryVariables = Exact<{ [key: string]: never }>;

export type PushPublicKeyQuery = { pushPublicKey: string | null };

export type SubscribePushMutationVariables = Exact<{
  input: PushSubscriptionInput;
}>;

export type SubscribePushMutation = { subscribePush: boolean };

export type UnsubscribePushMutationVariables = Exact<{
  endpoint: string;
}>;

export type UnsubscribePushMutation = { unsubscribePush: boolean };

export type SendTestPushMutationVariables = Exact<{ [key: string]: never }>;

export type SendTestPushMutation = { sendTestPush: { sent: number } };

export type ReminderSettingsQueryVariables = Exact<{ [key: string]: never }>;

export type ReminderSettingsQuery = {
  me: { id: string; reminderEmail: boolean; reminderPush: boolean } | null;
};

export type UpdateReminderSettingsMutationVariables = Exact<{
  email: boolean;
  push: boolean;
}>;

export type UpdateReminderSettingsMutation = {
  updateReminderSettings: { id: string; reminderEmail: boolean; reminderPush: boolean };
};

export type SubmitLinkQueryVariables = Exact<{
  token: string;
}>;

export type SubmitLinkQuery = {
  submitLink: {
    meterSerial: string;
    accountNumber: string;
    holderNameMasked: string;
    lastReading: { value: string; takenAt: string } | null;
    submission: {
      period: string;
      used: number;
      remaining: number;
      minimumValue: string;
      reopensAt: string | null;
    };
  };
};

export type SubmitReadingByLinkMutationVariables = Exact<{
  input: SubmitReadingByLinkInput;
}>;

export type SubmitReadingByLinkMutation = {
  submitReadingByLink: {
    value: string;
    period: string;
    isCorrection: boolean;
    submission: {
      period: string;
      used: number;
      remaining: number;
      minimumValue: string;
      reopensAt: string | null;
    };
  };
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

export type MyAccountsQueryVariables = Exact<{ [key: string]: never }>;

export type MyAccountsQuery = {
  me: {
    id: string;
    canLinkAccounts: boolean;
    accounts: Array<{
      number: string;
      holderName: string;
      address: string;
      meters: Array<{
        id: string;
        removedAt: string | null;
        submission: { period: string; used: number };
        lastReading: { id: string; takenAt: string; period: string; isCorrection: boolean } | null;
      }>;
    }>;
  } | null;
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
      removedAt: string | null;
      serialNumber: string;
      submission: {
        period: string;
        used: number;
        remaining: number;
        minimumValue: string;
        reopensAt: string | null;
      };
      lastReading: {
        id: string;
        takenAt: string;
        period: string;
        isCorrection: boolean;
        value: string;
        source: ReadingSource;
      } | null;
      verification: { due: string; status: VerificationStatus; daysLeft: number } | null;
      readings: {
        totalCount: number;
        edges: Array<{
          cursor: string;
          node: {
            id: string;
            value: string;
            takenAt: string;
            source: ReadingSource;
            period: string;
            isCorrection: boolean;
          };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>;
  } | null;
};

export type ResetTokenStatusQueryVariables = Exact<{
  token: string;
}>;

export type ResetTokenStatusQuery = { passwordResetTokenStatus: PasswordResetTokenStatus };

export const AccountCardFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "AccountCard" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Account" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "number" } },
          { kind: "Field", name: { kind: "Name", value: "holderName" } },
          { kind: "Field", name: { kind: "Name", value: "address" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "meters" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "removedAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "used" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lastReading" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "takenAt" } },
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AccountCardFragment, unknown>;
export const MeterVerificationFieldsFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterVerificationFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "MeterVerification" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "due" } },
          { kind: "Field", name: { kind: "Name", value: "status" } },
          { kind: "Field", name: { kind: "Name", value: "daysLeft" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MeterVerificationFieldsFragment, unknown>;
export const SubmissionFieldsFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubmissionFieldsFragment, unknown>;
export const ReadingFieldsFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "ReadingFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Reading" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "value" } },
          { kind: "Field", name: { kind: "Name", value: "takenAt" } },
          { kind: "Field", name: { kind: "Name", value: "source" } },
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReadingFieldsFragment, unknown>;
export const MeterFieldsFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Meter" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "serialNumber" } },
          { kind: "Field", name: { kind: "Name", value: "removedAt" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "verification" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "FragmentSpread",
                  name: { kind: "Name", value: "MeterVerificationFields" },
                },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "submission" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "SubmissionFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "lastReading" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "ReadingFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "readings" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "first" },
                value: { kind: "IntValue", value: "16" },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "totalCount" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "edges" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "cursor" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "node" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "FragmentSpread",
                              name: { kind: "Name", value: "ReadingFields" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pageInfo" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "hasNextPage" } },
                      { kind: "Field", name: { kind: "Name", value: "endCursor" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterVerificationFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "MeterVerification" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "due" } },
          { kind: "Field", name: { kind: "Name", value: "status" } },
          { kind: "Field", name: { kind: "Name", value: "daysLeft" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "ReadingFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Reading" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "value" } },
          { kind: "Field", name: { kind: "Name", value: "takenAt" } },
          { kind: "Field", name: { kind: "Name", value: "source" } },
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MeterFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = {
  kind: "Document",
  definitions: [
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "UserFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "User" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "email" } },
          { kind: "Field", name: { kind: "Name", value: "lastName" } },
          { kind: "Field", name: { kind: "Name", value: "firstName" } },
          { kind: "Field", name: { kind: "Name", value: "phone" } },
          { kind: "Field", name: { kind: "Name", value: "personType" } },
          { kind: "Field", name: { kind: "Name", value: "bin" } },
          { kind: "Field", name: { kind: "Name", value: "language" } },
          { kind: "Field", name: { kind: "Name", value: "canLinkAccounts" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UserFieldsFragment, unknown>;
export const LinkAccountDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "LinkAccount" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "LinkAccountInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "linkAccount" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "AccountCard" } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "AccountCard" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Account" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "number" } },
          { kind: "Field", name: { kind: "Name", value: "holderName" } },
          { kind: "Field", name: { kind: "Name", value: "address" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "meters" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "removedAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "used" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lastReading" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "takenAt" } },
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LinkAccountMutation, LinkAccountMutationVariables>;
export const UnlinkAccountDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "UnlinkAccount" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "number" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "unlinkAccount" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "number" },
                value: { kind: "Variable", name: { kind: "Name", value: "number" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UnlinkAccountMutation, UnlinkAccountMutationVariables>;
export const SubmitReadingDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "SubmitReading" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "SubmitReadingInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "submitReading" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "ReadingFields" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "meter" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "MeterFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterVerificationFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "MeterVerification" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "due" } },
          { kind: "Field", name: { kind: "Name", value: "status" } },
          { kind: "Field", name: { kind: "Name", value: "daysLeft" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "ReadingFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Reading" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "value" } },
          { kind: "Field", name: { kind: "Name", value: "takenAt" } },
          { kind: "Field", name: { kind: "Name", value: "source" } },
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Meter" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "serialNumber" } },
          { kind: "Field", name: { kind: "Name", value: "removedAt" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "verification" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "FragmentSpread",
                  name: { kind: "Name", value: "MeterVerificationFields" },
                },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "submission" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "SubmissionFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "lastReading" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "ReadingFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "readings" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "first" },
                value: { kind: "IntValue", value: "16" },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "totalCount" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "edges" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "cursor" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "node" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "FragmentSpread",
                              name: { kind: "Name", value: "ReadingFields" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pageInfo" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "hasNextPage" } },
                      { kind: "Field", name: { kind: "Name", value: "endCursor" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubmitReadingMutation, SubmitReadingMutationVariables>;
export const LogoutEverywhereDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "LogoutEverywhere" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [{ kind: "Field", name: { kind: "Name", value: "logoutEverywhere" } }],
      },
    },
  ],
} as unknown as DocumentNode<LogoutEverywhereMutation, LogoutEverywhereMutationVariables>;
export const PushPublicKeyDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "PushPublicKey" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [{ kind: "Field", name: { kind: "Name", value: "pushPublicKey" } }],
      },
    },
  ],
} as unknown as DocumentNode<PushPublicKeyQuery, PushPublicKeyQueryVariables>;
export const SubscribePushDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "SubscribePush" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "PushSubscriptionInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "subscribePush" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubscribePushMutation, SubscribePushMutationVariables>;
export const UnsubscribePushDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "UnsubscribePush" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "endpoint" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "unsubscribePush" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "endpoint" },
                value: { kind: "Variable", name: { kind: "Name", value: "endpoint" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UnsubscribePushMutation, UnsubscribePushMutationVariables>;
export const SendTestPushDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "SendTestPush" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "sendTestPush" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [{ kind: "Field", name: { kind: "Name", value: "sent" } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SendTestPushMutation, SendTestPushMutationVariables>;
export const ReminderSettingsDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ReminderSettings" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "me" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "reminderEmail" } },
                { kind: "Field", name: { kind: "Name", value: "reminderPush" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReminderSettingsQuery, ReminderSettingsQueryVariables>;
export const UpdateReminderSettingsDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "UpdateReminderSettings" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "email" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "Boolean" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "push" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "Boolean" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "updateReminderSettings" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "email" },
                value: { kind: "Variable", name: { kind: "Name", value: "email" } },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "push" },
                value: { kind: "Variable", name: { kind: "Name", value: "push" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "reminderEmail" } },
                { kind: "Field", name: { kind: "Name", value: "reminderPush" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  UpdateReminderSettingsMutation,
  UpdateReminderSettingsMutationVariables
>;
export const SubmitLinkDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "SubmitLink" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "token" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "submitLink" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "token" },
                value: { kind: "Variable", name: { kind: "Name", value: "token" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "meterSerial" } },
                { kind: "Field", name: { kind: "Name", value: "accountNumber" } },
                { kind: "Field", name: { kind: "Name", value: "holderNameMasked" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lastReading" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "value" } },
                      { kind: "Field", name: { kind: "Name", value: "takenAt" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "SubmissionFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubmitLinkQuery, SubmitLinkQueryVariables>;
export const SubmitReadingByLinkDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "SubmitReadingByLink" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "SubmitReadingByLinkInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "submitReadingByLink" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "value" } },
                { kind: "Field", name: { kind: "Name", value: "period" } },
                { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "SubmissionFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubmitReadingByLinkMutation, SubmitReadingByLinkMutationVariables>;
export const RequestPasswordResetDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "RequestPasswordReset" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "RequestPasswordResetInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "requestPasswordReset" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "ResetPassword" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ResetPasswordInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "resetPassword" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ConfirmEmailDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "ConfirmEmail" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "token" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "confirmEmail" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "token" },
                value: { kind: "Variable", name: { kind: "Name", value: "token" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConfirmEmailMutation, ConfirmEmailMutationVariables>;
export const UpdateProfileDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "UpdateProfile" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "UpdateProfileInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "updateProfile" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [{ kind: "FragmentSpread", name: { kind: "Name", value: "UserFields" } }],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "UserFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "User" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "email" } },
          { kind: "Field", name: { kind: "Name", value: "lastName" } },
          { kind: "Field", name: { kind: "Name", value: "firstName" } },
          { kind: "Field", name: { kind: "Name", value: "phone" } },
          { kind: "Field", name: { kind: "Name", value: "personType" } },
          { kind: "Field", name: { kind: "Name", value: "bin" } },
          { kind: "Field", name: { kind: "Name", value: "language" } },
          { kind: "Field", name: { kind: "Name", value: "canLinkAccounts" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const ChangePasswordDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "ChangePassword" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ChangePasswordInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "changePassword" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const LoginDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "Login" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "LoginInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "login" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "accessToken" } },
                { kind: "Field", name: { kind: "Name", value: "expiresAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "user" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "UserFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "UserFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "User" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "email" } },
          { kind: "Field", name: { kind: "Name", value: "lastName" } },
          { kind: "Field", name: { kind: "Name", value: "firstName" } },
          { kind: "Field", name: { kind: "Name", value: "phone" } },
          { kind: "Field", name: { kind: "Name", value: "personType" } },
          { kind: "Field", name: { kind: "Name", value: "bin" } },
          { kind: "Field", name: { kind: "Name", value: "language" } },
          { kind: "Field", name: { kind: "Name", value: "canLinkAccounts" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "RefreshSession" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "refreshSession" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "accessToken" } },
                { kind: "Field", name: { kind: "Name", value: "expiresAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "user" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "UserFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "UserFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "User" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "email" } },
          { kind: "Field", name: { kind: "Name", value: "lastName" } },
          { kind: "Field", name: { kind: "Name", value: "firstName" } },
          { kind: "Field", name: { kind: "Name", value: "phone" } },
          { kind: "Field", name: { kind: "Name", value: "personType" } },
          { kind: "Field", name: { kind: "Name", value: "bin" } },
          { kind: "Field", name: { kind: "Name", value: "language" } },
          { kind: "Field", name: { kind: "Name", value: "canLinkAccounts" } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const LogoutDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "Logout" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [{ kind: "Field", name: { kind: "Name", value: "logout" } }],
      },
    },
  ],
} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const RegisterDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "Register" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "input" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "RegisterInput" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "register" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: { kind: "Variable", name: { kind: "Name", value: "input" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "Field",
                  name: { kind: "Name", value: "user" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "email" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const MyAccountsDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "MyAccounts" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "me" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "canLinkAccounts" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "accounts" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "AccountCard" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "AccountCard" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Account" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "number" } },
          { kind: "Field", name: { kind: "Name", value: "holderName" } },
          { kind: "Field", name: { kind: "Name", value: "address" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "meters" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "removedAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "used" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lastReading" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "takenAt" } },
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MyAccountsQuery, MyAccountsQueryVariables>;
export const AccountReadingsDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "AccountReadings" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "number" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "account" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "number" },
                value: { kind: "Variable", name: { kind: "Name", value: "number" } },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "AccountCard" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "meters" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "FragmentSpread", name: { kind: "Name", value: "MeterFields" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterVerificationFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "MeterVerification" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "due" } },
          { kind: "Field", name: { kind: "Name", value: "status" } },
          { kind: "Field", name: { kind: "Name", value: "daysLeft" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "SubmissionFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "SubmissionWindow" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "used" } },
          { kind: "Field", name: { kind: "Name", value: "remaining" } },
          { kind: "Field", name: { kind: "Name", value: "minimumValue" } },
          { kind: "Field", name: { kind: "Name", value: "reopensAt" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "ReadingFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Reading" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "value" } },
          { kind: "Field", name: { kind: "Name", value: "takenAt" } },
          { kind: "Field", name: { kind: "Name", value: "source" } },
          { kind: "Field", name: { kind: "Name", value: "period" } },
          { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "AccountCard" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Account" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "number" } },
          { kind: "Field", name: { kind: "Name", value: "holderName" } },
          { kind: "Field", name: { kind: "Name", value: "address" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "meters" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "removedAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "submission" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "used" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lastReading" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "takenAt" } },
                      { kind: "Field", name: { kind: "Name", value: "period" } },
                      { kind: "Field", name: { kind: "Name", value: "isCorrection" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: "FragmentDefinition",
      name: { kind: "Name", value: "MeterFields" },
      typeCondition: { kind: "NamedType", name: { kind: "Name", value: "Meter" } },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          { kind: "Field", name: { kind: "Name", value: "id" } },
          { kind: "Field", name: { kind: "Name", value: "serialNumber" } },
          { kind: "Field", name: { kind: "Name", value: "removedAt" } },
          {
            kind: "Field",
            name: { kind: "Name", value: "verification" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "FragmentSpread",
                  name: { kind: "Name", value: "MeterVerificationFields" },
                },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "submission" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "SubmissionFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "lastReading" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "FragmentSpread", name: { kind: "Name", value: "ReadingFields" } },
              ],
            },
          },
          {
            kind: "Field",
            name: { kind: "Name", value: "readings" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "first" },
                value: { kind: "IntValue", value: "16" },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "totalCount" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "edges" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "cursor" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "node" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "FragmentSpread",
                              name: { kind: "Name", value: "ReadingFields" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pageInfo" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "hasNextPage" } },
                      { kind: "Field", name: { kind: "Name", value: "endCursor" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AccountReadingsQuery, AccountReadingsQueryVariables>;
export const ResetTokenStatusDocument = {
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ResetTokenStatus" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "token" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "passwordResetTokenStatus" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "token" },
                value: { kind: "Variable", name: { kind: "Name", value: "token" } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ResetTokenStatusQuery, ResetTokenStatusQueryVariables>;
