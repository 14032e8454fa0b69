import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Logs each unexpected error of a GraphQL request once, with the request id (`contextValue.requestId`) and
 * the path, at `error` level. Expected errors (bad input, not found, forbidden … — whatever `isExpected`
 * says, and any error that already carries a code other than INTERNAL_SERVER_ERROR) are the caller's
 * business and are not logged.
 */
export function errorLogPlugin<TContext extends BaseContext & { requestId?: string }>(settings: {
  logger: Logger;
  isExpected?: (original: unknown) => boolean;
}): ApolloServerPlugin<TContext> {
  const { logger, isExpected = () => false } = settings;
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
            const code = error.extensions?.code;
            if (isExpected(original) || (code !== undefined && code !== 'INTERNAL_SERVER_ERROR')) continue;
            logger.error(
              { err: original, path: error.path, operationName, requestId: contextValue?.requestId },
              'unexpected resolver error',
            );
          }
        },
      };
    },
  };
}
