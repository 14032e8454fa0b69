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
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { GraphQLShortcutOutcome, OperationCheck } from '@shequ/server';
import { ForwardingDataSource, type GatewayContext } from './forwarding-data-source.js';

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
  private readonly replays = new WeakMap<object, Replay>();
  /**
   * Query texts whose document Apollo Server has parsed, validated and checked, and that this path answered: the
   * document and schema it used, for the shortcut. Bounded (by count and by the texts' length).
   */
  private readonly checkedTexts = new LRUCache<string, { document: DocumentNode; schema: GraphQLSchema }>({
    max: 1_000,
    maxSize: 2_000_000,
    sizeCalculation: (_value, text) => Math.max(1, text.length),
  });
  private figures = { passed: 0, planned: 0, shortcut: 0, forwarded: 0 };

  constructor(
    private readonly settings: {
      enabled: () => boolean;
      forwardBytes?: boolean;
      /** The text of a trusted document by its id (sha256), for requests sent by id (persisted queries). */
      persistedText?: (sha256Hash: string) => string | undefined;
    },
  ) {}

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
        const { source, document, schema } = requestContext;
        if (source !== undefined && document && !this.checkedTexts.has(source))
          this.checkedTexts.set(source, { document, schema });
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
  replayed(serviceName: string, requestContext: object | undefined, context?: object): SubgraphResponse | undefined {
    const prefetched = (context as { [PREFETCHED]?: Prefetched } | undefined)?.[PREFETCHED];
    if (prefetched && !prefetched.used && prefetched.replay.serviceName === serviceName) {
      prefetched.used = true;
      if ('error' in prefetched.replay) throw prefetched.replay.error;
      return prefetched.replay.response;
    }
    if (!requestContext) return undefined;
    const replay = this.replays.get(requestContext);
    if (!replay || replay.serviceName !== serviceName) return undefined;
    this.replays.delete(requestContext);
    if ('error' in replay) throw replay.error;
    return replay.response;
  }

  /**
   * Requests answered by passing the subgraph's data on (`shortcut`: of them, those answered before Apollo Server;
   * `forwarded`: of those, the ones answered with the subgraph's bytes as they came), and requests executed by
   * Apollo Gateway.
   */
  counts(): { passed: number; planned: number; shortcut: number; forwarded: number } {
    return { ...this.figures };
  }

  /**
   * The shortcut in front of Apollo Server (the HTTP service's `graphqlShortcut`): a POST of a query text whose
   * document this path has already answered is checked as Apollo Server checks it and answered here, without
   * Apollo Server's per-request pipeline (request parsing, query hash, document cache, plugin hooks, content
   * negotiation, response assembly). Only the plain case: a JSON body with `query`, or a trusted document's id
   * (`persistedQueryOf`; other extensions go to Apollo Server), a JSON content type (so Apollo's CSRF check
   * passes), an `Accept` for which Apollo answers `application/json`, a context that builds (the caller is
   * identified), every operation check passing (query limits and cost for these variables, trusted documents),
   * valid variables, and an answer with data and without errors. Anything else is left to Apollo Server, with
   * the context already made; an answer already received (errors, a refusal) goes with it to Apollo Gateway's
   * execution (`replayed`), so the subgraph is asked once. The answer is what Apollo Server would send: status
   * 200, `{"data":…}` and its headers.
   */
  async shortcut(
    headers: IncomingHttpHeaders,
    body: unknown,
    makeContext: () => Promise<GatewayContext>,
    checks: ReadonlyArray<OperationCheck<GatewayContext>>,
  ): Promise<GraphQLShortcutOutcome<GatewayContext>> {
    if (!this.settings.enabled() || !isRecord(body)) return undefined;
    const { operationName, variables, extensions } = body;
    const query = extensions === undefined ? body.query : this.persistedQueryOf(body.query, extensions);
    if (typeof query !== 'string') return undefined;
    if (operationName !== undefined && operationName !== null && (typeof operationName !== 'string' || !operationName))
      return undefined;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
    const checked = this.checkedTexts.get(query);
    const single = checked && this.verdicts.get(checked.document)?.get(operationName ?? '');
    if (!checked || !single) return undefined;
    const accept = headers.accept;
    if (accept !== undefined && accept !== '' && !ANSWERED_AS_JSON.test(accept)) return undefined;
    if (!JSON_CONTENT_TYPE.test(headers['content-type'] ?? '')) return undefined;
    let context: GatewayContext;
    try {
      context = await makeContext();
    } catch {
      return undefined;
    }
    const provided = variables ?? {};
    try {
      const operation = { contextValue: context, document: checked.document, schema: checked.schema };
      for (const check of checks)
        check({ ...operation, operationName, request: { variables: provided }, source: query });
    } catch {
      return { context };
    }
    if (single.variableDefinitions?.length) {
      const { errors } = getVariableValues(checked.schema, single.variableDefinitions, provided);
      if (errors) return { context };
    }
    const sent: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of single.variableUsages) {
      if (Object.hasOwn(provided, name) && provided[name] !== undefined) sent[name] = provided[name];
    }
    const options = {
      kind: 'incoming operation',
      request: { query: single.operation, variables: sent, operationName: single.operationName },
      context,
      pathInIncomingRequest: [],
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    let response: SubgraphResponse;
    try {
      if (this.settings.forwardBytes !== false && single.dataSource instanceof ForwardingDataSource) {
        const outcome = await single.dataSource.forwardOrProcess(options);
        if ('bytes' in outcome) {
          // `{"data":{…}}\n` as the subgraph printed it: what `JSON.stringify({ data })` would print again
          this.figures.passed += 1;
          this.figures.shortcut += 1;
          this.figures.forwarded += 1;
          return { answer: { status: 200, headers: ANSWER_HEADERS, body: outcome.bytes } };
        }
        response = outcome.response;
      } else {
        response = await single.dataSource.process(options);
      }
    } catch (error) {
      return { context: withPrefetched(context, { serviceName: single.serviceName, error }) };
    }
    if (response.errors?.length || !response.data || typeof response.data !== 'object')
      return { context: withPrefetched(context, { serviceName: single.serviceName, response }) };
    this.figures.passed += 1;
    this.figures.shortcut += 1;
    return {
      answer: { status: 200, headers: ANSWER_HEADERS, body: `${JSON.stringify({ data: response.data })}\n` },
    };
  }

  /**
   * The text of a request sent by id: the extensions exactly `{ persistedQuery: { version: 1, sha256Hash } }` of a
   * trusted document, and the query text, if sent too, that very document (Apollo Server checks the hash of a text
   * sent with an id; the other cases — unknown ids, automatic persisted queries registered by callers, other
   * extensions — are left to it).
   */
  private persistedQueryOf(query: unknown, extensions: unknown): string | undefined {
    if (!this.settings.persistedText || !isRecord(extensions)) return undefined;
    const { persistedQuery, ...others } = extensions;
    if (Object.keys(others).length || !isRecord(persistedQuery)) return undefined;
    const { version, sha256Hash, ...rest } = persistedQuery;
    if (version !== 1 || typeof sha256Hash !== 'string' || Object.keys(rest).length) return undefined;
    const text = this.settings.persistedText(sha256Hash);
    return text !== undefined && (query === undefined || query === text) ? text : undefined;
  }

  private singleFetchFor(requestContext: RequestContext): SingleFetch | undefined {
    const { document, request } = requestContext;
    return (document && this.verdicts.get(document)?.get(request.operationName ?? '')) ?? undefined;
  }
}

type Replay = { serviceName: string; response: SubgraphResponse } | { serviceName: string; error: unknown };
/** An answer the shortcut received and left to Apollo Server, carried in the context (Apollo copies it per operation). */
interface Prefetched {
  replay: Replay;
  used: boolean;
}
const PREFETCHED = Symbol('single-fetch shortcut: the answer already received');

function withPrefetched(context: GatewayContext, replay: Replay): GatewayContext {
  Object.defineProperty(context, PREFETCHED, { value: { replay, used: false }, enumerable: true });
  return context;
}

/** The headers Apollo Server sends with a result (the cache-control plugin's `no-store` for an answer per caller). */
const ANSWER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-type': 'application/json; charset=utf-8',
});

/** Request content types Apollo Server's CSRF check lets through (and reads as JSON): `application/json`. */
const JSON_CONTENT_TYPE = /^\s*application\/json\s*(;|$)/i;
/** `Accept` values for which Apollo Server answers `application/json; charset=utf-8`. */
const ANSWERED_AS_JSON = /^\s*(\*\/\*|application\/json)\s*$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
