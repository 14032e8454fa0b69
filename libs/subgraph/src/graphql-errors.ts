import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { isDomainError, messageWithoutValues } from '@shequ/errors';

/** Errors that are answers to the caller (domain errors, invalid arguments), not faults to log. */
export const isExpectedError = (original: unknown): boolean =>
  isDomainError(original) || original instanceof ArgumentValidationError;
import { clientMistake, withoutSuggestions } from '@shequ/server';
import { chineseConstraintMessage } from './validation-messages.js';

/** Dotted path of the first failing property, e.g. `input.household.address`. */
function firstInvalidField(errors: ValidationError[], prefix = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const [constraint] = Object.entries(error.constraints ?? {});
    if (constraint) return { field: path, message: chineseConstraintMessage(constraint[0], constraint[1]) };
    const nested = firstInvalidField(error.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Apollo `formatError`: domain errors become `{ extensions: { code, field … } }`, class-validator failures
 * `BAD_USER_INPUT` with the field, and anything unexpected a generic message (the details go to the log).
 */
export function formatGraphQLError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = formatError(formatted, error);
    return production ? withoutSuggestions(shown) : shown;
  };

  function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const input = clientMistake(formatted, error);
    if (input) return input;
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    if (isDomainError(original)) {
      return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      const first = firstInvalidField(original.extensions.validationErrors);
      return {
        ...formatted,
        message: first ? `输入无效：${first.field}：${first.message}` : formatted.message,
        extensions: { code: 'BAD_USER_INPUT', field: first?.field },
      };
    }
    const code = formatted.extensions?.code;
    // unexpected errors are logged with the request id by errorLogPlugin (subgraph-service.ts)
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      if (production)
        return {
          message: '服务器内部错误',
          path: formatted.path,
          locations: formatted.locations,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      // development: what failed, but not the values of the data (a statement's parameters, an entity); never the
      // stack (clientErrorOptions, libs/server: it stays in the log)
      return { ...formatted, message: messageWithoutValues(formatted.message) };
    }
    return formatted;
  }
}
