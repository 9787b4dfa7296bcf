import { GraphQLError } from "graphql";
import { ERROR_MESSAGES, type ErrorCode } from "../core/error-codes";

/**
 * A refusal the client can act on: a contract code, and the input field for input errors.
 * It carries no stack: it is an answer, not a fault, and graphql-js formats the stack of every
 * error a resolver throws (a tenth of the server's time when most sendings are refused).
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(
    code: ErrorCode,
    options: { field?: string; message?: string; extensions?: Record<string, unknown> } = {},
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(options.message ?? ERROR_MESSAGES[code], {
        extensions: {
          code,
          ...(options.field ? { field: options.field } : {}),
          ...options.extensions,
        },
      });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.code = code;
  }
}

export const invalidField = (field: string, message?: string) =>
  new AppError("VALIDATION_FAILED", { field, message: message ?? `Invalid value for ${field}.` });
