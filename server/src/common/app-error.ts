import { GraphQLError } from "graphql";
import { ERROR_MESSAGES, type ErrorCode } from "../core/error-codes";

/** A refusal the client can act on: a contract code, and the input field for input errors. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    options: { field?: string; message?: string; extensions?: Record<string, unknown> } = {},
  ) {
    super(options.message ?? ERROR_MESSAGES[code], {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...options.extensions,
      },
    });
  }
}

export const invalidField = (field: string, message?: string) =>
  new AppError("VALIDATION_FAILED", { field, message: message ?? `Invalid value for ${field}.` });
