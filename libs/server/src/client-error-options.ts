import type { GraphQLFormattedError } from 'graphql';

/** An answer's error without `extensions.stacktrace` (a subgraph's, or one Apollo added). */
export function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stack, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * The error options of every Apollo Server of the system (each subgraph and the gateway): stack traces never go to a
 * client, whatever `NODE_ENV` — Apollo adds them outside production, and a front end or anyone walking `npm start`
 * would read the server's internals. Unexpected errors stay in the log (`errorLogPlugin`) with their stack.
 * `format` is the server's own `formatError`; whatever it returns leaves without a stack trace too.
 */
export function clientErrorOptions(options: {
  production: boolean;
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}) {
  return {
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
      withoutStacktrace(options.format(withoutStacktrace(formatted), error)),
  };
}
