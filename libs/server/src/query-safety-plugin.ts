import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  QUERY_LIMITS,
  checkQueryLimits,
  isIntrospection,
  isStandardIntrospectionQuery,
  measureOperation,
  type QueryBudget,
  type QueryLimits,
} from './query-limits.js';
import { checkInputLists } from './input-lists.js';

export interface QuerySafetySettings<TContext> {
  /** The caller's budget (analysts get the larger one). */
  budgetOf(context: TContext): QueryBudget;
  /** In production, whether this caller may ask for the schema (only community_admin). */
  mayIntrospect(context: TContext): boolean;
  production: boolean;
  limits?: Readonly<Record<QueryBudget, QueryLimits>>;
}

/** What an operation check reads: Apollo Server's request context at `didResolveOperation`, or the same parts. */
export interface OperationToCheck<TContext> {
  contextValue: TContext;
  document: DocumentNode;
  operationName: string | null | undefined;
  request: { variables?: Record<string, unknown> | null };
  schema: GraphQLSchema;
  /** The operation's text as the caller sent it (or as its persisted id named it). */
  source: string;
}

/** A check run on every operation before it executes; throws the error the caller gets. */
export type OperationCheck<TContext> = (operation: OperationToCheck<TContext>) => void;

/** Runs checks at `didResolveOperation`: the plugin form of the checks a caller of Apollo Server may also run. */
export function operationChecksPlugin<TContext extends BaseContext>(
  checks: ReadonlyArray<OperationCheck<TContext>>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, request, schema, source }) {
          for (const check of checks) check({ contextValue, document, operationName, request, schema, source });
        },
      };
    },
  };
}

/**
 * Checks every operation before it runs: in production, introspection only for callers allowed to; then the
 * length of every input list (`MAX_INPUT_LIST_ITEMS`), and depth, aliases, root fields and cost against the
 * caller's budget. A rejected operation gets `QUERY_LIMIT_EXCEEDED`
 * naming the limit, its value and the query's figure.
 */
export function querySafetyPlugin<TContext extends BaseContext>(
  settings: QuerySafetySettings<TContext>,
): ApolloServerPlugin<TContext> {
  return operationChecksPlugin([querySafetyCheck(settings)]);
}

/** The check of `querySafetyPlugin`, to run where Apollo Server's pipeline does not (the gateway's shortcut). */
export function querySafetyCheck<TContext>(settings: QuerySafetySettings<TContext>): OperationCheck<TContext> {
  const limits = settings.limits ?? QUERY_LIMITS;
  return ({ contextValue, document, operationName, request, schema }) => {
    if (settings.production && isIntrospection(document, operationName) && !settings.mayIntrospect(contextValue)) {
      throw new GraphQLError('生产模式下内省查询仅对社区管理员开放', {
        extensions: { code: 'FORBIDDEN', permission: 'introspection', http: { status: 403 } },
      });
    }
    checkInputLists(document, request.variables);
    const measure = measureOperation(schema, document, operationName, request.variables ?? {});
    const budget = limits[settings.budgetOf(contextValue)];
    const error = checkQueryLimits(
      measure,
      // (printing the document to compare it is needed only when it is too deep otherwise)
      measure.depth > budget.maxDepth && isStandardIntrospectionQuery(document)
        ? { ...budget, maxDepth: Math.max(budget.maxDepth, measure.depth) }
        : budget,
    );
    if (error) throw error;
  };
}
