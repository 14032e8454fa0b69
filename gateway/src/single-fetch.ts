import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloGateway, Experimental_DidResolveQueryPlanCallback, GatewayConfig } from '@apollo/gateway';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { GatewayContext } from './forwarding-data-source.js';

type Loaded = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = Loaded['executor'];
type RequestContext = Parameters<Executor>[0];
type Result = Awaited<ReturnType<Executor>>;
type ResolvedPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type DataSource = ResolvedPlan['serviceMap'][string];
type SubgraphResponse = Awaited<ReturnType<DataSource['process']>>;

/** What a document's plan needs to be answered by passing its one subgraph fetch on. */
interface SingleFetch {
  serviceName: string;
  dataSource: DataSource;
  /** The subgraph operation (text and name) exactly as the query plan sends it. */
  operation: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
  /** The client operation's variables, checked as Apollo Gateway checks them before it sends anything. */
  variableDefinitions: OperationDefinitionNode['variableDefinitions'];
}

/**
 * A query whose plan is ONE fetch from one subgraph with exactly the client's selection (same fields, aliases,
 * arguments and directives, no `__typename` or key fields added by the planner, nothing to rewrite) is answered with
 * the subgraph's `data` as it comes: Apollo Gateway would copy that object field by field into the same object
 * (`computeResponse`) after rebuilding the operation for the API schema, both per request. The request to the
 * subgraph is the very one the plan sends (operation text, operation name, variables, headers, through the same
 * data source), so the subgraph answers and audits it exactly as before.
 *
 * A document qualifies once Apollo Gateway has planned it (its own planner decides, on the first request; the
 * verdict is kept with the parsed document, which Apollo Server caches per query text). Anything else goes through
 * Apollo Gateway as before — a plan of several fetches, invalid variables, spans being recorded (`recording`: the
 * gateway's own spans), and any answer with errors or without data: that answer is then handed to Apollo Gateway's
 * execution of the same plan (`replayed`), which shapes the errors as it always does, without asking the subgraph
 * a second time.
 */
export class SingleFetchPath {
  private readonly verdicts = new WeakMap<DocumentNode, Map<string, SingleFetch | null>>();
  private readonly replays = new WeakMap<
    object,
    { serviceName: string; response: SubgraphResponse } | { serviceName: string; error: unknown }
  >();
  private figures = { passed: 0, planned: 0 };

  constructor(private readonly settings: { enabled: () => boolean }) {}

  /** Apollo Gateway's `experimental_didResolveQueryPlan`: judges each document once, on its first plan. */
  readonly didResolveQueryPlan: NonNullable<GatewayConfig['experimental_didResolveQueryPlan']> = (resolved) => {
    const { document, request } = resolved.requestContext;
    if (!document) return;
    let byName = this.verdicts.get(document);
    const name = request.operationName ?? '';
    if (byName?.has(name)) return;
    if (!byName) this.verdicts.set(document, (byName = new Map<string, SingleFetch | null>()));
    byName.set(name, singleFetchOf(resolved));
  };

  /** Apollo Gateway's executor with the single-fetch path in front of it. */
  wrap(executor: Executor, schema: GraphQLSchema): Executor {
    return async (requestContext) => {
      const single = this.settings.enabled() ? this.singleFetchFor(requestContext) : undefined;
      if (!single) {
        this.figures.planned += 1;
        return executor(requestContext);
      }
      const provided = requestContext.request.variables ?? {};
      if (single.variableDefinitions?.length) {
        const { errors } = getVariableValues(schema, single.variableDefinitions, provided);
        if (errors) return executor(requestContext);
      }
      const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const name of single.variableUsages) {
        if (Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
      }
      let response: SubgraphResponse;
      try {
        response = await single.dataSource.process({
          kind: 'incoming operation',
          request: { query: single.operation, variables, operationName: single.operationName },
          incomingRequestContext: requestContext,
          context: requestContext.context,
          pathInIncomingRequest: [],
        } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
      } catch (error) {
        // a refusal (401, 413 …): Apollo Gateway's execution receives the same error from the data source
        this.replays.set(requestContext, { serviceName: single.serviceName, error });
        this.figures.planned += 1;
        return executor(requestContext);
      }
      if (!response.errors?.length && response.data && typeof response.data === 'object') {
        this.figures.passed += 1;
        return { data: response.data } as Result;
      }
      this.replays.set(requestContext, { serviceName: single.serviceName, response });
      this.figures.planned += 1;
      return executor(requestContext);
    };
  }

  /**
   * The answer the single-fetch path already received for this request, handed to Apollo Gateway's execution of
   * the same fetch instead of a second request to the subgraph (once); an error it received is thrown again. Kept
   * per operation (Apollo Gateway's request context, passed to the data source as `incomingRequestContext`), not
   * per client context: the operations of a batched HTTP request share one context.
   */
  replayed(serviceName: string, requestContext: object | undefined): SubgraphResponse | undefined {
    if (!requestContext) return undefined;
    const replay = this.replays.get(requestContext);
    if (!replay || replay.serviceName !== serviceName) return undefined;
    this.replays.delete(requestContext);
    if ('error' in replay) throw replay.error;
    return replay.response;
  }

  /** Requests answered by passing the subgraph's data on, and requests executed by Apollo Gateway. */
  counts(): { passed: number; planned: number } {
    return { ...this.figures };
  }

  private singleFetchFor(requestContext: RequestContext): SingleFetch | undefined {
    const { document, request } = requestContext;
    return (document && this.verdicts.get(document)?.get(request.operationName ?? '')) ?? undefined;
  }
}

function singleFetchOf({ queryPlan, serviceMap, operationContext }: ResolvedPlan): SingleFetch | null {
  const node = queryPlan.node;
  if (!node || node.kind !== 'Fetch') return null;
  if (node.requires || node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length)
    return null;
  const client = operationContext.operation;
  if (client.operation !== OperationTypeNode.QUERY || node.operationKind !== OperationTypeNode.QUERY) return null;
  if (Object.keys(operationContext.fragments).length > 0) return null;
  const dataSource = serviceMap[node.serviceName];
  if (!dataSource) return null;
  const sent = parse(node.operation).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  // the same selection, printed: field for field, alias for alias, argument for argument, in the same order
  if (!sent || print(sent.selectionSet) !== print(client.selectionSet)) return null;
  return {
    serviceName: node.serviceName,
    dataSource,
    operation: node.operation,
    operationName: node.operationName,
    variableUsages: node.variableUsages ?? [],
    variableDefinitions: client.variableDefinitions,
  };
}
